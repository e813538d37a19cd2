package io.peershare.war;

import io.peershare.server.HttpReply;
import io.peershare.server.ServerEngine;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;

/**
 * The reference server's HTTP answers ({@link ServerEngine#answer}) under the application's context path:
 * {@code /health}, {@code /api/stats}, {@code /metrics}, {@code /api/links} (this page's own URL, as the request
 * reached it) and the demo page. Mapped to {@code /}, so every request the WebSocket endpoint does not take comes
 * here; methods other than GET and HEAD get 405, as there.
 *
 * <p>A request for the endpoint's path that reaches this servlet was not upgraded: with a foreign Origin it gets
 * 403, otherwise 400, as from the reference server. (Tomcat answers a foreign Origin with 403 itself; Undertow
 * passes the request on to the servlets.)
 */
public final class PeerShareHttpServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ServerEngine server = (ServerEngine) getServletContext().getAttribute(PeerShareWebapp.SERVER_ATTRIBUTE);
        if (server == null) {
            response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            return;
        }
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        ServerEndpointConfig endpoint = (ServerEndpointConfig) getServletContext()
                .getAttribute(PeerShareWebapp.ENDPOINT_ATTRIBUTE);
        if (endpoint != null && path.equals(endpoint.getPath())) {
            boolean allowed = endpoint.getConfigurator().checkOrigin(request.getHeader("Origin"));
            response.sendError(allowed ? HttpServletResponse.SC_BAD_REQUEST : HttpServletResponse.SC_FORBIDDEN);
            return;
        }
        HttpReply reply = server.answer(request.getMethod(), path, request::getHeader,
                new InetSocketAddress(request.getRemoteAddr(), request.getRemotePort()), pageUrl(request));
        response.setStatus(reply.status());
        response.setContentType(reply.contentType());
        for (Map.Entry<String, String> header : reply.headers().entrySet()) {
            response.setHeader(header.getKey(), header.getValue());
        }
        response.setContentLength(reply.body().length);
        if (!request.getMethod().equals("HEAD")) {
            response.getOutputStream().write(reply.body());
        }
    }

    /**
     * The demo page's URL as this request reached it, for {@code /api/links}: the scheme, host and port the container
     * sees (behind a proxy, what its forwarding configuration makes of them) and the application's context path.
     */
    private static String pageUrl(HttpServletRequest request) {
        String url = request.getRequestURL().toString();
        return url.substring(0, url.length() - request.getRequestURI().length()) + request.getContextPath() + "/";
    }
}
