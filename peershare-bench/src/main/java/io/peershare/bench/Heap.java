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

    /** The server's whole {@code /api/stats}. */
    static JsonObject stats(URI wsUrl) throws Exception {
        URI stats = URI.create(wsUrl.toString().replaceFirst("^ws", "http").replaceFirst("/ws$", "/api/stats"));
        String body = HTTP.send(HttpRequest.newBuilder(stats).build(), HttpResponse.BodyHandlers.ofString()).body();
        return Json.createReader(new StringReader(body)).readObject();
    }
}
