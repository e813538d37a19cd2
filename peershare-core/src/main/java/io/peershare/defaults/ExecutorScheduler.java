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

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "peershare-scheduler");
        thread.setDaemon(true);
        return thread;
    });

    @Override
    public Cancellable scheduleAtFixedRate(Runnable task, Duration period) {
        long nanos = period.toNanos();
        ScheduledFuture<?> future = executor.scheduleAtFixedRate(task, nanos, nanos, TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
