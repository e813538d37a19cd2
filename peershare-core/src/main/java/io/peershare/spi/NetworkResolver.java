package io.peershare.spi;

import io.peershare.model.JoinRequest;

/**
 * Decides which network (room) a join lands in. Two joins with equal keys share a network; joins with
 * different keys never see or reach each other, whatever names they typed.
 *
 * <p>Built-in policies are in {@link io.peershare.config.NetworkPolicy}. Called on the thread that delivered the
 * join frame; must be fast and thread-safe.
 */
@FunctionalInterface
public interface NetworkResolver {

    /** Returns the network key for this join, never {@code null}. Keys are compared with {@code equals}. */
    String resolve(JoinRequest request);
}
