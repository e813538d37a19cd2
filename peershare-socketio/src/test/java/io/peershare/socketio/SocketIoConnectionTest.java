package io.peershare.socketio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peershare.PeerShare;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Socket.IO clients on a real engine, over sessions carried by in-memory WebSockets. */
class SocketIoConnectionTest {

    private final PeerShare engine = PeerShare.builder().build();

    @AfterEach
    void close() {
        engine.close();
    }

    /** A client: its session on an in-memory WebSocket, and what the server sent it. */
    private final class Client implements EngineIoSession.WebSocketSink {
        final List<String> received = new ArrayList<>();
        boolean closed;
        final EngineIoSession session;

        Client(String address) {
            SocketIoConnection connection = new SocketIoConnection(engine, Clock.systemUTC(),
                    new InetSocketAddress(address, 40_000), Map.of());
            session = new EngineIoSession("sid-" + address, EngineIoSettings.DEFAULTS, connection,
                    engine.outboundBudget().account(), 0);
            session.attachWebSocket(this);
        }

        void emit(String socketIoPacket) {
            session.webSocketText(this, "4" + socketIoPacket, 0);
        }

        @Override
        public synchronized void send(String text) {
            received.add(text);
        }

        @Override
        public synchronized void sendBinary(byte[] data) {
            received.add("binary:" + data.length);
        }

        @Override
        public void close() {
            closed = true;
        }

        synchronized List<String> events(String name) {
            return received.stream().filter(t -> t.startsWith("42[\"" + name + "\"")).toList();
        }
    }

    @Test
    void connectJoinChatAndAcknowledgements() {
        Client alice = new Client("192.168.1.10");
        alice.emit("0");
        assertTrue(alice.received.get(0).matches("40\\{\"sid\":\"[A-Za-z0-9_-]{20}\"}"), alice.received::toString);

        alice.emit("20[\"join-wifi-network\",{\"networkName\":\"Home\",\"userName\":\"Alice\"}]");
        assertEquals(1, alice.events("network-joined").size(), alice.received::toString);
        assertTrue(alice.received.stream().anyMatch(t -> t.startsWith("430[{\"event\":\"network-joined\",\"data\":{")),
                () -> "the join's acknowledgement: " + alice.received);

        Client bob = new Client("192.168.1.11");
        bob.emit("0");
        bob.emit("2[\"join-wifi-network\",{\"networkName\":\"Home\",\"userName\":\"Bob\"}]");
        bob.emit("2[\"send-message\",{\"text\":\"hi from Socket.IO\"}]");
        assertTrue(alice.events("new-message").stream().anyMatch(t -> t.contains("hi from Socket.IO")),
                alice.received::toString);
        assertFalse(bob.received.stream().anyMatch(t -> t.startsWith("43")), "no acknowledgement when none asked");
    }

    @Test
    void errorsComeAsEventsAndAsTheAcknowledgement() {
        Client alice = new Client("192.168.1.10");
        alice.emit("0");
        alice.emit("25[\"send-message\",{\"text\":\"before joining\"}]");
        assertEquals(1, alice.events("error").size(), alice.received::toString);
        assertTrue(alice.received.stream().anyMatch(t -> t.startsWith("435[{\"event\":\"error\",\"data\":{\"code\":\"NOT_IN_NETWORK\"")),
                alice.received::toString);
    }

    @Test
    void pongsKeepTheEngineConnectionAliveWithoutAnsweringTheClient() {
        Client alice = new Client("192.168.1.10");
        alice.emit("0");
        alice.emit("2[\"join-wifi-network\",{\"networkName\":\"Home\",\"userName\":\"Alice\"}]");
        alice.session.tick(EngineIoSettings.DEFAULTS.pingIntervalMillis()); // the server's ping
        int before = alice.received.size();
        alice.session.webSocketText(alice, "3", EngineIoSettings.DEFAULTS.pingIntervalMillis() + 10);
        assertEquals(before, alice.received.size(), "the heartbeat's answer stays on the server: " + alice.received);
        assertEquals(0L, engine.stats().errors().values().stream().mapToLong(Long::longValue).sum(),
                () -> "the heartbeat was accepted: " + engine.stats().errors());
    }

    @Test
    void anotherNamespaceIsRefusedAndTheConnectionStays() {
        Client alice = new Client("192.168.1.10");
        alice.emit("0/admin,");
        assertEquals(List.of("44/admin,{\"message\":\"Invalid namespace\"}"), alice.received);
        assertFalse(alice.closed);
    }

    @Test
    void anEventBeforeConnectEndsTheSessionWithoutAReply() {
        Client alice = new Client("192.168.1.10");
        alice.emit("2[\"join-wifi-network\",{}]");
        assertTrue(alice.closed);
        assertTrue(alice.received.isEmpty(), alice.received::toString);
    }

    @Test
    void binaryDataIsRefusedWithAnErrorAndTheEngineClosesTheConnection() {
        Client alice = new Client("192.168.1.10");
        alice.emit("0");
        alice.emit("51-[\"send-message\",{\"_placeholder\":true,\"num\":0}]");
        assertTrue(alice.events("error").get(0).contains("binary data"), alice.received::toString);
        assertTrue(alice.closed, "closed by the engine (1003)");
        assertEquals(1L, engine.stats().closes().get("binaryFrame"));
    }
}
