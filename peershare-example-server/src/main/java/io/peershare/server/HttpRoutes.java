package io.peershare.server;

import io.peershare.PeerShare;
import io.peershare.PeerShareStats;
import jakarta.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The reference server's HTTP endpoints, whichever transport serves them (Netty or Grizzly):
 * {@code GET /health} (200 while serving, 503 while draining, so load balancers stop routing here first),
 * {@code GET /api/stats} (the engine's statistics and the process's own figures), {@code GET /metrics} (the same
 * and more as Prometheus time series) and the demo page's files. With a metrics token, {@code /api/stats} and
 * {@code /metrics} answer only a request that carries it as {@code Authorization: Bearer <token>}.
 * Thread-safe; called on transport threads.
 */
final class HttpRoutes {

    private final PeerShare engine;
    private final BooleanSupplier draining;
    private final Supplier<Map<String, String>> cluster;
    private final StaticFiles files = new StaticFiles();
    private final ServerMetrics metrics;
    private final byte[] expectedAuthorization;

    /**
     * @param metrics      what {@code /metrics} serves; {@code null} for no {@code /metrics}
     * @param metricsToken the token {@code /metrics} and {@code /api/stats} require; {@code null} for none
     */
    HttpRoutes(PeerShare engine, BooleanSupplier draining, Supplier<Map<String, String>> cluster,
            ServerMetrics metrics, String metricsToken) {
        this.engine = engine;
        this.draining = draining;
        this.cluster = cluster;
        this.metrics = metrics;
        this.expectedAuthorization = metricsToken == null ? null
                : ("Bearer " + metricsToken).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The answer to {@code method} on {@code path} (without its query); {@code authorization} is the request's
     * {@code Authorization} header, or {@code null}.
     */
    HttpReply answer(String method, String path, String authorization) {
        if (!method.equals("GET") && !method.equals("HEAD")) {
            HttpReply refused = HttpReply.json(405, Json.createObjectBuilder().add("error", "method not allowed").build());
            return new HttpReply(refused.status(), refused.contentType(),
                    Map.of("Allow", "GET, HEAD", "Cache-Control", "no-store"), refused.body());
        }
        return switch (path) {
            case "/health" -> health();
            case "/api/stats" -> authorized(authorization) ? stats() : unauthorized();
            case "/metrics" -> metrics == null ? HttpReply.text(404, "not found\n")
                    : authorized(authorization) ? HttpReply.prometheus(metrics.scrape()) : unauthorized();
            default -> files.find(path).orElseGet(() -> HttpReply.text(404, "not found\n"));
        };
    }

    /** Compared in constant time, so that the token cannot be guessed a character at a time. */
    private boolean authorized(String authorization) {
        return expectedAuthorization == null || (authorization != null
                && MessageDigest.isEqual(expectedAuthorization, authorization.getBytes(StandardCharsets.UTF_8)));
    }

    private static HttpReply unauthorized() {
        HttpReply refused = HttpReply.json(401, Json.createObjectBuilder()
                .add("error", "this endpoint needs Authorization: Bearer <METRICS_TOKEN>").build());
        return new HttpReply(401, refused.contentType(),
                Map.of("WWW-Authenticate", "Bearer realm=\"peershare\"", "Cache-Control", "no-store"), refused.body());
    }

    private HttpReply health() {
        PeerShareStats stats = engine.stats();
        boolean drain = draining.getAsBoolean();
        return HttpReply.json(drain ? 503 : 200, Json.createObjectBuilder()
                .add("status", drain ? "draining" : "ok")
                .add("uptimeSeconds", stats.uptime().toSeconds())
                .add("connections", stats.connections())
                .add("users", stats.users())
                .add("networks", stats.networks())
                .add("cluster", Json.createObjectBuilder(Map.<String, Object>copyOf(cluster.get())))
                .build());
    }

    private HttpReply stats() {
        Runtime runtime = Runtime.getRuntime();
        return HttpReply.json(200, Json.createObjectBuilder(engine.stats().toJson())
                .add("process", Json.createObjectBuilder()
                        .add("availableProcessors", runtime.availableProcessors())
                        .add("threads", Thread.activeCount())
                        .add("javaVersion", Runtime.version().toString()))
                .build());
    }
}
