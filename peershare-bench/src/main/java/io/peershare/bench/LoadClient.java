package io.peershare.bench;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReaderFactory;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.HdrHistogram.Recorder;

/**
 * One simulated browser, whatever WebSocket client carries it: joins a network, learns its peers, and records
 * the one-way latency of signals and chat messages that carry their intended send time ({@code "t":<micros>} in
 * a signal, {@code ~t<micros>} in a chat text), on the same clock as the sender.
 */
final class LoadClient {

    /** One factory for all: {@code Json.createReader} looks its provider up again, through the class path, each time. */
    private static final JsonReaderFactory JSON = Json.createReaderFactory(Map.of());

    /** The connection under a client: a written frame leaves at the latest on the next flush. */
    interface Wire {
        void write(String frame);

        void flush();

        void close();
    }

    /** What all clients of one run share: counters, the latency recorders and the clock. */
    static final class Totals {
        final LongAdder received = new LongAdder();
        final LongAdder errors = new LongAdder();
        final LongAdder closed = new LongAdder();
        /** Connections whose WebSocket opened. */
        final LongAdder opened = new LongAdder();
        /** Clients whose peer list became complete. */
        final LongAdder completed = new LongAdder();
        /** From the intended send time to the frame's arrival at its receiver. */
        final Recorder latencyMicros = new Recorder(3);
        /** From the intended send time to the moment the generator handed the frame to its client. */
        final Recorder sendLagMicros = new Recorder(3);
        final LongSupplier nanoClock;
        volatile String lastError = "";

        Totals() {
            this(System::nanoTime);
        }

        Totals(LongSupplier nanoClock) {
            this.nanoClock = nanoClock;
        }

        long nowMicros() {
            return nanoClock.getAsLong() / 1000;
        }

        /** Waits (at most 10 s) until no more frames arrive: what was sent has been delivered or lost. */
        void awaitQuiet() throws InterruptedException {
            long last = -1;
            for (int i = 0; i < 50 && received.sum() != last; i++) {
                last = received.sum();
                Thread.sleep(200);
            }
        }
    }

    final int index;
    /** The generator thread that sends for this client. */
    final int lane;
    private final String network;
    private final int expectedPeers;
    private final Totals totals;
    final CompletableFuture<Void> complete = new CompletableFuture<>();
    volatile String peerId;
    volatile List<String> peers = List.of();
    private Wire wire;
    private boolean unflushed;

    LoadClient(int index, int lane, String network, int expectedPeers, Totals totals) {
        this.index = index;
        this.lane = lane;
        this.network = network;
        this.expectedPeers = expectedPeers;
        this.totals = totals;
    }

    /** The WebSocket is open: join the network. */
    void opened(Wire openedWire) {
        synchronized (this) {
            wire = openedWire;
        }
        totals.opened.increment();
        send("{\"event\":\"join-wifi-network\",\"data\":{\"networkName\":\"" + network + "\",\"userName\":\"u" + index + "\"}}");
    }

    /** Writes without flushing; true if this is the first frame since the last flush. */
    synchronized boolean write(String frame) {
        if (wire == null) {
            return false;
        }
        wire.write(frame);
        boolean first = !unflushed;
        unflushed = true;
        return first;
    }

    synchronized void flush() {
        if (unflushed) {
            unflushed = false;
            wire.flush();
        }
    }

    void send(String frame) {
        write(frame);
        flush();
    }

    synchronized void close() {
        if (wire != null) {
            wire.close();
        }
    }

    /** A whole text frame from the server. */
    void onText(String frame) {
        if (frame.startsWith("{\"event\":\"webrtc-signal-received\"") || frame.startsWith("{\"event\":\"new-message\"")) {
            int at = frame.indexOf("\"t\":");
            int digits = at + 4;
            if (at < 0) {
                at = frame.indexOf("~t");
                digits = at + 2;
            }
            if (at >= 0) {
                long intended = parseLong(frame, digits);
                totals.latencyMicros.recordValue(Math.max(0, totals.nowMicros() - intended));
                totals.received.increment();
            }
        } else if (frame.startsWith("{\"event\":\"network-users-updated\"")) {
            JsonObject data = JSON.createReader(new StringReader(frame)).readObject().getJsonObject("data");
            List<String> ids = data.getJsonArray("users").getValuesAs(JsonObject.class).stream()
                    .map(u -> u.getString("peerId")).filter(id -> !id.equals(peerId)).toList();
            peers = ids;
            if (peerId != null && ids.size() + 1 >= expectedPeers && complete.complete(null)) {
                totals.completed.increment();
            }
        } else if (frame.startsWith("{\"event\":\"network-joined\"")) {
            peerId = JSON.createReader(new StringReader(frame)).readObject().getJsonObject("data").getString("peerId");
        } else if (frame.startsWith("{\"event\":\"error\"")) {
            totals.errors.increment();
            totals.lastError = frame;
        }
    }

    /** The connection closed or failed. */
    void onClosed() {
        totals.closed.increment();
    }

    private static long parseLong(String s, int from) {
        long value = 0;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                break;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
