package io.peershare.server;

import io.peershare.PeerShare;
import io.peershare.jakarta.PeerShareEndpointConfig;
import io.peershare.jakarta.SocketIoEndpointConfig;
import io.peershare.redis.RedisClusterNode;
import io.peershare.redis.RedisTarget;
import io.peershare.socketio.EngineIoServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.function.Function;

/**
 * The reference server's engine with what it keeps beside it, whatever serves them: the cluster (a single node,
 * or one node of a Redis cluster with {@code REDIS_URL}), the meters {@code /metrics} serves, and the answers of
 * its HTTP endpoints. {@link PeerShareServer} runs one on its own listener; a servlet container runs one per web
 * application ({@code peershare-example-war}).
 *
 * <pre>{@code
 * ServerEngine server = ServerEngine.start(ServerConfig.fromEnvironment(settings));
 * container.addEndpoint(server.endpoint().build());
 * HttpReply reply = server.answer("GET", "/health", request::getHeader, remoteAddress, pageUrl);
 * }</pre>
 *
 * <p>Threading: {@link #answer} and {@link #drain} may be called from any thread.
 */
public final class ServerEngine implements AutoCloseable {

    private final ServerConfig config;
    private final PeerShare engine;
    /** This node of the Redis cluster, or {@code null} for a single node. */
    private final RedisClusterNode cluster;
    private final ServerMetrics metrics;
    private final HttpRoutes routes;
    private volatile boolean draining;
    private EngineIoServer socketIo;

    private ServerEngine(ServerConfig config, PeerShare engine, RedisClusterNode cluster, ServerMetrics metrics) {
        this.config = config;
        this.engine = engine;
        this.cluster = cluster;
        this.metrics = metrics;
        this.routes = new HttpRoutes(engine, () -> draining,
                () -> cluster == null ? Map.of("mode", "single-node") : cluster.health(),
                metrics, config.metricsToken());
    }

    /**
     * Builds the engine, joining the cluster when the configuration names one.
     *
     * @throws IOException when Redis cannot be reached
     */
    public static ServerEngine start(ServerConfig config) throws IOException {
        RedisClusterNode cluster = joinCluster(config);
        ServerMetrics metrics = config.metrics() ? new ServerMetrics() : null;
        PeerShare.Builder builder = PeerShare.builder().config(config.engine());
        if (cluster != null) {
            cluster.apply(builder);
        }
        PeerShare engine = (metrics == null ? builder : builder.metrics(metrics.recorder())).build();
        if (metrics != null) {
            metrics.bind(engine, cluster == null ? null : cluster.cluster());
        }
        return new ServerEngine(config, engine, cluster, metrics);
    }

    private static RedisClusterNode joinCluster(ServerConfig config) throws IOException {
        if (config.redisUrl() == null) {
            return null;
        }
        try {
            return RedisClusterNode.connect(RedisTarget.of(config.redisUrl()), config.nodeId(), config.engine());
        } catch (IllegalStateException e) {
            throw new IOException(e.getMessage() + " (REDIS_URL)", e);
        }
    }

    public PeerShare engine() {
        return engine;
    }

    public ServerConfig config() {
        return config;
    }

    HttpRoutes routes() {
        return routes;
    }

    /**
     * The Jakarta WebSocket endpoint at {@value PeerShareServer#WEBSOCKET_PATH} as the configuration asks:
     * allowed origins ({@code FRONTEND_URL}; any in development when none are set), {@code REQUIRE_ORIGIN}, and
     * a frame limit of twice the engine's. The caller adds what its container needs and builds it.
     */
    public PeerShareEndpointConfig.Builder endpoint() {
        return PeerShareEndpointConfig.builder(engine)
                .path(PeerShareServer.WEBSOCKET_PATH)
                .maxTextMessageSize(2 * config.engine().maxFrameSize())
                .allowedOrigins(config.origins());
    }

    /**
     * The Socket.IO endpoint at {@value PeerShareServer#SOCKET_IO_PATH} for a Jakarta WebSocket container, with the
     * same origin rule as {@link #endpoint}: Engine.IO's WebSocket transport only, since the container shows it no
     * plain HTTP requests (clients connect with {@code transports: ["websocket"]}). Its Engine.IO sessions end when
     * this closes. The caller adds what its container needs (a close executor of its own) and builds it, once.
     */
    public synchronized SocketIoEndpointConfig.Builder socketIoEndpoint() {
        if (socketIo == null) {
            socketIo = EngineIoServer.start(engine);
        }
        return SocketIoEndpointConfig.builder(socketIo)
                .path(PeerShareServer.SOCKET_IO_PATH).allowedOrigins(config.origins());
    }

    /**
     * The answer to {@code method} on {@code path} (without its query): {@code /health}, {@code /api/stats},
     * {@code /metrics}, {@code /api/links} and the demo page's files, or 429 for a client past its rate of requests.
     *
     * @param header  the request's header of a name (matched ignoring case), or {@code null}
     * @param remote  the client's address as the container sees it, or {@code null} when unknown
     * @param pageUrl the demo page's URL as this request reached it (scheme, host, port and context path, such as
     *                {@code https://share.example.com/peershare/}), which {@code /api/links} answers: a container
     *                cannot tell its host's addresses as the reference server does; {@code null} when unknown
     */
    public HttpReply answer(String method, String path, Function<String, String> header, InetSocketAddress remote,
            String pageUrl) {
        return routes.answer(method, path, header::apply, remote, pageUrl);
    }

    /** From now on {@code /health} answers 503, so that load balancers stop sending clients here. */
    public void drain() {
        draining = true;
    }

    public boolean isDraining() {
        return draining;
    }

    /**
     * Closes the engine (every client gets 1001, if that has not happened yet), then leaves the cluster and
     * releases the meters. Wait for the transport's connections to close between {@code engine().close()} and
     * this, so that every client receives its close frame. Idempotent.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (socketIo != null) {
                socketIo.close();
            }
        }
        engine.close();
        if (cluster != null) {
            cluster.close();
        }
        if (metrics != null) {
            metrics.close();
        }
    }
}
