package io.peershare.server;

import io.peershare.PeerShare;
import io.peershare.jakarta.PeerShareEndpointConfig;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.http.server.ServerConfiguration;
import org.glassfish.grizzly.strategies.WorkerThreadIOStrategy;
import org.glassfish.tyrus.container.grizzly.server.WebSocketAddOn;

/**
 * The reference server: one Grizzly listener serving the PeerShare WebSocket endpoint at {@code /ws},
 * {@code GET /health}, {@code GET /api/stats} and the demo page at {@code /}.
 *
 * <p>Threading: Grizzly's worker threads run the HTTP handlers and deliver WebSocket frames to the engine;
 * {@link #stop} may be called from any thread (the shutdown hook, a test) and is idempotent.
 */
public final class PeerShareServer implements AutoCloseable {

    public static final String WEBSOCKET_PATH = "/ws";
    private static final System.Logger LOG = System.getLogger(PeerShareServer.class.getName());

    private final ServerConfig config;
    private final PeerShare engine;
    private final HttpServer http;
    private final NetworkListener listener;
    private final ServerEndpointConfig endpoint;
    private final ClusterSetup cluster;
    private final CountDownLatch stoppedLatch = new CountDownLatch(1);
    private volatile boolean draining;
    private boolean stopped;

    private PeerShareServer(ServerConfig config, PeerShare engine, HttpServer http, NetworkListener listener,
            ServerEndpointConfig endpoint, ClusterSetup cluster) {
        this.cluster = cluster;
        this.config = config;
        this.endpoint = endpoint;
        this.engine = engine;
        this.http = http;
        this.listener = listener;
    }

    /** Builds the engine, binds the port and starts serving. */
    public static PeerShareServer start(ServerConfig config) throws IOException {
        ClusterSetup cluster = ClusterSetup.from(config);
        PeerShare engine = cluster.apply(PeerShare.builder().config(config.engine())).build();
        int maxTextMessageSize = 2 * config.engine().maxFrameSize();
        // The engine's heartbeat timeout closes silent clients (with a reason); Tyrus's own idle timer is switched
        // off, because while enabled it re-arms a timer task on every message (measured: about 4 % of the CPU
        // of relaying signals, and about 12 cancelled tasks kept per connection).
        PeerShareEndpointConfig.Builder endpoint = PeerShareEndpointConfig.builder(engine).path(WEBSOCKET_PATH)
                .maxTextMessageSize(maxTextMessageSize)
                .idleTimeout(Duration.ZERO);
        if (config.allowedOrigins().isEmpty()) {
            endpoint.allowAnyOrigin();
        } else {
            endpoint.allowedOrigins(config.allowedOrigins());
        }
        ServerEndpointConfig endpointConfig = endpoint.build();

        TyrusContainer container = new TyrusContainer(maxTextMessageSize);
        // Negative: Tyrus schedules no idle timer at all (zero would still schedule one per message).
        container.setDefaultMaxSessionIdleTimeout(-1);
        try {
            container.register(endpointConfig);
        } catch (DeploymentException e) {
            engine.close();
            cluster.close();
            throw new IOException("cannot deploy the WebSocket endpoint", e);
        }

        HttpServer http = new HttpServer();
        NetworkListener listener = new NetworkListener("peershare", config.host(), config.port());
        // Grizzly closes HTTP connections idle for 30 s by default, and an upgraded WebSocket counts as idle
        // to it: WebSocket liveness is the engine's heartbeat's job.
        listener.getKeepAlive().setIdleTimeoutInSeconds(-1);
        listener.getTransport().setIOStrategy(WorkerThreadIOStrategy.getInstance());
        listener.registerAddOn(new WebSocketAddOn(container, ""));
        http.addListener(listener);

        PeerShareServer server = new PeerShareServer(config, engine, http, listener, endpointConfig, cluster);
        ServerConfiguration routes = http.getServerConfiguration();
        routes.setDefaultErrorPageGenerator(null);
        routes.setSendFileEnabled(false);
        routes.addHttpHandler(new HealthHandler(engine, () -> server.draining, cluster::health), "/health");
        routes.addHttpHandler(new StatsHandler(engine), "/api/stats");
        routes.addHttpHandler(new StaticPageHandler(), "/");
        try {
            http.start();
        } catch (IOException e) {
            engine.close();
            cluster.close();
            throw new IOException("cannot listen on " + config.host() + ":" + config.port() + ": " + e.getMessage(), e);
        }
        return server;
    }

    /** The port actually bound (useful when the configuration asked for 0). */
    public int port() {
        return listener.getPort();
    }

    public PeerShare engine() {
        return engine;
    }

    public ServerConfig config() {
        return config;
    }

    public boolean isDraining() {
        return draining;
    }

    /**
     * Graceful shutdown: {@code /health} turns 503, after the drain delay every client is closed with 1001
     * and a reason, then the listener stops; bounded by the shutdown timeout.
     */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        long started = System.nanoTime();
        draining = true;
        sleep(config.drainDelay());
        int connections = PeerShareEndpointConfig.openSessions(endpoint);
        engine.close(); // every client is sent 1001 "server shutting down"
        long deadline = System.nanoTime() + config.shutdownTimeout().toNanos();
        while (PeerShareEndpointConfig.openSessions(endpoint) > 0 && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(20));
        }
        int left = PeerShareEndpointConfig.openSessions(endpoint);
        http.shutdownNow(); // every client has been closed above; nothing is left to finish gracefully
        cluster.close();
        stoppedLatch.countDown();
        LOG.log(Level.INFO, "PeerShare stopped in " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)
                + " ms; closed " + connections + " connection(s)" + (left > 0 ? ", " + left + " did not answer" : ""));
    }

    /** Blocks until {@link #stop} has finished. Grizzly's threads are daemons: a main thread waits here. */
    public void awaitStop() throws InterruptedException {
        stoppedLatch.await();
    }

    @Override
    public void close() {
        stop();
    }

    private static void sleep(Duration duration) {
        if (duration.isZero()) {
            return;
        }
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
