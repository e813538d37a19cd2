package io.peershare.internal.limit;

import io.peershare.config.RateLimit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One token bucket per client address, all with the same {@link RateLimit}; a bucket that has refilled completely is
 * forgotten by {@link #purgeFull}, which loses nothing: a full bucket is what a new one would be.
 *
 * <p>Threading: a concurrent map of thread-safe buckets; any thread.
 */
final class AddressBuckets {

    private final RateLimit limit;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    AddressBuckets(RateLimit limit) {
        this.limit = limit;
    }

    /** Takes a token from the address's bucket; false when it has none. */
    boolean tryTake(String addressKey, long nowMillis) {
        return buckets.computeIfAbsent(addressKey, k -> new TokenBucket(limit, nowMillis)).tryTake(nowMillis);
    }

    void purgeFull(long nowMillis) {
        buckets.values().removeIf(bucket -> bucket.isFull(nowMillis));
    }

    int size() {
        return buckets.size();
    }
}
