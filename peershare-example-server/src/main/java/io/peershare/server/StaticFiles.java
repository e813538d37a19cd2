package io.peershare.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The demo page and the browser client, from the class path folder {@code META-INF/resources/peershare/} (the
 * {@code peershare-web} jar), read once and kept, and served
 * with headers that keep the page from loading anything it did not come with: no scripts from elsewhere, no
 * framing, no content sniffing.
 */
final class StaticFiles {

    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
            + "style-src 'self'; img-src 'self' blob: data:; connect-src 'self' ws: wss: blob:; "
            + "media-src 'self' blob:; object-src 'none'; frame-ancestors 'none'; base-uri 'none'";
    private static final Map<String, String> SECURITY_HEADERS = Map.of(
            "Content-Security-Policy", CONTENT_SECURITY_POLICY,
            "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "no-referrer",
            "Cache-Control", "no-cache");
    /** A file of the folder or of a folder in it (the vendored libraries): no name starts with a dot, so no way up. */
    private static final Pattern FILE_NAME = Pattern.compile("([A-Za-z0-9_-][A-Za-z0-9._-]*/){0,2}[A-Za-z0-9_-][A-Za-z0-9._-]*");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html;charset=UTF-8",
            "js", "text/javascript;charset=UTF-8",
            "css", "text/css;charset=UTF-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon",
            "json", "application/json;charset=UTF-8");

    /** Where {@code peershare-web} keeps the page: the folder Servlet containers and Spring Boot serve too. */
    static final String FOLDER = "META-INF/resources/peershare/";

    private final Map<String, Optional<HttpReply>> cache = new ConcurrentHashMap<>();

    /** The file for {@code path} ({@code /} is {@code index.html}), or empty when there is none. */
    Optional<HttpReply> find(String path) {
        String name = path.equals("/") ? "index.html" : path.substring(1);
        if (!FILE_NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        return cache.computeIfAbsent(name, StaticFiles::load);
    }

    private static Optional<HttpReply> load(String name) {
        int dot = name.lastIndexOf('.');
        String type = dot < 0 ? null : TYPES.get(name.substring(dot + 1));
        if (type == null) {
            return Optional.empty();
        }
        try (InputStream in = StaticFiles.class.getClassLoader().getResourceAsStream(FOLDER + name)) {
            return in == null ? Optional.empty() : Optional.of(new HttpReply(200, type, SECURITY_HEADERS, in.readAllBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + FOLDER + name, e);
        }
    }
}
