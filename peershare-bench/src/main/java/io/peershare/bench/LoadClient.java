package io.peershare.bench;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;

/**
 * One simulated browser: a JDK WebSocket that joins a network, learns its peers, and records the one-way
 * latency of signals and chat messages that carry a send time ({@code "t":<microseconds>}).
 */
final class LoadClient implements WebSocket.Listener {

    /** What all clients of one run share: counters and the latency recorder. */
    static final class Totals {
        final LongAdder received = new LongAdder();
        final LongAdder errors = new LongAdder();
        final LongAdder closed = new LongAdder();
        final Recorder latencyMicros = new Recorder(3);
        volatile String lastError = "";

        /** Waits (at most 10 s) until no more frames arrive: what was sent has been delivered or lost. */
        void awaitQuiet() throws InterruptedException {
            long last = -1;
            for (int i = 0; i < 50 && received.sum() != last; i++) {
                last = received.sum();
                Thread.sleep(200);
            }
        }
    }

    private final int index;
    private final String network;
    private final int expectedPeers;
    private final Totals totals;
    private final StringBuilder partial = new StringBuilder();
    final CompletableFuture<Void> complete = new CompletableFuture<>();
    volatile String peerId;
    volatile List<String> peers = List.of();
    volatile long connectedAtNanos;
    private volatile WebSocket socket;
    private CompletableFuture<?> lastSend = CompletableFuture.completedFuture(null);

    LoadClient(int index, String network, int expectedPeers, Totals totals) {
        this.index = index;
        this.network = network;
        this.expectedPeers = expectedPeers;
        this.totals = totals;
    }

    CompletableFuture<WebSocket> connect(HttpClient http, URI uri) {
        return http.newWebSocketBuilder().buildAsync(uri, this).thenApply(ws -> {
            socket = ws;
            connectedAtNanos = System.nanoTime();
            send("{\"event\":\"join-wifi-network\",\"data\":{\"networkName\":\"" + network + "\",\"userName\":\"u" + index + "\"}}");
            return ws;
        });
    }

    /** Queues a frame behind the previous one (a JDK WebSocket allows one outstanding send). */
    synchronized void send(String frame) {
        WebSocket ws = socket;
        if (ws == null || ws.isOutputClosed()) {
            return;
        }
        lastSend = lastSend.isDone() ? ws.sendText(frame, true) : lastSend.thenCompose(x -> ws.sendText(frame, true));
    }

    void close() {
        WebSocket ws = socket;
        if (ws != null) {
            ws.abort();
        }
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        if (!last) {
            partial.append(data);
        } else {
            String frame;
            if (partial.length() > 0) {
                frame = partial.append(data).toString();
                partial.setLength(0);
            } else {
                frame = data.toString();
            }
            handle(frame);
        }
        webSocket.request(1);
        return null;
    }

    private void handle(String frame) {
        if (frame.startsWith("{\"event\":\"webrtc-signal-received\"") || frame.startsWith("{\"event\":\"new-message\"")) {
            // Signals carry "t":<micros> in the signal object; chat carries ~t<micros> in its text.
            int at = frame.indexOf("\"t\":");
            int digits = at + 4;
            if (at < 0) {
                at = frame.indexOf("~t");
                digits = at + 2;
            }
            if (at >= 0) {
                long sent = parseLong(frame, digits);
                totals.latencyMicros.recordValue(Math.max(0, System.nanoTime() / 1000 - sent));
                totals.received.increment();
            }
        } else if (frame.startsWith("{\"event\":\"network-users-updated\"")) {
            JsonObject data = Json.createReader(new StringReader(frame)).readObject().getJsonObject("data");
            List<String> ids = data.getJsonArray("users").getValuesAs(JsonObject.class).stream()
                    .map(u -> u.getString("peerId")).filter(id -> !id.equals(peerId)).toList();
            peers = ids;
            if (peerId != null && ids.size() + 1 >= expectedPeers) {
                complete.complete(null);
            }
        } else if (frame.startsWith("{\"event\":\"network-joined\"")) {
            peerId = Json.createReader(new StringReader(frame)).readObject().getJsonObject("data").getString("peerId");
        } else if (frame.startsWith("{\"event\":\"error\"")) {
            totals.errors.increment();
            totals.lastError = frame;
        }
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

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        totals.closed.increment();
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        totals.closed.increment();
    }
}
