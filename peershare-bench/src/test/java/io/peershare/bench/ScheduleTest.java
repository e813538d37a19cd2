package io.peershare.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ScheduleTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long MILLI = 1_000_000L;

    private static List<Schedule.Send> sendsBefore(Schedule schedule, long endNanos) {
        List<Schedule.Send> sends = new ArrayList<>();
        for (Schedule.Send s = schedule.next(); s.atNanos() < endNanos; s = schedule.next()) {
            sends.add(s);
        }
        return sends;
    }

    private static Schedule bursty(double rate, int clients) {
        return new Schedule(Schedule.Pacing.BURSTY, rate, clients, 5, MILLI, new SplittableRandom(42));
    }

    @Test
    void burstyPacingOffersTheRateWithOneLargeFrameInFive() {
        List<Schedule.Send> sends = sendsBefore(bursty(11_000, 2000), 100 * SECOND);

        assertEquals(1_100_000, sends.size(), 11_000, "frames in 100 s at 11,000/s");
        long large = sends.stream().filter(Schedule.Send::large).count();
        assertEquals(0.2, large / (double) sends.size(), 0.002, "share of SDP-sized frames");
    }

    @Test
    void burstyTimesNeverGoBackAndEveryNegotiationIsOneSdpThenFourCandidatesToOnePeer() {
        List<Schedule.Send> sends = sendsBefore(bursty(11_000, 2000), 10 * SECOND);

        for (int i = 1; i < sends.size(); i++) {
            assertTrue(sends.get(i).atNanos() >= sends.get(i - 1).atNanos(), "time order at " + i);
        }
        // Follow each negotiation by its client and peer: one large frame, then four small ones, later.
        for (int i = 0; i < 1000; i++) {
            Schedule.Send start = sends.get(i);
            if (!start.large()) {
                continue;
            }
            List<Schedule.Send> own = sends.stream().filter(s -> s.client() == start.client()
                    && s.peerPick() == start.peerPick() && s.atNanos() >= start.atNanos()).limit(6).toList();
            assertEquals(start, own.get(0));
            for (int k = 1; k <= 4; k++) {
                assertFalse(own.get(k).large(), "frame " + k + " of the negotiation is a candidate");
            }
            assertTrue(own.size() < 6 || own.get(5).large(), "four candidates, not more");
        }
    }

    @Test
    void negotiationsStartAsAPoissonProcessAndCandidatesFollowWithinMilliseconds() {
        List<Schedule.Send> sends = sendsBefore(bursty(10_000, 2000), 100 * SECOND);

        List<Long> starts = sends.stream().filter(Schedule.Send::large).map(Schedule.Send::atNanos).toList();
        double[] gaps = new double[starts.size() - 1];
        for (int i = 1; i < starts.size(); i++) {
            gaps[i - 1] = starts.get(i) - starts.get(i - 1);
        }
        double mean = java.util.Arrays.stream(gaps).average().orElseThrow();
        double sd = Math.sqrt(java.util.Arrays.stream(gaps).map(g -> (g - mean) * (g - mean)).average().orElseThrow());
        assertEquals(500_000, mean, 5_000, "mean gap between starts: 2,000 negotiations a second");
        assertEquals(1.0, sd / mean, 0.02, "exponential gaps have a standard deviation equal to their mean");
        // A negotiation's five frames span about 4 ms (four gaps of 1 ms on average), so counts in 20 ms windows
        // vary about as much as bursts of five would (variance / mean near 5); single Poisson frames would give 1.
        assertEquals(5, dispersion(sends, 20 * MILLI, 100 * SECOND), 0.6, "variance / mean of frames per 20 ms");
        double spanNanos = 0;
        int negotiations = 0;
        for (int i = 0; i < 2000; i++) {
            Schedule.Send start = sends.get(i);
            if (start.large()) {
                Schedule.Send last = sends.stream().skip(i).filter(s -> s.client() == start.client()
                        && s.peerPick() == start.peerPick()).limit(5).reduce((a, b) -> b).orElseThrow();
                spanNanos += last.atNanos() - start.atNanos();
                negotiations++;
            }
        }
        assertEquals(4 * MILLI, spanNanos / negotiations, 0.6 * MILLI, "the last candidate follows its SDP by ~4 ms");
    }

    @Test
    void evenPacingSpacesFramesEquallyClientsInTurnEveryFifthLarge() {
        Schedule schedule = new Schedule(Schedule.Pacing.EVEN, 4000, 3, 5, MILLI, new SplittableRandom(1));
        List<Schedule.Send> sends = sendsBefore(schedule, SECOND);

        assertEquals(4000, sends.size());
        for (int i = 0; i < sends.size(); i++) {
            assertEquals(i * 250_000L, sends.get(i).atNanos());
            assertEquals(i % 3, sends.get(i).client());
            assertEquals(i % 5 == 0, sends.get(i).large());
        }
        assertTrue(dispersion(sends, MILLI, SECOND) < 0.01, "no bursts");
    }

    @Test
    void singleMessagesArriveAsAPoissonProcess() {
        Schedule schedule = new Schedule(Schedule.Pacing.BURSTY, 1000, 50, 1, 0, new SplittableRandom(7));
        List<Schedule.Send> sends = sendsBefore(schedule, 100 * SECOND);

        assertEquals(100_000, sends.size(), 1_000);
        assertTrue(sends.stream().allMatch(Schedule.Send::large), "each message is a burst of its own");
        assertEquals(1.0, dispersion(sends, 10 * MILLI, 100 * SECOND), 0.05, "Poisson counts: variance = mean");
    }

    /** Variance over mean of the number of sends in consecutive windows. */
    private static double dispersion(List<Schedule.Send> sends, long window, long length) {
        int[] counts = new int[(int) (length / window)];
        sends.forEach(s -> counts[(int) (s.atNanos() / window)]++);
        double mean = java.util.Arrays.stream(counts).average().orElseThrow();
        double variance = java.util.Arrays.stream(counts).mapToDouble(c -> (c - mean) * (c - mean)).average().orElseThrow();
        return variance / mean;
    }
}
