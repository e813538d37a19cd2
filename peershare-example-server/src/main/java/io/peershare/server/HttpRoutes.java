package io.peershare.server;

import io.peershare.PeerShare;
import io.peershare.PeerShareStats;
import jakarta.json.Json;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The reference server's HTTP endpoints, whichever transport serves them (Netty or Grizzly):
 * {@code GET /health} (200 while serving, 503 while draining, so load balancers stop routing here first),
 * {@code GET /api/stats} (the engine's statistics and the process's own figures) and the demo page's files.
 * Thread-safe; called on transport threads.
 */
final class HttpRoutes {

    private final PeerShare engine;
    private final BooleanSupplier draining;
    private final Supplier<Map<String, String>> cluster;
    private final StaticFiles files = new StaticFiles();

    HttpRoutes(PeerShare engine, BooleanSupplier draining, Supplier<Map<String, String>> cluster) {
        this.engine = engine;
        this.draining = draining;
        this.cluster = cluster;
    }

    /** The answer to {@code method} on {@code path} (without its query). */
    HttpReply answer(String method, String path) {
        if (!method.equals("GET") && !method.equals("HEAD")) {
            HttpReply refused = HttpReply.json(405, Json.createObjectBuilder().add("error", "method not allowed").build());
            return new HttpReply(refused.status(), refused.contentType(),
                    Map.of("Allow", "GET, HEAD", "Cache-Control", "no-store"), refused.body());
        }
        return switch (path) {
            case "/health" -> health();
            case "/api/stats" -> stats();
            default -> files.find(path).orElseGet(() -> HttpReply.text(404, "not found\n"));
        };
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
