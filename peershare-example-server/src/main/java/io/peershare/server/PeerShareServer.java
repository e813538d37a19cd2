package io.peershare.server;

import io.peershare.PeerShare;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The reference server: the PeerShare engine's WebSocket endpoint at {@code /ws}, {@code GET /health},
 * {@code GET /api/stats}, {@code GET /metrics} and the demo page at {@code /}, on one port, over Netty ({@code TRANSPORT=netty}, the
 * default) or Tyrus on Grizzly ({@code TRANSPORT=tyrus}).
 *
 * <p>Threading: the transport's threads run the HTTP routes and the engine; {@link #stop} may be called from any
 * thread (the shutdown hook, a test) and is idempotent.
 */
public final class PeerShareServer implements AutoCloseable {

    public static final String WEBSOCKET_PATH = "/ws";
    private static final System.Logger LOG = System.getLogger(PeerShareServer.class.getName());

    private final ServerEngine core;
    private final CountDownLatch stoppedLatch = new CountDownLatch(1);
    private ServerTransport transport;
    private boolean stopped;

    private PeerShareServer(ServerEngine core) {
        this.core = core;
    }

    /** Builds the engine, binds the port and starts serving. */
    public static PeerShareServer start(ServerConfig config) throws IOException {
        ServerEngine core = ServerEngine.start(config);
        PeerShareServer server = new PeerShareServer(core);
        try {
            server.transport = switch (config.transport()) {
                case NETTY -> NettyServerTransport.start(config, core.engine(), core.routes());
                case TYRUS -> TyrusServerTransport.start(config, core);
            };
        } catch (IOException | RuntimeException e) {
            core.close();
            throw e;
        }
        return server;
    }

    /** The port actually bound (useful when the configuration asked for 0). */
    public int port() {
        return transport.port();
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
