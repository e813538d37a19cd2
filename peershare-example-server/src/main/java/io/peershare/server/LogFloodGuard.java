package io.peershare.server;

import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * Caps what clients can make the server log. Each connection already logs its refusals at most once a minute and
 * its close once; this bounds all of them together: at most {@code perSecond} records below {@code WARNING} in
 * any one second, the rest dropped and counted, and the count said in the next line that passes. Warnings and
 * errors (the server's own trouble) always pass.
 *
 * <p>Threading: called on any logging thread; one monitor, held for a few instructions.
 */
final class LogFloodGuard implements Filter {

    private final int perSecond;
    private long second = Long.MIN_VALUE;
    private int passed;
    private long dropped;

    LogFloodGuard(int perSecond) {
        this.perSecond = perSecond;
    }

    @Override
    public boolean isLoggable(LogRecord record) {
        if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
            return true;
        }
        long now = record.getMillis() / 1000;
        long droppedBefore;
        synchronized (this) {
            if (now != second) {
                second = now;
                passed = 0;
            }
            if (passed >= perSecond) {
                dropped++;
                return false;
            }
            passed++;
            droppedBefore = dropped;
            dropped = 0;
        }
        if (droppedBefore > 0) {
            record.setMessage(record.getMessage() + " (" + droppedBefore + " earlier log lines were dropped: more than "
                    + perSecond + " a second)");
        }
        return true;
    }
}
