package io.peershare.spi;

/** A handle to periodic work started by a {@link Scheduler}. */
@FunctionalInterface
public interface Cancellable {

    /** Stops the work; a run already in progress finishes. Idempotent. */
    void cancel();
}
