package io.peershare.jakarta;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where an endpoint's session closes run: two daemon threads, never the engine's, since closes block in some
 * containers (Tomcat writes the close frame with a blocking write) and the engine may be sending under a network's
 * lock. Both endpoint builders make one by default. The threads end after 30 idle seconds; {@link #close} stops
 * them at once and waits until they have ended, for a host that must leave no thread behind (a web
 * application's undeploy, an application context's close).
 *
 * <p>Threading: every method may be called from any thread.
 */
public final class CloseExecutor implements Executor, AutoCloseable {

    /** How long {@link #close} waits for the closes under way to finish and the threads to end. */
    private static final long STOP_TIMEOUT_MILLIS = 5_000;

    private final ThreadPoolExecutor pool;
    /** The threads made so far that are still alive (the dead are dropped when a new one is made). */
    private final List<Thread> threads = new CopyOnWriteArrayList<>();

    /** @param threadPrefix the threads are named {@code threadPrefix-1}, {@code threadPrefix-2}, ... */
    public CloseExecutor(String threadPrefix) {
        AtomicInteger count = new AtomicInteger();
        pool = new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
            Thread thread = new Thread(task, threadPrefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            threads.removeIf(t -> !t.isAlive());
            threads.add(thread);
            return thread;
        });
        pool.allowCoreThreadTimeOut(true);
    }

    /** @throws RejectedExecutionException once closed */
    @Override
    public void execute(Runnable close) {
        pool.execute(close);
    }

    /**
     * Runs the closes already handed in, then stops; returns once every thread has ended, or after five seconds.
     * Idempotent.
     */
    @Override
    public void close() {
        pool.shutdown();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STOP_TIMEOUT_MILLIS);
        try {
            pool.awaitTermination(STOP_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            for (Thread thread : threads) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left > 0) {
                    thread.join(left);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
