package io.peershare.netty;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CloseGraceTest {

    private static final long INTERVAL = TimeUnit.MILLISECONDS.toNanos(CloseGrace.INTERVAL_MILLIS);
    private static final long START = 1_000_000_000L;

    @Test
    void aClientThatReadsNothingIsDroppedAtTheFirstCheck() {
        CloseGrace grace = new CloseGrace(START, 100_000);
        assertFalse(grace.waitAgain(START + INTERVAL, 100_000));
    }

    @Test
    void aClientThatKeepsReadingIsWaitedForUntilTheLimit() {
        CloseGrace grace = new CloseGrace(START, 1_000_000);
        long held = 1_000_000;
        long now = START;
        do {
            now += INTERVAL;
            held -= 1_000; // a few bytes each interval: slow, but reading
        } while (grace.waitAgain(now, held));
        long limit = TimeUnit.MILLISECONDS.toNanos(CloseGrace.LIMIT_MILLIS);
        assertTrue(now - START <= limit, "no longer than the limit");
        assertTrue(now - START > limit - INTERVAL, "every interval that fits in it");
    }

    @Test
    void aClientThatStopsReadingIsDroppedAtTheNextCheck() {
        CloseGrace grace = new CloseGrace(START, 100_000);
        assertTrue(grace.waitAgain(START + INTERVAL, 60_000));
        assertFalse(grace.waitAgain(START + 2 * INTERVAL, 60_000));
    }

    @Test
    void onceTheCloseFrameIsOutTheConnectionMayGo() {
        CloseGrace grace = new CloseGrace(START, 100_000);
        assertFalse(grace.waitAgain(START + INTERVAL, 0), "the frame got out: nothing to wait for");
        assertFalse(new CloseGrace(START, 0).waitAgain(START + INTERVAL, 0), "out at once: closed at the first check");
    }
}
