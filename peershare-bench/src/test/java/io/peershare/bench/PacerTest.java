package io.peershare.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** The pacer and the client's latency accounting, on a fake clock: nothing sleeps. */
class PacerTest {

    private static final long START = 1_000_000_000L;
    private static final long MILLI = 1_000_000L;
    private static final Pattern STAMP = Pattern.compile("\"t\":(\\d+)");

    /** Records what a client writes and how often it is flushed. */
    private static final class FakeWire implements LoadClient.Wire {
        final List<String> frames = new ArrayList<>();
        int flushes;

        @Override
        public void write(String frame) {
            frames.add(frame);
        }

        @Override
        public void flush() {
            flushes++;
        }

        @Override
        public void close() {
        }
    }

    private final AtomicLong now = new AtomicLong(START);
    private final LoadClient.Totals totals = new LoadClient.Totals(now::get);

    private LoadClient joinedClient(int index, FakeWire wire) {
        LoadClient client = new LoadClient(index, 0, "n", 4, totals);
        client.opened(wire);
        wire.frames.clear();
        wire.flushes = 0;
        client.peers = List.of("peerA", "peerB", "peerC");
        return client;
    }

    /** One signal a millisecond, every fifth an SDP, from {@code clients} in turn, for {@code millis} ms. */
    private Pacer evenPacer(List<LoadClient> clients, long millis) {
        Schedule even = new Schedule(Schedule.Pacing.EVEN, 1000, clients.size(), 5, 0, new SplittableRandom(1));
        return new Pacer(even, clients, RelayScenario::signal, totals, START, START + millis * MILLI, null);
    }

    private static long stamp(String frame) {
        Matcher m = STAMP.matcher(frame);
        assertTrue(m.find(), frame);
        return Long.parseLong(m.group(1));
    }

    @Test
    void framesSentLateCarryTheirIntendedTimeAndTheLateness() {
        FakeWire wire = new FakeWire();
        Pacer pacer = evenPacer(List.of(joinedClient(0, wire)), 1000);

        now.set(START + 5 * MILLI); // the timer fired 5 ms after the first frame was due
        assertEquals(6, pacer.sendDue(now.get()), "frames due at 0, 1, ..., 5 ms");

        for (int k = 0; k < 6; k++) {
            assertEquals((START + k * MILLI) / 1000, stamp(wire.frames.get(k)), "frame " + k + " carries its intended time");
        }
        assertTrue(wire.frames.get(0).contains("\"type\":\"offer\""), "the first of five is the SDP");
        assertTrue(wire.frames.get(1).contains("\"type\":\"candidate\""));
        Histogram lag = totals.sendLagMicros.getIntervalHistogram();
        assertEquals(6, lag.getTotalCount());
        assertEquals(5000, lag.getMaxValue(), 5, "the first frame left 5 ms late");
        assertEquals(0, lag.getMinValue(), "the last one on time");
    }

    @Test
    void latencyRunsFromTheIntendedSendTimeNotFromWhenTheFrameLeft() {
        FakeWire wire = new FakeWire();
        Pacer pacer = evenPacer(List.of(joinedClient(0, wire)), 1000);
        now.set(START + 4 * MILLI);
        pacer.sendDue(now.get());

        // The server relays the first frame (due at 0 ms, sent at 4 ms); it arrives at 7 ms.
        LoadClient receiver = joinedClient(1, new FakeWire());
        String signal = wire.frames.get(0).substring(wire.frames.get(0).indexOf("\"signal\":") + 9,
                wire.frames.get(0).length() - 2);
        now.set(START + 7 * MILLI);
        receiver.onText("{\"event\":\"webrtc-signal-received\",\"data\":{\"from\":\"peerX\",\"signal\":" + signal + "}}");

        Histogram latency = totals.latencyMicros.getIntervalHistogram();
        assertEquals(1, latency.getTotalCount());
        assertEquals(7000, latency.getMaxValue(), 5, "7 ms from intended send, not 3 ms from the actual one");
        assertEquals(1, totals.received.sum());
    }

    @Test
    void chatMessagesAreTimedFromTheirIntendedSendTimeToo() {
        LoadClient receiver = joinedClient(0, new FakeWire());
        now.set(START + 12 * MILLI);
        receiver.onText("{\"event\":\"new-message\",\"data\":{\"id\":\"x-1\",\"text\":\"hello ~t" + (START + 2 * MILLI) / 1000
                + "\",\"userName\":\"u1\"}}");

        assertEquals(10_000, totals.latencyMicros.getIntervalHistogram().getMaxValue(), 10);
    }

    @Test
    void aBurstToOneClientIsFlushedOnce() {
        FakeWire first = new FakeWire();
        FakeWire second = new FakeWire();
        Pacer pacer = evenPacer(List.of(joinedClient(0, first), joinedClient(1, second)), 1000);

        pacer.sendDue(START + 9 * MILLI);

        assertEquals(5, first.frames.size());
        assertEquals(5, second.frames.size());
        assertEquals(1, first.flushes, "five frames, one flush");
        assertEquals(1, second.flushes);
        pacer.sendDue(START + 9 * MILLI);
        assertEquals(1, first.flushes, "nothing new was due: no flush");
    }

    @Test
    void nothingIsSentAtOrAfterTheEndOfTheStep() {
        FakeWire wire = new FakeWire();
        Pacer pacer = evenPacer(List.of(joinedClient(0, wire)), 10);

        assertFalse(pacer.finished());
        assertEquals(10, pacer.sendDue(START + 60 * MILLI));
        assertTrue(pacer.finished());
    }
}
