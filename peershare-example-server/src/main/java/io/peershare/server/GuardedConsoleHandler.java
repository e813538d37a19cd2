package io.peershare.server;

import java.util.logging.ConsoleHandler;
import java.util.logging.LogRecord;

/**
 * The server's console handler: each record passes its {@link LogFloodGuard} before it takes the console's lock, so
 * that the records a flood makes are dropped without every logging thread queueing for that lock (in a reconnect
 * storm, thousands of threads' debug lines, nearly all of them dropped).
 */
final class GuardedConsoleHandler extends ConsoleHandler {

    private final LogFloodGuard guard;

    GuardedConsoleHandler(LogFloodGuard guard) {
        this.guard = guard;
    }

    @Override
    public void publish(LogRecord record) {
        if (record != null && record.getLevel().intValue() >= getLevel().intValue() && guard.isLoggable(record)) {
            super.publish(record);
        }
    }
}
