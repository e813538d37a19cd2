package io.peershare.server;

import io.peershare.PeerShare;
import jakarta.json.Json;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;

/** {@code GET /api/stats}: the engine's statistics snapshot plus the process's own figures. */
final class StatsHandler extends HttpHandler {

    private final PeerShare engine;

    StatsHandler(PeerShare engine) {
        this.engine = engine;
    }

    @Override
    public void service(Request request, Response response) throws Exception {
        if (!JsonResponses.allowRead(request, response)) {
            return;
        }
        Runtime runtime = Runtime.getRuntime();
        JsonResponses.write(request, response, 200, Json.createObjectBuilder(engine.stats().toJson())
                .add("process", Json.createObjectBuilder()
                        .add("availableProcessors", runtime.availableProcessors())
                        .add("threads", Thread.activeCount())
                        .add("javaVersion", Runtime.version().toString()))
                .build());
    }
}
