package io.peershare.jakarta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peershare.EventClass;
import io.peershare.PeerShare;
import io.peershare.PeerShareConfig;
import io.peershare.RateLimit;
import io.peershare.jakarta.testing.WsTestClient;
import io.peershare.spi.AdmissionPolicy;
import io.peershare.spi.AdmissionPolicy.Admission;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.websocket.server.ServerEndpointConfig;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the adapter must do in every container. Each subclass deploys the same endpoint in one container
 * and drives it with a real WebSocket client.
 */
abstract class EndpointContract {

    static final String ALLOWED_ORIGIN = "http://share.example.test";

    private PeerShare engine;

    /** Deploys the endpoint at {@code /ws} on a free port and returns the {@code ws://} URI of it. */
    abstract URI deploy(ServerEndpointConfig endpoint) throws Exception;

    abstract void undeploy() throws Exception;

    private URI start(PeerShareConfig config, AdmissionPolicy admission,
            Function<PeerShareEndpointConfig.Builder, PeerShareEndpointConfig.Builder> endpoint) throws Exception {
        engine = PeerShare.builder().config(config).admissionPolicy(admission).build();
        return deploy(endpoint.apply(PeerShareEndpointConfig.builder(engine)
                .allowedOrigins(List.of(ALLOWED_ORIGIN + "/"))).build());
    }

    private URI start() throws Exception {
        return start(PeerShareConfig.defaults(), AdmissionPolicy.ALLOW_ALL, b -> b);
    }

    @AfterEach
    void stop() throws Exception {
        undeploy();
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void joinChatSignalAndTransferThroughTheContainer() throws Exception {
        URI uri = start();
        try (WsTestClient alice = WsTestClient.connect(uri, ALLOWED_ORIGIN);
             WsTestClient bob = WsTestClient.connect(uri, ALLOWED_ORIGIN)) {
            alice.join("Home", "Alice");
            String aliceId = alice.await("network-joined").getString("peerId");
            bob.join("Home", "Bob");
            String bobId = bob.await("network-joined").getString("peerId");
            alice.await("network-users-updated", d -> d.getJsonArray("users").size() == 2);

            alice.send("send-message", Json.createObjectBuilder().add("text", "héllo 👋"));
            JsonObject received = bob.await("new-message", d -> "Alice".equals(d.getString("userName", null)));
            assertEquals("héllo 👋", received.getString("text"));

            // Larger than Tomcat's 8 KB default buffer: the adapter must have raised the limit.
            String sdp = "v=0\r\n" + "a=candidate:1 1 udp 2122260223 192.168.1.20 50000 typ host\r\n".repeat(300);
            alice.send("webrtc-signal", Json.createObjectBuilder().add("to", bobId)
                    .add("signal", Json.createObjectBuilder().add("type", "offer").add("sdp", sdp)));
            JsonObject signal = bob.await("webrtc-signal-received");
            assertEquals(aliceId, signal.getString("from"));
            assertEquals(sdp, signal.getJsonObject("signal").getString("sdp"));

            alice.send("initiate-file-transfer", Json.createObjectBuilder().add("to", bobId)
                    .add("fileName", "notes.txt").add("fileSize", 1234).add("mimeType", "text/plain"));
            JsonObject request = bob.await("file-transfer-request");
            String transferId = request.getString("transferId");
            assertEquals("notes.txt", request.getString("fileName"));
            alice.await("file-transfer-initiated");
            bob.send("accept-file-transfer", Json.createObjectBuilder().add("transferId", transferId));
            assertEquals(transferId, alice.await("file-transfer-accepted").getString("transferId"));
        }
    }

    @Test
    void foreignOriginIsRefusedWith403AndAllowedOriginsMatchInTheirSerializedForm() throws Exception {
        URI uri = start();
        assertEquals(403, WsTestClient.handshakeStatus(uri, "http://evil.example.test"));
        assertEquals(403, WsTestClient.handshakeStatus(uri, "null"));
        assertEquals(0, engine.stats().connections(), "a refused handshake never reaches the engine");
        assertEquals(101, WsTestClient.handshakeStatus(uri, "HTTP://Share.Example.Test:80"));
        assertEquals(101, WsTestClient.handshakeStatus(uri, null), "a non-browser client sends no Origin");
    }

    @Test
    void aClientInAnotherNetworkSeesAndReceivesNothing() throws Exception {
        URI uri = start();
        try (WsTestClient alice = WsTestClient.connect(uri, ALLOWED_ORIGIN);
             WsTestClient stranger = WsTestClient.connect(uri, ALLOWED_ORIGIN)) {
            stranger.join("Office", "Eve");
            stranger.await("network-joined");
            alice.join("Home", "Alice");
            alice.await("network-joined");
            alice.send("send-message", Json.createObjectBuilder().add("text", "private"));
            alice.await("new-message", d -> "private".equals(d.getString("text", null)));

            JsonObject users = stranger.await("network-users-updated");
            assertEquals(1, users.getJsonArray("users").size());
            // Eve's own join message is the last chat frame she may see; Alice's must never arrive.
            stranger.send("heartbeat", Json.createObjectBuilder());
            stranger.await("heartbeat-ack");
            assertTrue(stranger.unread("new-message").stream().noneMatch(m -> "private".equals(m.getString("text", null))));
            assertTrue(stranger.unread("network-users-updated").isEmpty());
        }
    }

    @Test
    void handshakeHeadersAndAddressArePerConnectionUnderConcurrentHandshakes() throws Exception {
        // Each client sends its own tag; a join is admitted only if the engine saw that client's own header
        // and a real remote address, which proves the configurator keeps no per-connection state.
        AdmissionPolicy sameTag = (request, key) -> {
            List<String> tag = request.headers().get("x-client-tag");
            boolean own = tag != null && tag.equals(List.of(request.userName()));
            boolean addressed = request.clientAddress() != null && request.clientAddress().isLoopbackAddress();
            return own && addressed ? Admission.allow() : Admission.deny("saw " + tag + " from " + request.clientAddress());
        };
        URI uri = start(PeerShareConfig.defaults(), sameTag, b -> b);
        int clients = 24;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<WsTestClient> open = new ArrayList<>();
        try {
            List<Future<WsTestClient>> connecting = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                String tag = "user" + i;
                connecting.add(pool.submit(() -> WsTestClient.connect(uri, ALLOWED_ORIGIN,
                        new String[] {"X-Client-Tag", tag}, true)));
            }
            for (int i = 0; i < clients; i++) {
                WsTestClient client = connecting.get(i).get();
                open.add(client);
                client.join("Net" + i, "user" + i);
            }
            for (WsTestClient client : open) {
                client.await("network-joined");
                assertTrue(client.unread("error").isEmpty(), () -> "denied: " + client.unread("error"));
            }
        } finally {
            open.forEach(WsTestClient::close);
            pool.shutdownNow();
        }
    }

