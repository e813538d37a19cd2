package io.peershare.server;

import io.peershare.AllowedOrigins;
import io.peershare.config.PeerShareConfig;
import io.peershare.config.TurnCredentials;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The reference server's settings, read from environment variables (and a {@code .env} file, which the real
 * environment overrides). Immutable. Every variable, its default and what it allows is in
 * {@link EnvironmentSettings} and {@code docs/operations.md}.
 *
 * @param host            bind address ({@code HOST})
 * @param port            TCP port ({@code PORT}; 0 picks a free one)
 * @param production      {@code NODE_ENV=production}; anything else is development
 * @param allowedOrigins  browser origins allowed to connect ({@code FRONTEND_URL}); empty means any origin,
 *                        which only development allows
 * @param drainDelay      how long {@code /health} answers 503 before clients are closed on shutdown
 *                        ({@code SHUTDOWN_DRAIN_SECONDS}), so a load balancer can stop routing first
 * @param shutdownTimeout how long shutdown waits for clients to close ({@code SHUTDOWN_TIMEOUT_SECONDS})
 * @param redisUrl        {@code REDIS_URL}: when set, this node joins a cluster of nodes sharing that Redis;
 *                        {@code null} for a single node
 * @param nodeId          {@code NODE_ID}: this node's id in the cluster; {@code null} for a random one
 * @param engine          the engine's settings ({@code MAX_USERS_PER_NETWORK}, {@code MAX_FILE_SIZE}, ...)
 * @param transport       which server carries the endpoint ({@code TRANSPORT})
 * @param ioThreads       Netty's event loops ({@code IO_THREADS}); one per processor by default
 * @param requireOrigin   refuse WebSocket handshakes without an {@code Origin} header ({@code REQUIRE_ORIGIN});
 *                        browsers always send one, so production refuses them by default
 * @param handshakeTimeout how long a connection may take to send a whole request, its WebSocket handshake
 *                        included ({@code HANDSHAKE_TIMEOUT_SECONDS})
 * @param acceptBacklog   connections the kernel may hold for the server to accept ({@code ACCEPT_BACKLOG}); the
 *                        kernel caps it at {@code net.core.somaxconn}
 * @param jsonLogs        log one JSON object per line ({@code LOG_FORMAT=json})
 * @param metrics         serve {@code GET /metrics} ({@code METRICS})
 * @param metricsToken    when not {@code null}, the bearer token {@code /metrics} and {@code /api/stats} require
 *                        ({@code METRICS_TOKEN})
 * @param tls             whether the port speaks HTTPS and WSS, and with which certificate ({@code TLS_CERT},
 *                        {@code TLS_KEY}, {@code TLS_SELF_SIGNED}, {@code TLS_SELF_SIGNED_DIR})
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
        PeerShareConfig engine,
        TransportKind transport,
        int ioThreads,
        boolean requireOrigin,
        Duration handshakeTimeout,
        int acceptBacklog,
        boolean jsonLogs,
        boolean metrics,
        String metricsToken,
        TlsSettings tls) {

    public ServerConfig {
        allowedOrigins = List.copyOf(allowedOrigins);
        Objects.requireNonNull(tls, "tls");
        if (ioThreads < 1) {
            throw new IllegalArgumentException("ioThreads must be at least 1, was " + ioThreads);
        }
    }

    /** The origin rule every endpoint of the server applies: {@code FRONTEND_URL} (any when empty), {@code REQUIRE_ORIGIN}. */
    public AllowedOrigins origins() {
        return AllowedOrigins.onlyOrAnyIfEmpty(allowedOrigins).requireOrigin(requireOrigin);
    }

    /** The same settings on another transport. */
    public ServerConfig withTransport(TransportKind value) {
        return new ServerConfig(host, port, production, allowedOrigins, drainDelay, shutdownTimeout, redisUrl, nodeId,
                engine, value, ioThreads, requireOrigin, handshakeTimeout, acceptBacklog, jsonLogs, metrics, metricsToken,
                tls);
    }

    /**
     * Reads the process environment over a {@code .env} file in {@code directory}, if there is one.
     *
     * @throws ConfigurationException naming every variable that is wrong, its value and what is allowed, one line each
     */
    public static ServerConfig load(Path directory) {
        return load(directory, System.getenv());
    }

    /** Reads {@code environment} over a {@code .env} file in {@code directory}, if there is one. */
    static ServerConfig load(Path directory, Map<String, String> environment) {
        return ServerEnvironment.read(directory, environment).config();
    }

    /** @throws ConfigurationException naming every variable that is wrong, its value and what is allowed, one line each */
    public static ServerConfig fromEnvironment(Map<String, String> environment) {
        return EnvironmentSettings.read(environment);
    }

    /** Collects what {@link EnvironmentSettings} reads. It starts empty: the defaults are in that table. */
    static final class Builder {
        String host;
        int port;
        boolean production;
        List<String> allowedOrigins = List.of();
        Duration drainDelay;
        Duration shutdownTimeout;
        String redisUrl;
        String nodeId;
        final PeerShareConfig.Builder engine = PeerShareConfig.builder();
        TransportKind transport;
        int ioThreads = Runtime.getRuntime().availableProcessors();
        Boolean requireOrigin;
        Duration handshakeTimeout;
        int acceptBacklog;
        List<String> turnUrls = List.of();
        String turnSecret;
        Duration turnCredentialTtl;
        boolean jsonLogs;
        boolean metrics = true;
        String metricsToken;
        Path tlsCertificate;
        Path tlsKey;
        boolean tlsSelfSigned;
        Path tlsSelfSignedDirectory;

        /** @throws IllegalArgumentException when the engine refuses its settings */
        ServerConfig build() {
            if (!turnUrls.isEmpty() || turnSecret != null) {
                if (turnUrls.isEmpty() || turnSecret == null) {
                    throw new IllegalArgumentException("TURN_URLS and TURN_SECRET go together: set both, or neither");
                }
                engine.turnCredentials(new TurnCredentials(turnUrls, turnSecret, turnCredentialTtl));
            }
            return new ServerConfig(host, port, production, allowedOrigins, drainDelay, shutdownTimeout, redisUrl,
                    nodeId, engine.build(), transport, ioThreads, requireOrigin != null ? requireOrigin : production,
                    handshakeTimeout, acceptBacklog, jsonLogs, metrics, metricsToken,
                    new TlsSettings(tlsCertificate, tlsKey, tlsSelfSigned, tlsSelfSignedDirectory));
        }
    }
}
