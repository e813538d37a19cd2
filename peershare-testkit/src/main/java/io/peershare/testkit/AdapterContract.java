package io.peershare.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peershare.PeerShare;
import io.peershare.config.PeerShareConfig;
import io.peershare.config.RateLimit;
import io.peershare.model.EventClass;
import io.peershare.protocol.RelayFrame;
import io.peershare.spi.AdmissionPolicy.Admission;
import io.peershare.spi.AdmissionPolicy;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every transport adapter must do, whatever server it runs in. Each subclass serves the same engine through
 * one adapter in one server and this class drives it with a real WebSocket client.
 */
public abstract class AdapterContract {

    public static final String ALLOWED_ORIGIN = "http://share.example.test";

    /**
     * What a test asks of the adapter besides its defaults.
     *
     * @param engine         the engine to serve
     * @param allowedOrigins the origins to allow, as a person might write them (with a trailing slash)
     * @param retainedHeaders handshake headers the engine must see on join, beside whatever the adapter keeps
     */
    public record Deployment(PeerShare engine, List<String> allowedOrigins, List<String> retainedHeaders) {
    }

    private PeerShare engine;

    /** Serves the deployment's engine at {@code /ws} on a free port of 127.0.0.1; returns its {@code ws://} URI. */
    protected abstract URI deploy(Deployment deployment) throws Exception;

    protected abstract void undeploy() throws Exception;

    private URI start(PeerShareConfig config, AdmissionPolicy admission) throws Exception {
        engine = PeerShare.builder().config(config).admissionPolicy(admission).build();
        return deploy(new Deployment(engine, List.of(ALLOWED_ORIGIN + "/"), List.of("X-Client-Tag")));
    }

    private URI start() throws Exception {
        return start(PeerShareConfig.defaults(), AdmissionPolicy.ALLOW_ALL);
    }