    @Test
    void aClientThatStopsReadingIsClosedWhileItsNeighboursCarryOn() throws Exception {
        PeerShareConfig generous = PeerShareConfig.builder()
                .connectionRateLimit(EventClass.SIGNAL, RateLimit.of(100_000, 100_000))
                .addressRateLimit(EventClass.SIGNAL, RateLimit.of(100_000, 100_000))
                .build();
        URI uri = start(generous, AdmissionPolicy.ALLOW_ALL, b -> b.maxOutboundFrames(16));
        try (WsTestClient alice = WsTestClient.connect(uri, ALLOWED_ORIGIN);
             WsTestClient carol = WsTestClient.connect(uri, ALLOWED_ORIGIN);
             WsTestClient stalled = WsTestClient.connect(uri, ALLOWED_ORIGIN, null, false)) {
            alice.join("Home", "Alice");
            alice.await("network-joined");
            carol.join("Home", "Carol");
            carol.await("network-joined");
            stalled.join("Home", "Stalled"); // never reads its network-joined
            JsonObject three = alice.await("network-users-updated", d -> d.getJsonArray("users").size() == 3);
            String stalledId = three.getJsonArray("users").getValuesAs(JsonObject.class).stream()
                    .filter(u -> "Stalled".equals(u.getString("userName"))).findFirst().orElseThrow().getString("peerId");

            // About 60 KB per signal: loopback socket buffers fill within a few hundred, then the outbox.
            String blob = "x".repeat(60_000);
            for (int i = 0; i < 2_000 && !stalledLeft(alice); i++) {
                alice.send("webrtc-signal", Json.createObjectBuilder().add("to", stalledId)
                        .add("signal", Json.createObjectBuilder().add("type", "candidate").add("candidate", blob)));
            }
            JsonObject two = alice.await("network-users-updated", d -> d.getJsonArray("users").size() == 2);
            assertFalse(two.toString().contains(stalledId), "the stalled client left the network");
            assertTrue(alice.unread("error").isEmpty(), () -> "the sender saw errors: " + alice.unread("error"));

            carol.send("send-message", Json.createObjectBuilder().add("text", "still here"));
            alice.await("new-message", d -> "still here".equals(d.getString("text", null)));
        }
    }

    private static boolean stalledLeft(WsTestClient client) {
        return client.unread("network-users-updated").stream().anyMatch(d -> d.getJsonArray("users").size() == 2);
    }
}
