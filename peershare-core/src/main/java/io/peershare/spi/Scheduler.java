package io.peershare.spi;

import java.time.Duration;

/**
 * Runs the engine's periodic work (heartbeat and transfer timeouts, history cleanup). Injected so that
 * tests advance time by hand instead of sleeping.
 *
 * <p>Tasks must not run concurrently with themselves; they may run concurrently with client frames.
 */
public interface Scheduler {

    /** Runs {@code task} every {@code period}, first after one period. */
    Cancellable scheduleAtFixedRate(Runnable task, Duration period);
}
