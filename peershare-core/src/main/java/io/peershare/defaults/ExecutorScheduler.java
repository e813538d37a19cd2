package io.peershare.defaults;

import io.peershare.spi.Cancellable;
import io.peershare.spi.Scheduler;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** The default {@link Scheduler}: one daemon thread, owned and stopped by the engine that made it. */
public final class ExecutorScheduler implements Scheduler, AutoCloseable {

    /** How long {@link #close} waits for a running task to finish. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    private volatile Thread thread;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread made = new Thread(runnable, "peershare-scheduler");
        made.setDaemon(true);
        thread = made;
        return made;
    });

    @Override
    public Cancellable scheduleAtFixedRate(Runnable task, Duration period) {
        long nanos = period.toNanos();
        ScheduledFuture<?> future = executor.scheduleAtFixedRate(task, nanos, nanos, TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }

    /**
     * Stops the thread and, unless called from it, waits (up to five seconds) until it has ended: a host such as
     * a servlet container checks for threads left behind as soon as the engine is closed.
     */
    @Override
    public void close() {
        executor.shutdownNow();
        Thread running = thread;
        if (running == null || running == Thread.currentThread()) {
            return;
        }
        try {
            running.join(STOP_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
