package io.peershare.server;

import io.peershare.PeerShare;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * The reference server: the PeerShare engine's WebSocket endpoint at {@code /ws}, {@code GET /health},
 * {@code GET /api/stats}, {@code GET /metrics}, {@code GET /api/links} and the demo page at {@code /}, on one port,
 * over Netty ({@code TRANSPORT=netty}, the default) or Tyrus on Grizzly ({@code TRANSPORT=tyrus}); in HTTPS and WSS
 * when {@code TLS_CERT} and {@code TLS_KEY}, or {@code TLS_SELF_SIGNED}, say so.
 *
 * <p>Threading: the transport's threads run the HTTP routes and the engine; {@link #stop} may be called from any
 * thread (the shutdown hook, a test) and is idempotent.
 */
public final class PeerShareServer implements AutoCloseable {

    public static final String WEBSOCKET_PATH = "/ws";
    /** Where Socket.IO clients connect, on either transport. */
    public static final String SOCKET_IO_PATH = "/socket.io/";
    private static final System.Logger LOG = System.getLogger(PeerShareServer.class.getName());

    private final ServerEngine core;
    private final ServerTls tls;
    private final CountDownLatch stoppedLatch = new CountDownLatch(1);
    private ServerTransport transport;
    private PageLinks links;
    private boolean stopped;

    private PeerShareServer(ServerEngine core, ServerTls tls) {
        this.core = core;
        this.tls = tls;
    }

    /**
     * Reads or makes the TLS certificate the configuration asks for, builds the engine, binds the port and starts
     * serving.
     *
     * @throws IllegalArgumentException when a file a setting names cannot be used ({@code TLS_CERT}, {@code TLS_KEY},
     *                                  {@code TLS_SELF_SIGNED_DIR}), naming the variable, the file and what is wrong
     * @throws IOException              when the port cannot be bound or Redis cannot be reached
     */
    public static PeerShareServer start(ServerConfig config) throws IOException {
        return start(config, LocalAddresses.system(), Clock.systemUTC());
    }

    /** As {@link #start(ServerConfig)}, on a machine with these names and addresses, and this clock. */
    static PeerShareServer start(ServerConfig config, LocalAddresses machine, Clock clock) throws IOException {
        ServerTls tls = ServerTls.start(config, machine, clock); // before the engine: a bad file leaves nothing to close
        SSLContext context = tls == null ? null : tls.context();
        ServerEngine core = ServerEngine.start(config);
        PeerShareServer server = new PeerShareServer(core, tls);
        try {
            server.transport = switch (config.transport()) {
                case NETTY -> NettyServerTransport.start(config, core.engine(), core.routes(), context);
                case TYRUS -> TyrusServerTransport.start(config, core, context);
            };
        } catch (IOException | RuntimeException e) {
            core.close();
            throw e;
        }
        server.links = PageLinks.of(config.host(), server.port(), tls != null, config.allowedOrigins(), machine);
        core.routes().links(server.links.forOtherDevices(config.production()));
        return server;
    }

    /** The port actually bound (useful when the configuration asked for 0). */
    public int port() {
        return transport.port();
    }

    /**
     * Every URL the page can be opened at: on this machine's network (one per interface address when bound to a
     * wildcard address), on this machine ({@code localhost}), and where it is published ({@code FRONTEND_URL}).
     */
    public List<String> urls() {
        return links.all();
    }

    /** The SHA-256 fingerprint of the certificate served now, as browsers show it; {@code null} without TLS. */
    public String certificateFingerprint() {
        return tls == null ? null : tls.certificate().fingerprint();
    }

    public PeerShare engine() {
        return core.engine();
    }

    public ServerConfig config() {
        return core.config();
    }

    public boolean isDraining() {
        return core.isDraining();
    }

    /**
     * Graceful shutdown: {@code /health} turns 503, after the drain delay every client is closed with 1001
     * and a reason, and once every close frame has been written the listener stops; bounded by the shutdown timeout.
     */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        long started = System.nanoTime();
        ServerConfig config = core.config();
        core.drain();
        sleep(config.drainDelay());
        int connections = transport.openConnections();
        core.engine().close(); // every client is sent 1001 "server shutting down"
        int left = transport.awaitClosed(System.nanoTime() + config.shutdownTimeout().toNanos());
        transport.stop();
        core.close();
        stoppedLatch.countDown();
        LOG.log(Level.INFO, "PeerShare stopped in " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)
                + " ms; closed " + connections + " connection(s)" + (left > 0 ? ", " + left + " did not answer" : ""));
    }

    /** Blocks until {@link #stop} has finished: a main thread waits here. */
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
