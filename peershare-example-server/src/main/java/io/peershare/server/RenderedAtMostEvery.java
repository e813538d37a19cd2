package io.peershare.server;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * An answer made at most once per interval, however often it is asked for: {@code /api/stats} and {@code /metrics}
 * read every counter and gauge, and any number of scrapers should cost one rendering per interval, not one per
 * request.
 *
 * <p>Threading: any thread; one monitor, held while rendering, so that concurrent scrapers wait for one rendering
 * instead of each making their own.
 */
final class RenderedAtMostEvery<T> implements Supplier<T> {

    private final Duration interval;
    private final Clock clock;
    private final Supplier<T> render;
    private T last;
    private long renderedAtMillis;

    RenderedAtMostEvery(Duration interval, Clock clock, Supplier<T> render) {
        this.interval = interval;
        this.clock = clock;
        this.render = render;
    }

    @Override
    public synchronized T get() {
        long now = clock.millis();
        if (last == null || now - renderedAtMillis >= interval.toMillis() || now < renderedAtMillis) {
            last = render.get();
            renderedAtMillis = now;
        }
        return last;
    }
}
