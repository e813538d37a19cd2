package io.peershare.server;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.Map;
import org.glassfish.grizzly.http.Method;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;

/** The server's {@link HttpRoutes} on Grizzly, beside Tyrus. */
final class GrizzlyHttpRoutes extends HttpHandler {

    private final HttpRoutes routes;

    GrizzlyHttpRoutes(HttpRoutes routes) {
        this.routes = routes;
    }

    @Override
    public void service(Request request, Response response) throws Exception {
        HttpReply reply = routes.answer(request.getMethod().getMethodString(), request.getRequestURI(),
                request::getHeader, new InetSocketAddress(request.getRemoteAddr(), request.getRemotePort()));
        response.setStatus(reply.status());
        response.setContentType(reply.contentType());
        for (Map.Entry<String, String> header : reply.headers().entrySet()) {
            response.setHeader(header.getKey(), header.getValue());
        }
        response.setContentLength(reply.body().length);
        if (request.getMethod() != Method.HEAD) {
            try (OutputStream out = response.getOutputStream()) {
                out.write(reply.body());
            }
        }
    }
}