    @AfterEach
    void stopAdapter() throws Exception {
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
        URI uri = start(PeerShareConfig.defaults(), sameTag);
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

    /**
     * The memory a client that stops reading can cost: at most the per-connection outbound limit (and one frame, for a
     * client with nothing waiting), whatever is sent to it; then it is closed with 4009, counted, and its bytes go back.
     */
    /**
     * The client's own close code reaches the engine: a page that went away (1001) is away for the short grace of a
     * closed tab, while a connection that simply broke keeps the whole resume grace.
     */
    @Test
    void aPageThatClosesWith1001IsGoneSoonerThanAConnectionThatBroke() throws Exception {
        PeerShareConfig config = PeerShareConfig.builder()
                .resumeGrace(java.time.Duration.ofSeconds(60))
                .sweepInterval(java.time.Duration.ofMillis(200))
                .build();
        URI uri = start(config, AdmissionPolicy.ALLOW_ALL);
        try (WsTestClient alice = WsTestClient.connect(uri, ALLOWED_ORIGIN);
             WsTestClient tab = WsTestClient.connect(uri, ALLOWED_ORIGIN);
             WsTestClient phone = WsTestClient.connect(uri, ALLOWED_ORIGIN)) {
            alice.join("Home", "Alice");
            alice.await("network-joined");
            tab.join("Home", "Tab");
            String tabId = tab.await("network-joined").getString("peerId");
            phone.join("Home", "Phone");
            String phoneId = phone.await("network-joined").getString("peerId");
            alice.await("network-users-updated", d -> d.getJsonArray("users").size() == 3);

            phone.drop(); // its network went: it may be back within the resume grace
            alice.awaitLatest("network-users-updated", d -> isAway(d, phoneId));
            long closed = System.nanoTime();
            tab.closeWith(1001, "page closed");
            alice.awaitLatest("network-users-updated", d -> d.getJsonArray("users").size() == 2);
            double seconds = (System.nanoTime() - closed) / 1e9;
            assertTrue(seconds >= 4 && seconds < 30, "the closed page left after the short grace: " + seconds + " s");
            JsonObject users = alice.awaitLatest("network-users-updated", d -> true);
            assertTrue(isAway(users, phoneId), "the broken connection is still away: " + users);
            assertTrue(users.getJsonArray("users").getValuesAs(JsonObject.class).stream()
                    .noneMatch(u -> tabId.equals(u.getString("peerId"))), "the closed page is gone: " + users);
        }
    }

    /**
     * A transfer relayed through the server: its chunks, binary frames, reach the receiver byte for byte, the
     * receiver's acknowledgement comes back to the sender as credit, and a binary frame that is no chunk closes its
     * sender with 1003.
     */
    @Test
    void aTransferRelayedThroughTheServerArrivesByteForByte() throws Exception {
        URI uri = start(PeerShareConfig.builder().relayEnabled(true).build(), AdmissionPolicy.ALLOW_ALL);
        try (WsTestClient alice = WsTestClient.connect(uri, ALLOWED_ORIGIN);
             WsTestClient bob = WsTestClient.connect(uri, ALLOWED_ORIGIN)) {
            alice.join("Home", "Alice");
            alice.await("network-joined");
            bob.join("Home", "Bob");
            String bobId = bob.await("network-joined").getString("peerId");
            int fileSize = 100_000;
            alice.send("initiate-file-transfer", Json.createObjectBuilder().add("to", bobId).add("fileName", "a.bin")
                    .add("fileSize", fileSize).add("mimeType", "application/octet-stream"));
            String id = bob.await("file-transfer-request").getString("transferId");
            bob.send("accept-file-transfer", Json.createObjectBuilder().add("transferId", id));
            alice.await("file-transfer-accepted");
            alice.send("request-relay", Json.createObjectBuilder().add("transferId", id));
            assertEquals(id, alice.await("relay-granted").getString("transferId"));
            bob.await("relay-granted");

            // Chunks as a browser sends them: 16 KiB of the file and 28 bytes of cipher framing each.
            java.util.Random random = new java.util.Random(24);
            java.io.ByteArrayOutputStream sent = new java.io.ByteArrayOutputStream();
            java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
            long offset = 0;
            for (int left = fileSize; left > 0; left -= 16 * 1024) {
                byte[] chunk = new byte[Math.min(left, 16 * 1024) + 28];
                random.nextBytes(chunk);
                alice.sendBinary(toArray(new RelayFrame(id, offset, java.nio.ByteBuffer.wrap(chunk)).encode()));
                sent.writeBytes(chunk);
                offset += chunk.length;
                RelayFrame arrived = RelayFrame.decode(java.nio.ByteBuffer.wrap(bob.awaitBinary()));
                assertEquals(id, arrived.transferId());
                got.writeBytes(toArray(arrived.chunk()));
            }
            assertArrayEquals(sent.toByteArray(), got.toByteArray(), "the receiver got every byte, in order");
            bob.send("relay-ack", Json.createObjectBuilder().add("transferId", id).add("received", offset));
            assertEquals(offset, alice.await("relay-credit").getJsonNumber("received").longValue());
            bob.send("complete-file-transfer", Json.createObjectBuilder().add("transferId", id));
            alice.await("file-transfer-completed");

            alice.sendBinary(new byte[] {9, 9, 9});
            assertEquals(1003, alice.awaitClose(), "a binary frame that is no chunk");
        }
    }

    private static byte[] toArray(java.nio.ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    @Test
    void aClientThatStopsReadingIsClosedWhileItsNeighboursCarryOn() throws Exception {
        int limit = 256 * 1024;
        PeerShareConfig generous = PeerShareConfig.builder()
                .maxOutboundBytes(limit)
                .connectionRateLimit(EventClass.SIGNAL, RateLimit.of(100_000, 100_000))
                .addressRateLimit(EventClass.SIGNAL, RateLimit.of(100_000, 100_000))
                .build();
        URI uri = start(generous, AdmissionPolicy.ALLOW_ALL);
        try (WsTestClient alice = WsTestClient.connect(uri, ALLOWED_ORIGIN);
             WsTestClient carol = WsTestClient.connect(uri, ALLOWED_ORIGIN);
             RawWebSocket stalled = RawWebSocket.open(uri, 16 * 1024)) {
            alice.join("Home", "Alice");
            alice.await("network-joined");
            carol.join("Home", "Carol");
            carol.await("network-joined");
            // A plain socket that never reads past the handshake: the stall is the test's, not a client library's.
            String status = stalled.handshake(uri, ALLOWED_ORIGIN);
            assertTrue(status.startsWith("HTTP/1.1 101"), status);
            stalled.sendText(Json.createObjectBuilder().add("event", "join-wifi-network").add("data",
                    Json.createObjectBuilder().add("networkName", "Home").add("userName", "Stalled")).build().toString());
            JsonObject three = alice.await("network-users-updated", d -> d.getJsonArray("users").size() == 3);
            String stalledId = three.getJsonArray("users").getValuesAs(JsonObject.class).stream()
                    .filter(u -> "Stalled".equals(u.getString("userName"))).findFirst().orElseThrow().getString("peerId");

            // About 60 KB per signal: loopback socket buffers fill within a few hundred, then the outbox.
            String blob = "x".repeat(60_000);
            long mostHeld = 0;
            int listsBefore = alice.received("network-users-updated").size();
            for (int i = 0; i < 2_000 && !stalledAway(alice, listsBefore, stalledId); i++) {
                alice.send("webrtc-signal", Json.createObjectBuilder().add("to", stalledId)
                        .add("signal", Json.createObjectBuilder().add("type", "candidate").add("candidate", blob)));
                mostHeld = Math.max(mostHeld, engine.outboundBudget().used());
            }
            // Closed, it is shown away: it may come back on a new connection within the resume grace.
            alice.awaitLatest("network-users-updated", d -> isAway(d, stalledId));
            // Signals sent after the close find it away; nothing else goes wrong.
            assertTrue(alice.unread("error").stream().allMatch(e -> "PEER_AWAY".equals(e.getString("code"))),
                    () -> "the sender saw errors: " + alice.unread("error"));
            long held = mostHeld;
            assertTrue(held <= limit + 64 * 1024, () -> "held " + held + " bytes for clients, limit " + limit);
            assertEquals(1L, engine.stats().closes().getOrDefault("slowConsumer", 0L), () -> "the close was counted: "
                + engine.stats().closes());

            carol.send("send-message", Json.createObjectBuilder().add("text", "still here"));
            alice.await("new-message", d -> "still here".equals(d.getString("text", null)));
            carol.await("new-message", d -> "still here".equals(d.getString("text", null)));
            assertTrue(engine.outboundBudget().used() < limit, "the stalled client's bytes went back to the budget");
        }
    }

    /** Whether a peer list showing the stalled client away came after the lists the client had when the flood began. */
    private static boolean stalledAway(WsTestClient client, int listsBefore, String stalledId) {
        List<JsonObject> lists = client.received("network-users-updated");
        return lists.subList(listsBefore, lists.size()).stream().anyMatch(d -> isAway(d, stalledId));
    }

    private static boolean isAway(JsonObject users, String peerId) {
        return users.getJsonArray("users").getValuesAs(JsonObject.class).stream()
                .anyMatch(u -> peerId.equals(u.getString("peerId")) && u.getBoolean("away", false));
    }
}
