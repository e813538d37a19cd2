package io.peershare.server;

import org.glassfish.grizzly.http.server.CLStaticHttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;

/**
 * Serves the demo page from the class path folder {@code static/}, with headers that keep the page from
 * loading anything it did not come with: no scripts from elsewhere, no framing, no content sniffing.
 */
final class StaticPageHandler extends CLStaticHttpHandler {

    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
            + "style-src 'self'; img-src 'self' blob: data:; connect-src 'self' ws: wss: blob:; "
            + "media-src 'self' blob:; object-src 'none'; frame-ancestors 'none'; base-uri 'none'";

    StaticPageHandler() {
        super(StaticPageHandler.class.getClassLoader(), "/static/");
        setFileCacheEnabled(false);
    }

    @Override
    public void service(Request request, Response response) throws Exception {
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Cache-Control", "no-cache");
        super.service(request, response);
    }
}
