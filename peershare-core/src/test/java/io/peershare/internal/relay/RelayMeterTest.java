package io.peershare.internal.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peershare.protocol.RelayFrame;
import org.junit.jupiter.api.Test;

/** What relays may cost, on times the test gives (milliseconds since the epoch). */
class RelayMeterTest {

    private static final long DAY = 24L * 60 * 60 * 1000;
    /** A midnight, UTC. */
    private static final long MIDNIGHT = 20_430 * DAY;

    private final RelayLimits limits = new RelayLimits(4 * RelayFrame.MAX_CHUNK_BYTES, 2, 1_000_000, 100_000, 30_000);
    private final RelayMeter meter = new RelayMeter(limits, MIDNIGHT);

    @Test
    void aPeerHasAtMostItsShareOfRelaysAsSenderOrReceiver() {
        assertNull(meter.tryOpen("a", "b"));
        assertNull(meter.tryOpen("c", "a"));
        assertEquals(RelayRefusal.TOO_MANY_RELAYS, meter.tryOpen("a", "d"), "a sends one and receives one");
        assertEquals(RelayRefusal.TOO_MANY_RELAYS, meter.tryOpen("d", "a"));
        assertEquals(0, meter.openFor("d"), "a refusal counts nobody");
        meter.closed("a", "b");
        assertNull(meter.tryOpen("d", "a"));
        assertEquals(2, meter.openFor("a"));
    }

    @Test
    void anAddressRelaysItsQuotaADayAndNoMoreSentOrReceived() {
        assertNull(meter.charge("10.0.0.1", "10.0.0.2", 600_000, MIDNIGHT + 1));
        assertNull(meter.charge("10.0.0.3", "10.0.0.2", 400_000, MIDNIGHT + 2));
        assertFalse(meter.hasQuota("10.0.0.2", MIDNIGHT + 3), "the receiver's address took a million");
        assertEquals(RelayRefusal.QUOTA_EXCEEDED, meter.charge("10.0.0.1", "10.0.0.2", 1, MIDNIGHT + 4));
        assertNull(meter.charge("10.0.0.1", "10.0.0.4", 400_000, MIDNIGHT + 5), "the sender has 400,000 left");
        assertEquals(RelayRefusal.QUOTA_EXCEEDED, meter.charge("10.0.0.1", "10.0.0.4", 1, MIDNIGHT + 6));
        assertTrue(meter.hasQuota("10.0.0.2", MIDNIGHT + DAY), "a new day, a new quota");
        assertNull(meter.charge("10.0.0.1", "10.0.0.2", 1_000_000, MIDNIGHT + DAY + 1));
    }

    @Test
    void twoPeersOfOneAddressAreChargedOnce() {
        assertNull(meter.charge("10.0.0.1", "10.0.0.1", 1_000_000, MIDNIGHT + 1));
        assertEquals(RelayRefusal.QUOTA_EXCEEDED, meter.charge("10.0.0.1", "10.0.0.9", 1, MIDNIGHT + 2));
    }

    @Test
    void pastTheBandwidthTheCreditComesBackNoFasterThanTheCap() {
        assertEquals(0, meter.spend(100_000, MIDNIGHT), "one second's worth at once");
        assertEquals(100, meter.spend(10_000, MIDNIGHT), "10,000 more: a tenth of a second");
        assertEquals(50, meter.spend(5_000, MIDNIGHT + 100), "the bucket refilled the first 10,000 meanwhile");
        assertEquals(0, meter.spend(50_000, MIDNIGHT + 1_000), "after a second it holds most of a second again");
    }
}
