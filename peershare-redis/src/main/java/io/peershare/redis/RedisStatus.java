package io.peershare.redis;

import java.lang.System.Logger.Level;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Whether Redis answers, as every part of one node's cluster sees it: any failed command marks it down; only
 * a heartbeat Redis answered ({@link RedisLiveness}) marks it up again. Also whether the cluster is closed.
 *
 * <p>Threading: marked down from any thread (engine threads, Lettuce's event loop, the scheduler thread),
 * marked up only from the scheduler thread. Readers see a recent state, which is all a health check or a
 * refusal to forward needs.
 */
final class RedisStatus {

    private static final System.Logger LOG = System.getLogger(RedisStatus.class.getName());

    private final String nodeId;
    private volatile boolean up = true;
    private final AtomicBoolean closed = new AtomicBoolean();

    RedisStatus(String nodeId) {
        this.nodeId = nodeId;
    }

    boolean isUp() {
        return up;
    }

    void markUp() {
        up = true;
    }

    void markDown(Throwable cause) {
        if (up) {
            LOG.log(Level.WARNING, "Redis unreachable (" + cause.getMessage() + "); node " + nodeId
                    + " serves its own members only until it returns");
        }
        up = false;
    }

    /** Runs an asynchronous command without waiting; a failure (now or later) only marks Redis down. */
    void quietly(Supplier<? extends CompletionStage<?>> command) {
        if (closed.get()) {
            return;
        }
        try {
            command.get().exceptionally(e -> {
                markDown(e);
                return null;
            });
        } catch (RuntimeException e) {
            markDown(e);
        }
    }

    /** Stops {@link #quietly} commands; returns false if already closed. */
    boolean close() {
        return closed.compareAndSet(false, true);
    }

    boolean isClosed() {
        return closed.get();
    }
}
