package io.peershare.testing;

import io.peershare.PeerShare;
import io.peershare.spi.Connection;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.List;
import java.util.Map;

/** A client of an engine over a {@link FakeTransport}, with helpers for the common events. */
public final class TestClient {

    private final FakeTransport transport;
    private final Connection connection;

    public TestClient(PeerShare engine, String remoteIp) {
        this(engine, new FakeTransport(remoteIp));
    }

    public TestClient(PeerShare engine, String remoteIp, Map<String, List<String>> headers) {
        this(engine, new FakeTransport(remoteIp, headers));
    }

    public TestClient(PeerShare engine, FakeTransport transport) {
        this.transport = transport;
        this.connection = engine.open(transport);
    }

    public FakeTransport transport() {
        return transport;
    }

    public Connection connection() {
        return connection;
    }

    public String peerId() {
        return connection.peerId();
    }

    /** Sends one binary frame. */
    public void sendBinary(java.nio.ByteBuffer frame) {
        connection.receiveBinary(frame);
    }

    public void sendRaw(String frame) {
        connection.receive(frame);
    }

    public void send(String event, JsonObjectBuilder data) {
        connection.receive(Json.createObjectBuilder().add("event", event).add("data", data).build().toString());
    }

    public void send(String event, JsonObjectBuilder data, String requestId) {
        connection.receive(Json.createObjectBuilder().add("event", event).add("data", data)
                .add("requestId", requestId).build().toString());
    }

    public TestClient join(String network, String user) {
        send("join-wifi-network", Json.createObjectBuilder().add("networkName", network).add("userName", user));
        return this;
    }

    /** The resume token of the last {@code network-joined} this client received. */
    public String resumeToken() {
        return transport.last("network-joined").getJsonObject("data").getString("resumeToken");
    }

    /** Sends {@code resume} with {@code token}, as a client on a new connection does. */
    public TestClient resume(String token) {
        send("resume", Json.createObjectBuilder().add("resumeToken", token));
        return this;
    }

    public void chat(String text) {
        send("send-message", Json.createObjectBuilder().add("text", text));
    }

    public void signal(String to, JsonObjectBuilder signal) {
        send("webrtc-signal", Json.createObjectBuilder().add("to", to).add("signal", signal));
    }

    public List<JsonObject> events(String event) {
        return transport.events(event);
    }

    public JsonObject last(String event) {
        return transport.last(event);
    }

    /** The data of the last error; fails if there is none. */
    public JsonObject lastError() {
        return transport.last("error").getJsonObject("data");
    }

    public List<JsonObject> errors() {
        return transport.events("error").stream().map(e -> e.getJsonObject("data")).toList();
    }

    /** Peer ids in the last network-users-updated this client received. */
    public List<String> visiblePeers() {
        return transport.last("network-users-updated").getJsonObject("data").getJsonArray("users")
                .getValuesAs(JsonObject.class).stream().map(u -> u.getString("peerId")).toList();
    }

    public void clear() {
        transport.clear();
    }

    public void close() {
        connection.closed();
    }

    /** The client closes with this WebSocket close code, as a browser closes with 1001 when its page goes. */
    public void closeWith(int closeCode) {
        connection.closedByClient(closeCode);
    }
}
