package io.peershare.server;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * {@code LOG_FORMAT=json}: one JSON object per line, for log shippers: {@code time}, {@code level}, {@code logger},
 * {@code thread}, {@code message}, and for a server fault {@code error} and {@code stack}. Client mistakes are
 * logged without a throwable, and an error the network or a client caused ({@link NetworkErrors#isExpected}) carries
 * its {@code error} without a stack, whoever logged it.
 */
final class JsonLogFormatter extends Formatter {

    @Override
    public String format(LogRecord record) {
        JsonObjectBuilder line = Json.createObjectBuilder()
                .add("time", Instant.ofEpochMilli(record.getMillis()).toString())
                .add("level", record.getLevel().getName())
                .add("logger", record.getLoggerName() == null ? "" : record.getLoggerName())
                .add("thread", Thread.currentThread().getName())
                .add("message", formatMessage(record));
        Throwable thrown = record.getThrown();
        if (thrown != null && NetworkErrors.isExpected(thrown)) {
            line.add("error", thrown.toString()); // the network's or a client's doing: no stack
        } else if (thrown != null) {
            StringWriter stack = new StringWriter();
            thrown.printStackTrace(new PrintWriter(stack));
            line.add("error", thrown.toString()).add("stack", stack.toString());
        }
        return line.build().toString() + System.lineSeparator();
    }
}
