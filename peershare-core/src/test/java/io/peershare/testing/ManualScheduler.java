package io.peershare.testing;

import io.peershare.spi.Cancellable;
import io.peershare.spi.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A scheduler driven by a {@link ManualClock}: {@link #advance} moves the clock and runs every task that
 * falls due on the way, in time order, on the calling thread. No threads, no sleeps.
 */
public final class ManualScheduler implements Scheduler {

    private final ManualClock clock;
    private final List<Task> tasks = new ArrayList<>();

    public ManualScheduler(ManualClock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized Cancellable scheduleAtFixedRate(Runnable task, Duration period) {
        Task t = new Task(task, period, clock.instant().plus(period));
        tasks.add(t);
        return () -> {
            synchronized (ManualScheduler.this) {
                tasks.remove(t);
            }
        };
    }

    /** Moves time forward by {@code duration}, running due tasks at their due times. */
    public void advance(Duration duration) {
        Instant end = clock.instant().plus(duration);
        while (true) {
            Task next;
            synchronized (this) {
                Optional<Task> due = tasks.stream().filter(t -> !t.due.isAfter(end)).min(Comparator.comparing(t -> t.due));
                if (due.isEmpty()) {
                    break;
                }
                next = due.get();
                next.due = next.due.plus(next.period);
            }
            Duration step = Duration.between(clock.instant(), next.due.minus(next.period));
            if (!step.isNegative()) {
                clock.advance(step);
            }
            next.runnable.run();
        }
        Duration rest = Duration.between(clock.instant(), end);
        if (!rest.isNegative()) {
            clock.advance(rest);
        }
    }

    public synchronized int taskCount() {
        return tasks.size();
    }

    private static final class Task {
        final Runnable runnable;
        final Duration period;
        Instant due;

        Task(Runnable runnable, Duration period, Instant due) {
            this.runnable = runnable;
            this.period = period;
            this.due = due;
        }
    }
}
