package io.peershare.server;

import io.peershare.PeerShare;
import io.peershare.PeerShareStats;
import jakarta.json.Json;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;

/** {@code GET /health}: 200 while serving, 503 while draining, so load balancers stop routing here first. */
final class HealthHandler extends HttpHandler {

    private final PeerShare engine;
    private final BooleanSupplier draining;
    private final Supplier<Map<String, String>> cluster;

    HealthHandler(PeerShare engine, BooleanSupplier draining, Supplier<Map<String, String>> cluster) {
        this.engine = engine;
        this.draining = draining;
        this.cluster = cluster;
    }

    @Override
    public void service(Request request, Response response) throws Exception {
        if (!JsonResponses.allowRead(request, response)) {
            return;
        }
        PeerShareStats stats = engine.stats();
        boolean drain = draining.getAsBoolean();
        JsonResponses.write(request, response, drain ? 503 : 200, Json.createObjectBuilder()
                .add("status", drain ? "draining" : "ok")
                .add("uptimeSeconds", stats.uptime().toSeconds())
                .add("connections", stats.connections())
                .add("users", stats.users())
                .add("networks", stats.networks())
                .add("cluster", Json.createObjectBuilder(Map.<String, Object>copyOf(cluster.get())))
                .build());
    }
}
