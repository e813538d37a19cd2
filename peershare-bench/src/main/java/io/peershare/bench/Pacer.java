package io.peershare.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Sends one lane's share of a step on that lane's thread. Each time it runs it sends every frame whose intended
 * time has come, stamped with that intended time, so that a late timer or a queue in the generator counts
 * against the measured latency instead of being left out (no coordinated omission); then it flushes each
 * client written to once, and sleeps until the next intended time.
 */
final class Pacer implements Runnable {

    /** Builds the frame of one send, stamped with its intended time; null to skip it (the client has no peers). */
    interface Frames {
        String frame(LoadClient from, Schedule.Send send, long intendedMicros);
    }

    /**
     * The shortest sleep between two runs: a frame due sooner waits for the next run (and the wait counts in its
     * latency); shorter sleeps would cost a wake-up per frame.
     */
    static final long MIN_SLEEP_NANOS = 50_000;

    private final Schedule schedule;
    private final List<LoadClient> clients;
    private final Frames frames;
    private final LoadClient.Totals totals;
    private final long startNanos;
    private final long endNanos;
    private final ScheduledExecutorService lane;
    private final boolean stampActual;
    private final List<LoadClient> written = new ArrayList<>();
    private Schedule.Send next;
    private long sent;
    final CompletableFuture<Long> done = new CompletableFuture<>();

    /** Sends {@code schedule} (offsets from {@code startNanos}) until {@code endNanos}, on {@code lane}. */
    Pacer(Schedule schedule, List<LoadClient> clients, Frames frames, LoadClient.Totals totals, long startNanos,
            long endNanos, ScheduledExecutorService lane) {
        this(schedule, clients, frames, totals, startNanos, endNanos, lane, false);
    }

    /**
     * As above; with {@code stampActual}, frames carry the time they were built instead of the time they were due,
     * which leaves the generator's own lateness out of the latency (as earlier versions did): for comparisons only.
     */
    Pacer(Schedule schedule, List<LoadClient> clients, Frames frames, LoadClient.Totals totals, long startNanos,
            long endNanos, ScheduledExecutorService lane, boolean stampActual) {
        this.schedule = schedule;
        this.clients = clients;
        this.frames = frames;
        this.totals = totals;
        this.startNanos = startNanos;
        this.endNanos = endNanos;
        this.lane = lane;
        this.stampActual = stampActual;
        this.next = schedule.next();
    }

    @Override
    public void run() {
        try {
            sendDue(totals.nanoClock.getAsLong());
            if (finished()) {
                done.complete(sent);
            } else {
                long sleep = startNanos + next.atNanos() - totals.nanoClock.getAsLong();
                lane.schedule(this, Math.max(MIN_SLEEP_NANOS, sleep), TimeUnit.NANOSECONDS);
            }
        } catch (RuntimeException | Error e) {
            done.completeExceptionally(e);
        }
    }

    /** Sends every frame due at {@code nowNanos} and flushes; returns how many were sent. */
    int sendDue(long nowNanos) {
        int count = 0;
        while (!finished() && startNanos + next.atNanos() <= nowNanos) {
            long intended = startNanos + next.atNanos();
            LoadClient from = clients.get(next.client());
            long stamp = stampActual ? totals.nanoClock.getAsLong() : intended;
            String frame = frames.frame(from, next, stamp / 1000);
            if (frame != null) {
                if (from.write(frame)) {
                    written.add(from);
                }
                totals.sendLagMicros.recordValue(Math.max(0, (nowNanos - intended) / 1000));
                count++;
            }
            next = schedule.next();
        }
        for (LoadClient client : written) {
            client.flush();
        }
        written.clear();
        sent += count;
        return count;
    }

    boolean finished() {
        return startNanos + next.atNanos() >= endNanos;
    }
}
