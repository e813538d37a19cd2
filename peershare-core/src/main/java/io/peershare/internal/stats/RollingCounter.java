package io.peershare.internal.stats;

/**
 * Counts events over the last 60 seconds in one-second slots, on an injected time source.
 * Thread-safe; the lock is held for a few instructions.
 */
public final class RollingCounter {

    private static final int SLOTS = 60;

    private final long[] counts = new long[SLOTS];
    private final long[] seconds = new long[SLOTS];

    public synchronized void increment(long nowMillis) {
        long second = Math.floorDiv(nowMillis, 1000);
        int slot = (int) Math.floorMod(second, SLOTS);
        if (seconds[slot] != second) {
            seconds[slot] = second;
            counts[slot] = 0;
        }
        counts[slot]++;
    }

    /** Events in the 60 seconds up to and including the current one. */
    public synchronized long lastMinute(long nowMillis) {
        long now = Math.floorDiv(nowMillis, 1000);
        long total = 0;
        for (int i = 0; i < SLOTS; i++) {
            if (now - seconds[i] < SLOTS && seconds[i] <= now) {
                total += counts[i];
            }
        }
        return total;
    }
}
