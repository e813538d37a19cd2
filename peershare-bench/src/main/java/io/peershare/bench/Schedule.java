package io.peershare.bench;

import java.util.Locale;
import java.util.PriorityQueue;
import java.util.random.RandomGenerator;

/**
 * The load one lane offers in a step, as a sequence of intended sends in time order: when (nanoseconds from the
 * step's start), from which of the lane's clients, to which of its peers, and whether the frame is the large
 * first one of a burst (an SDP) or a small follow-up (an ICE candidate).
 *
 * <p>{@link Pacing#BURSTY} models browsers negotiating WebRTC connections: negotiations start at random moments
 * across the population (a Poisson process: exponential gaps between starts, at {@code rate / burstSize} a
 * second), and each is one large frame followed by {@code burstSize - 1} small ones from the same client to the
 * same peer, with exponential gaps of mean {@code burstGapNanos}. {@link Pacing#EVEN} spaces all frames equally,
 * clients in turn, every {@code burstSize}-th frame large: the smooth load of earlier versions. Both offer
 * {@code rate} frames a second with one large frame in {@code burstSize}.
 *
 * <p>Pure and single-threaded: time and randomness come from the caller, so tests run it without a clock.
 */
final class Schedule {

    enum Pacing {
        EVEN, BURSTY;

        static Pacing parse(String value) {
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--pacing must be even or bursty, not " + value, e);
            }
        }
    }

    /** One intended send; {@code peerPick} is a non-negative number to choose the peer by (modulo their count). */
    record Send(long atNanos, int client, int peerPick, boolean large) {
    }

    /** A negotiation whose follow-ups are still to come. */
    private static final class Burst {
        long atNanos;
        final int client;
        final int peerPick;
        int remaining;

        Burst(long atNanos, int client, int peerPick, int remaining) {
            this.atNanos = atNanos;
            this.client = client;
            this.peerPick = peerPick;
            this.remaining = remaining;
        }
    }

    private static final int PEER_PICKS = 1 << 30;

    private final Pacing pacing;
    private final int clients;
    private final int burstSize;
    private final double meanGapNanos;
    private final double meanStartGapNanos;
    private final RandomGenerator random;
    private final PriorityQueue<Burst> followUps = new PriorityQueue<>((a, b) -> Long.compare(a.atNanos, b.atNanos));
    private double nextStartNanos;
    private long count;

    /**
     * @param rate          frames a second, all clients of the lane together
     * @param clients       how many clients the lane has (sends name them 0 to {@code clients - 1})
     * @param burstSize     frames per negotiation (5: one SDP and four ICE candidates); 1 for single messages
     * @param burstGapNanos mean gap between the frames of one negotiation (bursty only)
     */
    Schedule(Pacing pacing, double rate, int clients, int burstSize, long burstGapNanos, RandomGenerator random) {
        if (rate <= 0 || clients < 1 || burstSize < 1 || burstGapNanos < 0) {
            throw new IllegalArgumentException("rate " + rate + ", clients " + clients + ", burst size " + burstSize
                    + ", burst gap " + burstGapNanos + " ns: all must be positive");
        }
        this.pacing = pacing;
        this.clients = clients;
        this.burstSize = burstSize;
        this.meanGapNanos = burstGapNanos;
        this.meanStartGapNanos = 1e9 * burstSize / rate;
        this.random = random;
        this.nextStartNanos = pacing == Pacing.BURSTY ? random.nextExponential() * meanStartGapNanos : 0;
    }

    /** The next intended send; times never decrease. */
    Send next() {
        return pacing == Pacing.EVEN ? nextEven() : nextBursty();
    }

    private Send nextEven() {
        long k = count++;
        return new Send((long) (k * meanStartGapNanos / burstSize), (int) (k % clients), random.nextInt(PEER_PICKS),
                k % burstSize == 0);
    }

    private Send nextBursty() {
        Burst due = followUps.peek();
        if (due != null && due.atNanos <= nextStartNanos) {
            followUps.poll();
            Send send = new Send(due.atNanos, due.client, due.peerPick, false);
            if (--due.remaining > 0) {
                due.atNanos += gap();
                followUps.add(due);
            }
            return send;
        }
        long at = (long) nextStartNanos;
        Send send = new Send(at, random.nextInt(clients), random.nextInt(PEER_PICKS), true);
        if (burstSize > 1) {
            followUps.add(new Burst(at + gap(), send.client(), send.peerPick(), burstSize - 1));
        }
        nextStartNanos += random.nextExponential() * meanStartGapNanos;
        return send;
    }

    private long gap() {
        return (long) (random.nextExponential() * meanGapNanos);
    }
}
