package io.peershare.internal.limit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peershare.config.RateLimit;
import io.peershare.testing.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private final ManualClock clock = new ManualClock();

    private TokenBucket bucket(double perSecond, int burst) {
        return new TokenBucket(RateLimit.of(perSecond, burst), clock.millis());
    }

    private boolean take(TokenBucket bucket) {
        return bucket.tryTake(clock.millis());
    }

    private int takeAll(TokenBucket bucket) {
        int taken = 0;
        while (take(bucket)) {
            taken++;
        }
        return taken;
    }

    private void advanceMillis(long millis) {
        clock.advance(Duration.ofMillis(millis));
    }

    @Test
    void aNewBucketAllowsTheWholeBurstAtOnce() {
        assertEquals(3, takeAll(bucket(2, 3)));
    }

    @Test
    void aNewBucketIsFull() {
        assertTrue(bucket(2, 3).isFull(clock.millis()));
    }

    @Test
    void anEmptyBucketRefusesUntilAWholeTokenHasRefilled() {
        TokenBucket bucket = bucket(2, 3);
        takeAll(bucket);
        advanceMillis(499);
        assertFalse(take(bucket), "0.998 tokens after 499 ms at 2/s");
        advanceMillis(1);
        assertTrue(take(bucket), "one token after 500 ms at 2/s");
        assertFalse(take(bucket));
    }

    @Test
    void refillAccumulatesOverSeveralSmallSteps() {
        TokenBucket bucket = bucket(1, 1);
        take(bucket);
        for (int i = 0; i < 9; i++) {
            advanceMillis(100);
            assertFalse(take(bucket), "only " + (i + 1) * 100 + " ms have passed");
        }
        advanceMillis(100);
        assertTrue(take(bucket), "a full second has passed in ten steps");
    }

    @Test
    void aSlowRateRefillsOneTokenPerPeriod() {
        TokenBucket bucket = bucket(0.5, 1);
        take(bucket);
        advanceMillis(1_999);
        assertFalse(take(bucket));
        advanceMillis(1);
        assertTrue(take(bucket), "0.5 per second is one token every two seconds");
    }

    @Test
    void refillCountsWholeSecondsAtTheRate() {
        TokenBucket bucket = bucket(5, 20);
        takeAll(bucket);
        advanceMillis(2_000);
        assertEquals(10, takeAll(bucket));
    }

    @Test
    void neverHoldsMoreThanTheBurst() {
        TokenBucket bucket = bucket(10, 2);
        clock.advance(Duration.ofHours(1));
        assertEquals(2, takeAll(bucket), "an hour of quiet still allows only the burst");
    }

    @Test
    void isFullOnlyOnceEveryTokenHasRefilled() {
        TokenBucket bucket = bucket(1, 2);
        take(bucket);
        take(bucket);
        advanceMillis(1_000);
        assertFalse(bucket.isFull(clock.millis()));
        advanceMillis(1_000);
        assertTrue(bucket.isFull(clock.millis()));
    }

    @Test
    void aGivenBackTokenCanBeTakenAgain() {
        TokenBucket bucket = bucket(1, 2);
        takeAll(bucket);
        bucket.giveBack();
        assertTrue(take(bucket));
        assertFalse(take(bucket));
    }

    @Test
    void givingBackNeverOverfillsTheBucket() {
        TokenBucket bucket = bucket(1, 2);
        bucket.giveBack();
        bucket.giveBack();
        assertEquals(2, takeAll(bucket));
    }

    @Test
    void aClockGoingBackwardsNeitherRefillsNorMovesTheRefillPointBack() {
        clock.advance(Duration.ofSeconds(10));
        TokenBucket bucket = bucket(1, 10);
        takeAll(bucket);
        assertFalse(bucket.tryTake(clock.millis() - 5_000), "going back in time adds nothing");
        advanceMillis(1_000);
        assertEquals(1, takeAll(bucket), "one second since the last real time, not six");
    }
}
