package io.peershare.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/** {@code LOG_FORMAT=json} lines, and the cap on what clients can make the server log. */
class LogFormatTest {

    private static LogRecord record(Level level, String message, long millis) {
        LogRecord record = new LogRecord(level, message);
        record.setLoggerName("io.peershare.netty.ChannelTransport");
        record.setInstant(java.time.Instant.ofEpochMilli(millis));
        return record;
    }

    @Test
    void aJsonLineIsOneObjectWithTheFieldsALogShipperReads() {
        String line = new JsonLogFormatter().format(record(Level.INFO, "closing connection from /203.0.113.7:5000 "
                + "with 4009: \"slow\"\nreader", 1_767_225_600_000L));
        assertTrue(line.endsWith(System.lineSeparator()));
        assertEquals(1, line.strip().lines().count(), "one line, whatever the message holds");
        JsonObject o = Json.createReader(new StringReader(line)).readObject();
        assertEquals("2026-01-01T00:00:00Z", o.getString("time"));
        assertEquals("INFO", o.getString("level"));
        assertEquals("io.peershare.netty.ChannelTransport", o.getString("logger"));
        assertTrue(o.getString("message").contains("4009: \"slow\"\nreader"));
        assertFalse(o.containsKey("stack"), "a client's close is no server fault");
    }

    @Test
    void aServerFaultCarriesItsErrorAndStack() {
        LogRecord fault = record(Level.SEVERE, "PeerShare sweep task failed", 0);
        fault.setThrown(new IllegalStateException("broken"));
        JsonObject o = Json.createReader(new StringReader(new JsonLogFormatter().format(fault))).readObject();
        assertEquals("java.lang.IllegalStateException: broken", o.getString("error"));
        assertTrue(o.getString("stack").contains("aServerFaultCarriesItsErrorAndStack"));
    }

    @Test
    void noLevelCanFloodTheLogAndWhatIsDroppedIsSaid() {
        LogFloodGuard guard = new LogFloodGuard(50, 20);
        List<LogRecord> passed = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            LogRecord r = record(Level.INFO, "closing connection " + i, 5_000 + i / 100); // 10,000 in one second
            if (guard.isLoggable(r)) {
                passed.add(r);
            }
        }
        assertEquals(50, passed.size());
        List<LogRecord> warnings = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            LogRecord r = record(Level.WARNING, "Redis unreachable", 5_099);
            if (guard.isLoggable(r)) {
                warnings.add(r);
            }
        }
        assertEquals(20, warnings.size(), "warnings have a bound of their own, apart from the clients' lines");
        assertTrue(warnings.get(0).getMessage().endsWith("(9950 earlier log lines were dropped: more than 50 a second,"
                + " or 20 warnings)"), warnings.get(0).getMessage());
        LogRecord next = record(Level.INFO, "closing connection late", 6_000);
        assertTrue(guard.isLoggable(next));
        assertTrue(next.getMessage().endsWith("(980 earlier log lines were dropped: more than 50 a second, or 20"
                + " warnings)"), next.getMessage());
    }

    @Test
    void anErrorTheNetworkCausedIsOneLineWithoutAStack() {
        LogRecord reset = record(Level.WARNING, "An exceptionCaught() event was fired", 0);
        reset.setThrown(new io.netty.handler.codec.PrematureChannelClosureException(
                "Channel closed while still aggregating message"));
        String text = new ServerLogFormatter().format(reset);
        assertEquals(1, text.strip().lines().count(), text);
        assertTrue(text.contains("(PrematureChannelClosureException: Channel closed while still aggregating message)"),
                text);
        JsonObject json = Json.createReader(new StringReader(new JsonLogFormatter().format(reset))).readObject();
        assertFalse(json.containsKey("stack"));
        assertTrue(json.getString("error").contains("PrematureChannelClosureException"));

        LogRecord wrapped = record(Level.WARNING, "read failed", 0);
        wrapped.setThrown(new RuntimeException(new java.net.SocketException("Connection reset")));
        assertEquals(1, new ServerLogFormatter().format(wrapped).strip().lines().count(), "a cause counts too");
    }

    @Test
    void aServerFaultKeepsItsStackInText() {
        LogRecord fault = record(Level.SEVERE, "PeerShare sweep task failed", 0);
        fault.setThrown(new IllegalStateException("broken"));
        String text = new ServerLogFormatter().format(fault);
        assertTrue(text.startsWith("1970-01-01T00:00:00.000Z SEVERE io.peershare.netty.ChannelTransport: PeerShare sweep task"
                + " failed"), text);
        assertTrue(text.contains("java.lang.IllegalStateException: broken"), text);
        assertTrue(text.contains("aServerFaultKeepsItsStackInText"), text);
    }
}
