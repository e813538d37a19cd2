package io.peershare.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peershare.RateLimit;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

    @Test
    void allowsTheBurstThenRefillsAtTheRate() {
        TokenBucket bucket = new TokenBucket(RateLimit.of(2, 3), 0);
        assertTrue(bucket.tryTake(0));
        assertTrue(bucket.tryTake(0));
        assertTrue(bucket.tryTake(0));
        assertFalse(bucket.tryTake(0), "the burst is spent");
        assertFalse(bucket.tryTake(400), "0.8 tokens after 400 ms");
        assertTrue(bucket.tryTake(500), "one token after 500 ms at 2/s");
        assertFalse(bucket.tryTake(500));
    }

    @Test
    void neverHoldsMoreThanTheBurst() {
        TokenBucket bucket = new TokenBucket(RateLimit.of(10, 2), 0);
        assertTrue(bucket.isFull(60_000));
        assertTrue(bucket.tryTake(60_000));
        assertTrue(bucket.tryTake(60_000));
        assertFalse(bucket.tryTake(60_000), "an hour of quiet still allows only the burst");
    }
}
