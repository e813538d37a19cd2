package io.peershare.bench;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A well-behaved client of the soak that keeps nothing it receives but the latest peer list: for ten minutes of
 * traffic, memory must stay flat on this side too. Frames are sent one at a time (the JDK client allows one
 * outstanding send). Threading: sends from the actor's thread; the listener runs on the HTTP client's threads.
 */
final class SoakClient implements WebSocket.Listener, AutoCloseable {

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final SoakCounts counts;
    private final StringBuilder partial = new StringBuilder();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile WebSocket socket;
    private volatile List<JsonObject> peers = List.of();
    private volatile String ownId;

    private SoakClient(SoakCounts counts) {
        this.counts = counts;
    }

    static SoakClient connect(URI uri, String origin, SoakCounts counts) throws Exception {
        SoakClient client = new SoakClient(counts);
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        if (origin != null) {
            builder.header("Origin", origin);
        }
        client.socket = builder.buildAsync(uri, client).get(10, TimeUnit.SECONDS);
        return client;
    }

    void send(String frame) {
        if (closed.get()) {
            return;
        }
        try {
            socket.sendText(frame, true).get(10, TimeUnit.SECONDS);
            counts.sent.increment();
        } catch (Exception e) {
            counts.sendFailures.increment();
            closed.set(true);
        }
    }

    void join(String network, String user) {
        send("{\"event\":\"join-wifi-network\",\"data\":{\"networkName\":\"" + network + "\",\"userName\":\"" + user
                + "\"}}");
    }

    /** Everyone else in this client's network, as the server last told it. */
    List<JsonObject> others() {
        String me = ownId;
        return peers.stream().filter(p -> !p.getString("peerId").equals(me)).toList();
    }

    boolean isClosed() {
        return closed.get();
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence text, boolean last) {
        partial.append(text);
        if (last) {
            String frame = partial.toString();
            partial.setLength(0);
            counts.received.increment();
            if (frame.startsWith("{\"event\":\"network-users-updated\"")
                    || frame.startsWith("{\"event\":\"network-joined\"") || frame.startsWith("{\"event\":\"error\"")) {
                read(frame);
            }
        }
        webSocket.request(1);
        return null;
    }

    private void read(String frame) {
        JsonObject event = Json.createReader(new StringReader(frame)).readObject();
        JsonObject data = event.getJsonObject("data");
        switch (event.getString("event")) {
            case "network-joined" -> ownId = data.getString("peerId");
            case "network-users-updated" -> peers = data.getJsonArray("users").getValuesAs(JsonObject.class);
            default -> counts.error(data.getString("code", "?"));
        }
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.set(true);
        counts.closedByServer(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.set(true);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(5, TimeUnit.SECONDS)
                    .whenComplete((ws, e) -> socket.abort());
        }
    }
}
