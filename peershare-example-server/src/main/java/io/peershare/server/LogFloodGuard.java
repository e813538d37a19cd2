package io.peershare.server;

import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * Caps what can reach the log in any one second, whatever clients do: at most {@code perSecond} records below
 * {@code WARNING}, and apart from them at most {@code warningsPerSecond} warnings and errors (so that the server's own
 * trouble is never drowned by clients' lines, and cannot flood the log either). What is dropped is counted, and the
 * count is said in the next line that passes.
 *
 * <p>Threading: called on any logging thread; one monitor, held for a few instructions.
 */
final class LogFloodGuard implements Filter {

    private final int perSecond;
    private final int warningsPerSecond;
    private long second = Long.MIN_VALUE;
    private int passed;
    private int warningsPassed;
    private long dropped;

    LogFloodGuard(int perSecond, int warningsPerSecond) {
        this.perSecond = perSecond;
        this.warningsPerSecond = warningsPerSecond;
    }

    @Override
    public boolean isLoggable(LogRecord record) {
        boolean warning = record.getLevel().intValue() >= Level.WARNING.intValue();
        long now = record.getMillis() / 1000;
        long droppedBefore;
        synchronized (this) {
            if (now != second) {
                second = now;
                passed = 0;
                warningsPassed = 0;
            }
            if (warning ? warningsPassed >= warningsPerSecond : passed >= perSecond) {
                dropped++;
                return false;
            }
            if (warning) {
                warningsPassed++;
            } else {
                passed++;
            }
            droppedBefore = dropped;
            dropped = 0;
        }
        if (droppedBefore > 0) {
            record.setMessage(record.getMessage() + " (" + droppedBefore + " earlier log lines were dropped: more than "
                    + perSecond + " a second, or " + warningsPerSecond + " warnings)");
        }
        return true;
    }
}
