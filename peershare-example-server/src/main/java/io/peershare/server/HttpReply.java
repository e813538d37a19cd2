package io.peershare.server;

import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One answer of the server's HTTP routes, independent of the transport that sends it
 * ({@link ServerEngine#answer}).
 *
 * @param status      the HTTP status
 * @param contentType the {@code Content-Type}
 * @param headers     further headers
 * @param body        the body; a transport leaves it out for {@code HEAD} but keeps its length
 */
public record HttpReply(int status, String contentType, Map<String, String> headers, byte[] body) {

    static HttpReply json(int status, JsonObject body) {
        return new HttpReply(status, "application/json;charset=UTF-8", Map.of("Cache-Control", "no-store"),
                body.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Prometheus's text exposition format, version 0.0.4. */
    static HttpReply prometheus(String body) {
        return new HttpReply(200, "text/plain; version=0.0.4; charset=utf-8", Map.of("Cache-Control", "no-store"),
                body.getBytes(StandardCharsets.UTF_8));
    }

    static HttpReply text(int status, String body) {
        return new HttpReply(status, "text/plain;charset=UTF-8", Map.of("Cache-Control", "no-store"),
                body.getBytes(StandardCharsets.UTF_8));
    }
}
