package io.peershare.server;

import io.peershare.PeerShare;
import io.peershare.model.PeerShareStats;
import jakarta.json.Json;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The reference server's HTTP endpoints, whichever transport serves them (Netty or Grizzly):
 * {@code GET /health} (200 while serving, 503 while draining, so load balancers stop routing here first),
 * {@code GET /api/stats} (the engine's statistics and the process's own figures), {@code GET /metrics} (the same
 * and more as Prometheus time series), {@code GET /api/links} (the URLs another device can open the page at, for the
 * page's QR code) and the demo page's files. With a metrics token, {@code /api/stats} and {@code /metrics} answer
 * only a request that carries it as {@code Authorization: Bearer <token>}.
 *
 * <p>Every request counts against its client's address ({@link PeerShare#tryHttpRequest}): past the rate it is
 * answered 429 with {@code Connection: close}. {@code /api/stats} and {@code /metrics} are rendered at most once per
 * {@link #RENDER_INTERVAL}, so that scrapers cost the same however many they are.
 * Thread-safe; called on transport threads.
 */
final class HttpRoutes {

    /** How long a rendering of {@code /api/stats} or {@code /metrics} is served again. */
    static final Duration RENDER_INTERVAL = Duration.ofMillis(250);

    /** The request's header of this name, or {@code null}; names are matched ignoring case. */
    @FunctionalInterface
    interface Headers {
        String get(String name);
    }

    private final PeerShare engine;
    private final BooleanSupplier draining;
    private final Supplier<Map<String, String>> cluster;
    private final StaticFiles files = new StaticFiles();
    private final ServerMetrics metrics;
    private final byte[] expectedAuthorization;
    private final Supplier<HttpReply> stats;
    private final Supplier<HttpReply> scrape;
    private final String forwardedHeader;
    /** What {@code /api/links} answers, once the server knows; {@code null} in a container, which cannot tell. */
    private volatile List<String> links;

    /**
     * @param metrics      what {@code /metrics} serves; {@code null} for no {@code /metrics}
     * @param metricsToken the token {@code /metrics} and {@code /api/stats} require; {@code null} for none
     */
    HttpRoutes(PeerShare engine, BooleanSupplier draining, Supplier<Map<String, String>> cluster,
            ServerMetrics metrics, String metricsToken) {
        this.engine = engine;
        this.draining = draining;
        this.cluster = cluster;
        this.metrics = metrics;
        this.expectedAuthorization = metricsToken == null ? null
                : ("Bearer " + metricsToken).getBytes(StandardCharsets.UTF_8);
        this.stats = new RenderedAtMostEvery<>(RENDER_INTERVAL, Clock.systemUTC(), () -> rendered(stats()));
        this.scrape = metrics == null ? null : new RenderedAtMostEvery<>(RENDER_INTERVAL, Clock.systemUTC(),
                () -> rendered(HttpReply.prometheus(metrics.scrape())));
        this.forwardedHeader = engine.config().trustedProxyHeader().headerName();
    }

    /**
     * From now on {@code GET /api/links} answers {@code urls}: the reference server's {@link PageLinks}, once it has
     * bound its port.
     */
    void links(List<String> urls) {
        links = List.copyOf(urls);
    }

    /**
     * The answer to {@code method} on {@code path} (without its query) for a client at {@code remote} (the socket's
     * peer; {@code null} when unknown), with the request's {@code headers}.
     */
    HttpReply answer(String method, String path, Headers headers, InetSocketAddress remote) {
        return answer(method, path, headers, remote, null);
    }

    /**
     * As {@link #answer(String, String, Headers, InetSocketAddress)}, where the request reached the page at
     * {@code pageUrl} (such as {@code https://share.example.com/peershare/}; {@code null} when unknown):
     * {@code /api/links} answers it when it has no links of its own.
     */
    HttpReply answer(String method, String path, Headers headers, InetSocketAddress remote, String pageUrl) {
        if (remote != null && !engine.tryHttpRequest(remote, forwardedBy(headers))) {
            return TOO_MANY_REQUESTS;
        }
        String authorization = headers.get("Authorization");
        if (!method.equals("GET") && !method.equals("HEAD")) {
            HttpReply refused = HttpReply.json(405, Json.createObjectBuilder().add("error", "method not allowed").build());
            return new HttpReply(refused.status(), refused.contentType(),
                    Map.of("Allow", "GET, HEAD", "Cache-Control", "no-store"), refused.body());
        }
        return switch (path) {
            case "/health" -> health();
            case "/api/stats" -> authorized(authorization) ? stats.get() : unauthorized();
            case "/api/links" -> links(pageUrl);
            case "/metrics" -> scrape == null ? HttpReply.text(404, "not found\n")
                    : authorized(authorization) ? scrape.get() : unauthorized();
            default -> files.find(path).orElseGet(() -> HttpReply.text(404, "not found\n"));
        };
    }

    /** The name of the header that says when a rendering was made, in milliseconds since the epoch. */
    static final String RENDERED_AT = "Rendered-At";

    /** {@code reply} with the time it was made, so that a reader knows how old a served rendering is. */
    private static HttpReply rendered(HttpReply reply) {
        Map<String, String> headers = new java.util.HashMap<>(reply.headers());
        headers.put(RENDERED_AT, Long.toString(System.currentTimeMillis()));
        return new HttpReply(reply.status(), reply.contentType(), Map.copyOf(headers), reply.body());
    }

    /** 429, and the connection closed: a client past its rate should open a new one later, not keep this one. */
    private static final HttpReply TOO_MANY_REQUESTS = new HttpReply(429, "text/plain;charset=UTF-8",
            Map.of("Retry-After", "1", "Cache-Control", "no-store", "Connection", "close"),
            "too many requests from your address: slow down\n".getBytes(StandardCharsets.UTF_8));

    /** The one header a trusted proxy names its client in, if the request has it; the engine decides whether to believe it. */
    private Map<String, List<String>> forwardedBy(Headers headers) {
        String value = headers.get(forwardedHeader);
        return value == null ? Map.of() : Map.of(forwardedHeader, List.of(value));
    }

    /** Compared in constant time, so that the token cannot be guessed a character at a time. */
    private boolean authorized(String authorization) {
        return expectedAuthorization == null || (authorization != null
                && MessageDigest.isEqual(expectedAuthorization, authorization.getBytes(StandardCharsets.UTF_8)));
    }

    private static HttpReply unauthorized() {
        HttpReply refused = HttpReply.json(401, Json.createObjectBuilder()
                .add("error", "this endpoint needs Authorization: Bearer <METRICS_TOKEN>").build());
        return new HttpReply(401, refused.contentType(),
                Map.of("WWW-Authenticate", "Bearer realm=\"peershare\"", "Cache-Control", "no-store"), refused.body());
    }

    private HttpReply health() {
        PeerShareStats stats = engine.stats();
        boolean drain = draining.getAsBoolean();
        return HttpReply.json(drain ? 503 : 200, Json.createObjectBuilder()
                .add("status", drain ? "draining" : "ok")
                .add("uptimeSeconds", stats.uptime().toSeconds())
                .add("connections", stats.connections())
                .add("users", stats.users())
                .add("networks", stats.networks())
                .add("cluster", Json.createObjectBuilder(Map.<String, Object>copyOf(cluster.get())))
                .build());
    }

    /** {@code {"urls":[...]}}: the server's links, else the page the request reached, else none. */
    private HttpReply links(String pageUrl) {
        List<String> urls = links != null ? links : pageUrl != null ? List.of(pageUrl) : List.of();
        return HttpReply.json(200, Json.createObjectBuilder().add("urls", Json.createArrayBuilder(urls)).build());
    }

    private HttpReply stats() {
        Runtime runtime = Runtime.getRuntime();
        return HttpReply.json(200, Json.createObjectBuilder(engine.stats().toJson())
                .add("process", Json.createObjectBuilder()
                        .add("availableProcessors", runtime.availableProcessors())
                        .add("threads", Thread.activeCount())
                        .add("javaVersion", Runtime.version().toString()))
                .build());
    }
}
