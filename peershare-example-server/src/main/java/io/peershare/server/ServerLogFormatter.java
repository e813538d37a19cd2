package io.peershare.server;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * {@code LOG_FORMAT=text}: one readable line per record, {@code time level logger: message}. A server fault carries its
 * stack trace on the lines after; an error the network or a client caused ({@link NetworkErrors#isExpected}) is told
 * on the same line, without one, whoever logged it (PeerShare, Netty or Grizzly).
 */
final class ServerLogFormatter extends Formatter {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    @Override
    public String format(LogRecord record) {
        StringBuilder line = new StringBuilder(128)
                .append(TIME.format(Instant.ofEpochMilli(record.getMillis())))
                .append(' ').append(record.getLevel().getName())
                .append(' ').append(record.getLoggerName() == null ? "" : record.getLoggerName())
                .append(": ").append(formatMessage(record));
        Throwable thrown = record.getThrown();
        if (thrown != null && NetworkErrors.isExpected(thrown)) {
            line.append(" (").append(NetworkErrors.describe(thrown)).append(')');
        } else if (thrown != null) {
            StringWriter stack = new StringWriter();
            thrown.printStackTrace(new PrintWriter(stack));
            line.append(System.lineSeparator()).append(stack.toString().stripTrailing());
        }
        return line.append(System.lineSeparator()).toString();
    }
}
