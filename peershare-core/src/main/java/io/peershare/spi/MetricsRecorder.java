package io.peershare.spi;

import io.peershare.model.EventClass;

/**
 * Receives the timings that only the engine can take, for a metrics library the core does not depend on
 * ({@code peershare-micrometer} implements it). Counters and gauges need no hook: they are read from
 * {@link io.peershare.PeerShare#stats()}.
 *
 * <p>Called on the thread that handled the frame, on every frame: record and return, never block. The engine
 * reads the clock only when a recorder other than {@link #NONE} is installed.
 */
public interface MetricsRecorder {

    /** Records nothing; the default. */
    MetricsRecorder NONE = new MetricsRecorder() { };

    /**
     * One client frame went through the engine: admitted, decoded, limited and handled (or refused), in
     * {@code nanos}. Frames that could not be decoded count as {@link EventClass#CONTROL}.
     */
    default void frameHandled(EventClass eventClass, long nanos) { }

    /** A signal was relayed: from its frame entering the engine to the relayed frame handed to the target's transport. */
    default void signalRelayed(long nanos) { }

    /** A frame of this class was refused by a rate limit. */
    default void rateLimited(EventClass eventClass) { }
}
