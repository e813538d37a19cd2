package io.peershare.bench;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The server's heap in use and its other statistics, from its /api/stats. */
final class Heap {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private Heap() {
    }

    static long used(URI wsUrl) throws Exception {
        return stats(wsUrl).getJsonObject("memory").getJsonNumber("heapUsedBytes").longValue();
    }

    /**
     * The server's whole {@code /api/stats}, rendered after this call began: the server serves one rendering for up to
     * a quarter of a second and says when it was made in {@code Rendered-At}, and a heap read just after a collection
     * must not come from a rendering made before it.
     */
    static JsonObject stats(URI wsUrl) throws Exception {
        URI stats = URI.create(wsUrl.toString().replaceFirst("^ws", "http").replaceFirst("/ws$", "/api/stats"));
        long asked = System.currentTimeMillis();
        while (true) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(stats).build(),
                    HttpResponse.BodyHandlers.ofString());
            long rendered = response.headers().firstValueAsLong("Rendered-At").orElse(Long.MAX_VALUE);
            if (rendered >= asked || System.currentTimeMillis() - asked > 3_000) {
                return Json.createReader(new StringReader(response.body())).readObject();
            }
            Thread.sleep(50);
        }
    }
}
