package io.peershare.server;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.glassfish.grizzly.http.Method;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;

/** Writes the server's small JSON responses: UTF-8, never cached. */
final class JsonResponses {

    private JsonResponses() {
    }

    /** Answers 405 for anything but GET and HEAD; returns whether the request may go on. */
    static boolean allowRead(Request request, Response response) throws IOException {
        Method method = request.getMethod();
        if (method == Method.GET || method == Method.HEAD) {
            return true;
        }
        response.setHeader("Allow", "GET, HEAD");
        write(request, response, 405, jakarta.json.Json.createObjectBuilder()
                .add("error", "method not allowed").build());
        return false;
    }

    static void write(Request request, Response response, int status, JsonObject body) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/json;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(bytes.length);
        if (request.getMethod() != Method.HEAD) {
            try (OutputStream out = response.getOutputStream()) {
                out.write(bytes);
            }
        }
    }
}
