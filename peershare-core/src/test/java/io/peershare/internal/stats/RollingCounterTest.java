package io.peershare.internal.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.peershare.testing.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RollingCounterTest {

    private final ManualClock clock = new ManualClock();
    private final RollingCounter counter = new RollingCounter();

    private void count(int times) {
        for (int i = 0; i < times; i++) {
            counter.increment(clock.millis());
        }
    }

    private long lastMinute() {
        return counter.lastMinute(clock.millis());
    }

    private void advanceMillis(long millis) {
        clock.advance(Duration.ofMillis(millis));
    }

    @Test
    void aNewCounterCountsNothing() {
        assertEquals(0, lastMinute());
    }

    @Test
    void countsEventsOfTheCurrentSecond() {
        count(3);
        assertEquals(3, lastMinute());
    }

    @Test
    void countsEventsSpreadOverTheLastMinute() {
        count(1);
        for (int second = 1; second < 60; second++) {
            advanceMillis(1_000);
            count(1);
        }
        assertEquals(60, lastMinute(), "one event in each of the last 60 seconds");
    }

    @Test
    void anEventIsStillCountedFiftyNineSecondsLater() {
        count(1);
        advanceMillis(59_999);
        assertEquals(1, lastMinute());
    }

    @Test
    void anEventDropsOutSixtySecondsLater() {
        count(1);
        advanceMillis(60_000);
        assertEquals(0, lastMinute());
    }

    @Test
    void theWindowSlidesOneSecondAtATime() {
        count(1);
        advanceMillis(30_000);
        count(2);
        advanceMillis(30_000);
        assertEquals(2, lastMinute(), "the first event is 60 s old, the other two 30 s");
        advanceMillis(30_000);
        assertEquals(0, lastMinute());
    }

    @Test
    void aReusedSlotForgetsItsOldCount() {
        count(5);
        advanceMillis(60_000); // same slot, one lap later
        count(1);
        assertEquals(1, lastMinute());
    }

    @Test
    void aLongSilenceForgetsEverything() {
        count(7);
        clock.advance(Duration.ofDays(3));
        assertEquals(0, lastMinute());
    }

    @Test
    void eventsAfterTheAskedTimeAreNotCounted() {
        count(1);
        advanceMillis(5_000);
        count(4);
        assertEquals(1, counter.lastMinute(clock.millis() - 5_000));
    }

    @Test
    void eventsWithinOneSecondShareASlot() {
        assertEquals(0, clock.millis() % 1_000, "the manual clock starts on a whole second");
        count(1);
        advanceMillis(999);
        count(1);
        advanceMillis(59_001);
        assertEquals(0, lastMinute(), "both fell in the same second, 60 s ago");
    }
}
