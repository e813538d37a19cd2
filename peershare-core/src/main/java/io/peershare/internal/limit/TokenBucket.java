package io.peershare.internal.limit;

import io.peershare.config.RateLimit;

/**
 * A token bucket over an injected millisecond time source. Thread-safe; uncontended in practice, since
 * one connection's frames arrive one at a time.
 */
final class TokenBucket {

    /** Absorbs floating-point drift: ten refills of 100 ms at 1/s must add up to one whole token. */
    private static final double EPSILON = 1e-9;

    private final double perMilli;
    private final int burst;
    private double tokens;
    private long lastRefill;

    TokenBucket(RateLimit limit, long nowMillis) {
        this.perMilli = limit.perSecond() / 1000.0;
        this.burst = limit.burst();
        this.tokens = burst;
        this.lastRefill = nowMillis;
    }

    /** Takes one token if there is one. */
    synchronized boolean tryTake(long nowMillis) {
        refill(nowMillis);
        if (tokens >= 1 - EPSILON) {
            tokens = Math.max(0, tokens - 1);
            return true;
        }
        return false;
    }

    /** Returns a token taken for an event that was refused elsewhere. */
    synchronized void giveBack() {
        tokens = Math.min(burst, tokens + 1);
    }

    /** Whether the bucket has refilled completely, so forgetting it changes nothing. */
    synchronized boolean isFull(long nowMillis) {
        refill(nowMillis);
        return tokens >= burst - EPSILON;
    }

    private void refill(long nowMillis) {
        long elapsed = nowMillis - lastRefill;
        if (elapsed > 0) {
            tokens = Math.min(burst, tokens + elapsed * perMilli);
            lastRefill = nowMillis;
        }
    }
}
