package io.peershare.server;

import io.github.cdimascio.dotenv.Dotenv;
import io.peershare.PeerShareConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The reference server's settings, read from environment variables (and a {@code .env} file, which the real
 * environment overrides). Immutable.
 *
 * @param host            bind address ({@code HOST}, default {@code 0.0.0.0})
 * @param port            TCP port ({@code PORT}, default 4000; 0 picks a free one)
 * @param production      {@code NODE_ENV=production}; anything else is development
 * @param allowedOrigins  browser origins allowed to connect ({@code FRONTEND_URL}, comma-separated); empty
 *                        means any origin, which only development allows
 * @param drainDelay      how long {@code /health} answers 503 before clients are closed on shutdown
 *                        ({@code SHUTDOWN_DRAIN_SECONDS}, default 0), so a load balancer can stop routing first
 * @param shutdownTimeout how long shutdown waits for clients to close ({@code SHUTDOWN_TIMEOUT_SECONDS}, default 10)
 * @param redisUrl        {@code REDIS_URL}: when set, this node joins a cluster of nodes sharing that Redis;
 *                        {@code null} for a single node
 * @param nodeId          {@code NODE_ID}: this node's id in the cluster; {@code null} for a random one
 * @param engine          the engine's settings ({@code MAX_USERS_PER_NETWORK}, {@code MESSAGE_RETENTION_HOURS},
 *                        {@code MAX_FILE_SIZE}, ...; see {@link PeerShareConfig#fromEnvironment})
 */
public record ServerConfig(
        String host,
        int port,
        boolean production,
        List<String> allowedOrigins,
        Duration drainDelay,
        Duration shutdownTimeout,
        String redisUrl,
        String nodeId,
        PeerShareConfig engine) {

    public ServerConfig {
        allowedOrigins = List.copyOf(allowedOrigins);
    }

    /** Reads the process environment over a {@code .env} file in {@code directory}, if there is one. */
    public static ServerConfig load(Path directory) {
        return load(directory, System.getenv());
    }

    /** Reads {@code environment} over a {@code .env} file in {@code directory}, if there is one. */
    static ServerConfig load(Path directory, Map<String, String> environment) {
        Map<String, String> merged = new HashMap<>();
        Dotenv.configure().directory(directory.toString()).ignoreIfMissing().load()
                .entries(Dotenv.Filter.DECLARED_IN_ENV_FILE)
                .forEach(entry -> merged.put(entry.getKey(), entry.getValue()));
        merged.putAll(environment);
        return fromEnvironment(merged);
    }

    /** @throws IllegalArgumentException whose message names the variable that is wrong */
    public static ServerConfig fromEnvironment(Map<String, String> env) {
        String nodeEnv = env.getOrDefault("NODE_ENV", "development").trim().toLowerCase(Locale.ROOT);
        if (!nodeEnv.equals("development") && !nodeEnv.equals("production") && !nodeEnv.equals("test")) {
            throw new IllegalArgumentException("NODE_ENV must be development, production or test, was '"
                    + env.get("NODE_ENV") + "'");
        }
        boolean production = nodeEnv.equals("production");
        List<String> origins = Arrays.stream(env.getOrDefault("FRONTEND_URL", "").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (production && origins.isEmpty()) {
            throw new IllegalArgumentException(
                    "FRONTEND_URL is required when NODE_ENV=production (the origins allowed to connect, comma-separated)");
        }
        String host = env.getOrDefault("HOST", "0.0.0.0").trim();
        if (host.isEmpty()) {
            throw new IllegalArgumentException("HOST must not be empty");
        }
        String redisUrl = blankToNull(env.get("REDIS_URL"));
        if (redisUrl != null && !redisUrl.startsWith("redis://") && !redisUrl.startsWith("rediss://")) {
            throw new IllegalArgumentException("REDIS_URL must start with redis:// or rediss://, was '" + redisUrl + "'");
        }
        String nodeId = blankToNull(env.get("NODE_ID"));
        if (nodeId != null && !nodeId.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("NODE_ID must be 1 to 64 letters, digits, '.', '_' or '-', was '" + nodeId + "'");
        }
        PeerShareConfig engine = PeerShareConfig.fromEnvironment(env).build();
        return new ServerConfig(host, intIn(env, "PORT", 4000, 0, 65535), production, origins,
                Duration.ofSeconds(intIn(env, "SHUTDOWN_DRAIN_SECONDS", 0, 0, 300)),
                Duration.ofSeconds(intIn(env, "SHUTDOWN_TIMEOUT_SECONDS", 10, 1, 300)),
                redisUrl, nodeId, engine);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static int intIn(Map<String, String> env, String name, int fallback, int min, int max) {
        String raw = env.get(name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        int value;
        try {
            value = Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, was '" + raw + "'");
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", was " + value);
        }
        return value;
    }
}
