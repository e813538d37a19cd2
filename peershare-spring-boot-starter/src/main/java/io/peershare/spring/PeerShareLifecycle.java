package io.peershare.spring;

import io.peershare.PeerShare;
import io.peershare.jakarta.CloseExecutor;
import io.peershare.jakarta.PeerShareEndpointConfig;
import io.peershare.redis.RedisClusterNode;
import jakarta.websocket.server.ServerEndpointConfig;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;

/**
 * Stops PeerShare in step with the web server: its phase comes just before Boot's graceful shutdown, so that
 * while the connectors still answer, the health contributor first reports draining (for {@code
 * peershare.shutdown-drain}), then every client is sent 1001 "server shutting down" and given up to {@code
 * peershare.shutdown-timeout} to close; then Boot's graceful shutdown and the server's stop follow, and the
 * cluster connection and the close threads are released.
 *
 * <p>Threading: {@link #stop} runs on the thread closing the application context; {@link #isDraining} is read by
 * Actuator's threads.
 */
final class PeerShareLifecycle implements SmartLifecycle, DisposableBean {

    private static final Log LOG = LogFactory.getLog(PeerShareLifecycle.class);

    private final PeerShare engine;
    private final ServerEndpointConfig endpoint;
    private final PeerShareSocketIo socketIo;
    private final RedisClusterNode cluster;
    private final CloseExecutor closeExecutor;
    private final Duration drain;
    private final Duration timeout;
    private volatile boolean running;
    private volatile boolean draining;
    private boolean closed;

    /**
     * @param socketIo the Socket.IO side, or {@code null} for none
     * @param cluster  the cluster connection, or {@code null} for a single node
     */
    PeerShareLifecycle(PeerShare engine, ServerEndpointConfig endpoint, PeerShareSocketIo socketIo,
            RedisClusterNode cluster, CloseExecutor closeExecutor, Duration drain, Duration timeout) {
        this.engine = engine;
        this.endpoint = endpoint;
        this.socketIo = socketIo;
        this.cluster = cluster;
        this.closeExecutor = closeExecutor;
        this.drain = drain;
        this.timeout = timeout;
    }

    /** The endpoints to register: PeerShare's, and Socket.IO's when it is served. */
    List<ServerEndpointConfig> endpoints() {
        return socketIo == null ? List.of(endpoint) : List.of(endpoint, socketIo.endpoint());
    }

    boolean isDraining() {
        return draining;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        close();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE + 1;
    }

    /** For a context that never started (or whose lifecycle was skipped): release everything all the same. */
    @Override
    public void destroy() {
        close();
    }

    private synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        long started = System.nanoTime();
        draining = true;
        if (!drain.isZero()) {
            try {
                Thread.sleep(drain.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        int open = PeerShareEndpointConfig.openSessions(endpoint);
        if (socketIo != null) {
            socketIo.close();
        }
        engine.close(); // every client is sent 1001 "server shutting down"
        int left = PeerShareEndpointConfig.awaitSessionsClosed(endpoint, timeout);
        if (cluster != null) {
            cluster.close();
        }
        closeExecutor.close();
        LOG.info("PeerShare stopped in " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) + " ms; closed "
                + open + " connection(s)" + (left > 0 ? ", " + left + " did not answer" : ""));
    }
}
