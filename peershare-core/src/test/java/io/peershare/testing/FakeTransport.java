package io.peershare.testing;

import io.peershare.protocol.OutboundFrame;
import io.peershare.spi.Transport;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * An in-memory transport: records every frame the engine sends and how it closed the connection.
 * Thread-safe.
 */
public class FakeTransport implements Transport {

    private final InetSocketAddress remote;
    private final Map<String, List<String>> headers;
    private final List<String> frames = new ArrayList<>();
    private final List<ByteBuffer> binaryFrames = new ArrayList<>();
    private boolean carriesBinary = true;
    private int closeCode = -1;
    private String closeReason;

    public FakeTransport(String remoteIp) {
        this(remoteIp, Map.of());
    }

    public FakeTransport(String remoteIp, Map<String, List<String>> headers) {
        this.remote = remoteIp == null ? null : new InetSocketAddress(remoteIp, 50_000);
        this.headers = headers;
    }

    @Override
    public synchronized void send(OutboundFrame frame) {
        frames.add(frame.text());
    }

    @Override
    public synchronized void close(int code, String reason) {
        if (closeCode < 0) {
            closeCode = code;
            closeReason = reason;
        }
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return remote;
    }

    @Override
    public Map<String, List<String>> headers() {
        return headers;
    }

    @Override
    public synchronized boolean carriesBinary() {
        return carriesBinary;
    }

    /** As a transport that cannot carry binary frames (Socket.IO over long-polling). */
    public synchronized FakeTransport withoutBinary() {
        carriesBinary = false;
        return this;
    }

    @Override
    public synchronized void sendBinary(ByteBuffer frame) {
        if (!carriesBinary) {
            throw new UnsupportedOperationException("no binary frames");
        }
        binaryFrames.add(frame.duplicate());
    }

    /** The binary frames sent to this client so far. */
    public synchronized List<ByteBuffer> binaryFrames() {
        return List.copyOf(binaryFrames);
    }

    public synchronized List<String> frames() {
        return List.copyOf(frames);
    }

    /** Every frame received so far, parsed. */
    public List<JsonObject> events() {
        List<JsonObject> out = new ArrayList<>();
        for (String frame : frames()) {
            try (JsonReader reader = Json.createReader(new StringReader(frame))) {
                out.add(reader.readObject());
            }
        }
        return out;
    }

    /** Frames of one event name, parsed. */
    public List<JsonObject> events(String event) {
        return events().stream().filter(e -> e.getString("event").equals(event)).toList();
    }

    public List<JsonObject> events(Predicate<JsonObject> filter) {
        return events().stream().filter(filter).toList();
    }

    /** The last frame of one event name; fails if there is none. */
    public JsonObject last(String event) {
        List<JsonObject> matching = events(event);
        if (matching.isEmpty()) {
            throw new AssertionError("no '" + event + "' event among " + frames());
        }
        return matching.get(matching.size() - 1);
    }

    public synchronized void clear() {
        frames.clear();
    }

    public synchronized int closeCode() {
        return closeCode;
    }

    public synchronized String closeReason() {
        return closeReason;
    }

    public synchronized boolean isClosed() {
        return closeCode >= 0;
    }
}
