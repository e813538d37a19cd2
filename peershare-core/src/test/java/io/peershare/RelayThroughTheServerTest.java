package io.peershare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peershare.config.PeerShareConfig;
import io.peershare.internal.relay.Relay;
import io.peershare.protocol.CloseCodes;
import io.peershare.protocol.RelayFrame;
import io.peershare.testing.FakeTransport;
import io.peershare.testing.TestClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Transfers relayed through the server: granted, carried, bounded and ended, on the manual clock. */
class RelayThroughTheServerTest {

    private static final int CHUNK = RelayFrame.MAX_CHUNK_BYTES;

    private EngineFixture fx;
    private TestClient alice;
    private TestClient bob;

    @AfterEach
    void close() {
        if (fx != null) {
            fx.close();
        }
    }

    private void start(UnaryOperator<PeerShareConfig.Builder> config) {
        fx = new EngineFixture(b -> config.apply(b.relayEnabled(true)));
        alice = fx.client().join("Home", "Alice");
        bob = fx.client().join("Home", "Bob");
    }

    private String accepted(TestClient from, TestClient to, long size) {
        from.send("initiate-file-transfer", Json.createObjectBuilder().add("to", to.peerId())
                .add("fileName", "a.bin").add("fileSize", size).add("mimeType", "application/octet-stream"), "t");
        String id = from.last("file-transfer-initiated").getJsonObject("data").getString("transferId");
        to.send("accept-file-transfer", Json.createObjectBuilder().add("transferId", id));
        return id;
    }

    private static void requestRelay(TestClient who, String id) {
        who.send("request-relay", Json.createObjectBuilder().add("transferId", id), "r");
    }

    private static ByteBuffer chunk(String id, long offset, int bytes, int fill) {
        ByteBuffer data = ByteBuffer.allocate(bytes);
        for (int i = 0; i < bytes; i++) {
            data.put((byte) (fill + i));
        }
        return new RelayFrame(id, offset, data.flip()).encode();
    }

    private static String errorCode(TestClient who) {
        return who.lastError().getString("code");
    }

    private long relayedBytes() {
        return fx.engine.stats().relays().bytes();
    }

    @Test
    void theSenderOfAnAcceptedTransferGetsARelayAndItsChunksReachTheReceiverAsTheyCame() {
        start(b -> b);
        String id = accepted(alice, bob, 3L * Relay.FILE_BYTES_PER_CHUNK);
        requestRelay(alice, id);
        JsonObject granted = alice.last("relay-granted");
        assertEquals("r", granted.getString("requestId"));
        assertEquals(id, granted.getJsonObject("data").getString("transferId"));
        assertEquals(Relay.WINDOW_BYTES, granted.getJsonObject("data").getInt("windowBytes"));
        assertEquals(CHUNK, granted.getJsonObject("data").getInt("maxChunkBytes"));
        assertEquals(id, bob.last("relay-granted").getJsonObject("data").getString("transferId"));

        long offset = 0;
        for (int i = 0; i < 3; i++) {
            ByteBuffer frame = chunk(id, offset, CHUNK, i);
            alice.sendBinary(frame.duplicate());
            List<ByteBuffer> got = bob.transport().binaryFrames();
            assertEquals(frame, got.get(got.size() - 1), "the frame goes on byte for byte");
            offset += CHUNK;
        }
        assertEquals(3L * CHUNK, relayedBytes());
        assertTrue(alice.errors().isEmpty(), () -> "errors: " + alice.errors());

        bob.send("relay-ack", Json.createObjectBuilder().add("transferId", id).add("received", 2L * CHUNK));
        assertEquals(2L * CHUNK, alice.last("relay-credit").getJsonObject("data").getJsonNumber("received").longValue());
        assertEquals(1, fx.engine.stats().relays().open());

        bob.send("complete-file-transfer", Json.createObjectBuilder().add("transferId", id));
        assertEquals(0, fx.engine.stats().relays().open(), "the relay ends with its transfer");
        assertEquals(1, fx.engine.stats().relays().opened());
    }

    @Test
    void aSenderThatGoesPastItsCreditIsRefusedAndTheRelayEnds() {
        start(b -> b);
        String id = accepted(alice, bob, 100L * Relay.FILE_BYTES_PER_CHUNK);
        requestRelay(alice, id);
        long offset = 0;
        while (offset + CHUNK <= Relay.WINDOW_BYTES) {
            alice.sendBinary(chunk(id, offset, CHUNK, 0));
            offset += CHUNK;
        }
        int passed = bob.transport().binaryFrames().size();
        alice.sendBinary(chunk(id, offset, CHUNK, 0));
        assertEquals(passed, bob.transport().binaryFrames().size(), "nothing past the window reaches the receiver");
        assertEquals("RELAY_CHUNK_REFUSED", errorCode(alice));
        assertEquals("WINDOW_EXCEEDED", bob.last("relay-ended").getJsonObject("data").getString("reason"));
        assertEquals("WINDOW_EXCEEDED", alice.last("relay-ended").getJsonObject("data").getString("reason"));
        assertEquals(1L, fx.engine.stats().relays().refused().get("WINDOW_EXCEEDED"));
        assertFalse(alice.transport().isClosed(), "a refused chunk costs the relay, not the connection");
    }

    @Test
    void acknowledgementsAreNotRateLimitedButEachMustMoveTheWindowByAChunk() {
        start(b -> b.relayBytesPerSecond(1L << 40)); // the bandwidth would hold credit back: not what this is about
        int chunks = 600; // more acknowledgements than a signal's rate limit lets through in a burst
        String id = accepted(alice, bob, (long) chunks * Relay.FILE_BYTES_PER_CHUNK);
        requestRelay(alice, id);
        for (int i = 0; i < chunks; i++) {
            alice.sendBinary(chunk(id, (long) i * CHUNK, CHUNK, i));
            bob.send("relay-ack", Json.createObjectBuilder().add("transferId", id).add("received", (long) (i + 1) * CHUNK));
        }
        assertEquals(chunks, bob.transport().binaryFrames().size());
        assertEquals(chunks, alice.events("relay-credit").size(), "every acknowledgement came back as credit");
        assertTrue(bob.errors().isEmpty(), () -> "errors: " + bob.errors());

        for (int i = 0; i < 30; i++) { // acknowledgements that move nothing: refused, then rate-limited as CONTROL
            bob.send("relay-ack", Json.createObjectBuilder().add("transferId", id).add("received", (long) chunks * CHUNK));
        }
        assertTrue(bob.errors().stream().anyMatch(e -> "INVALID_FIELD_VALUE".equals(e.getString("code"))));
        assertTrue(bob.errors().stream().anyMatch(e -> "RATE_LIMITED".equals(e.getString("code"))));
    }

    @Test
    void chunksComeInOrderAndNeverPastTheAnnouncedSize() {
        start(b -> b);
        String id = accepted(alice, bob, 100);
        requestRelay(alice, id);
        alice.sendBinary(chunk(id, 5, 10, 0));
        assertEquals("OUT_OF_ORDER", alice.last("relay-ended").getJsonObject("data").getString("reason"));

        requestRelay(alice, id);
        alice.sendBinary(chunk(id, 0, 100 + 28, 0));
        alice.sendBinary(chunk(id, 128, 1, 0));
        assertEquals("SIZE_EXCEEDED", alice.last("relay-ended").getJsonObject("data").getString("reason"));
        assertEquals(1, bob.transport().binaryFrames().size());
    }

    @Test
    void onlyTheSenderOfItsOwnAcceptedTransferGetsARelay() {
        start(b -> b);
        TestClient carol = fx.client().join("Home", "Carol");
        alice.send("initiate-file-transfer", Json.createObjectBuilder().add("to", bob.peerId())
                .add("fileName", "a.bin").add("fileSize", 10).add("mimeType", "application/octet-stream"));
        String pending = alice.last("file-transfer-initiated").getJsonObject("data").getString("transferId");
        requestRelay(alice, pending);
        assertEquals("INVALID_TRANSFER_STATE", errorCode(alice), "not accepted yet");

        bob.send("accept-file-transfer", Json.createObjectBuilder().add("transferId", pending));
        requestRelay(bob, pending);
        assertEquals("INVALID_TRANSFER_STATE", errorCode(bob), "the receiver does not ask");
        requestRelay(carol, pending);
        assertEquals("TRANSFER_NOT_FOUND", errorCode(carol), "someone else's transfer is nobody's to her");
        assertTrue(carol.events("relay-granted").isEmpty());

        requestRelay(alice, pending);
        requestRelay(alice, pending);
        assertEquals("INVALID_TRANSFER_STATE", errorCode(alice), "one relay per transfer");
    }

    @Test
    void chunksOfNoRelayOfTheSendersGetAnErrorAndGoNowhere() {
        start(b -> b);
        TestClient carol = fx.client().join("Home", "Carol");
        String id = accepted(alice, bob, 1000);
        requestRelay(alice, id);
        carol.sendBinary(chunk(id, 0, 10, 0));
        bob.sendBinary(chunk(id, 0, 10, 0));
        assertEquals("RELAY_CHUNK_REFUSED", errorCode(carol));
        assertEquals("RELAY_CHUNK_REFUSED", errorCode(bob), "the receiver does not send on it");
        assertTrue(bob.transport().binaryFrames().isEmpty());
        assertTrue(alice.transport().binaryFrames().isEmpty());
        assertFalse(carol.transport().isClosed());
        assertEquals(0, relayedBytes());
    }

    @Test
    void aBinaryFrameThatIsNoRelayFrameClosesTheConnection() {
        start(b -> b);
        alice.sendBinary(ByteBuffer.wrap(new byte[] {9, 9, 9}));
        assertEquals(CloseCodes.UNSUPPORTED_DATA, alice.transport().closeCode());
        assertFalse(bob.transport().isClosed());
    }

    @Test
    void theServerRelaysNothingUnlessTurnedOn() {
        fx = new EngineFixture();
        alice = fx.client().join("Home", "Alice");
        bob = fx.client().join("Home", "Bob");
        String id = accepted(alice, bob, 1000);
        requestRelay(alice, id);
        assertEquals("RELAY_UNAVAILABLE", errorCode(alice));
        assertEquals(1L, fx.engine.stats().relays().refused().get("DISABLED"));
    }

    @Test
    void aReceiverWhoseConnectionCarriesNoBinaryFramesCannotBeRelayedTo() {
        start(b -> b);
        TestClient polling = new TestClient(fx.engine, new FakeTransport("192.168.1.10").withoutBinary())
                .join("Home", "Polling");
        String id = accepted(alice, polling, 1000);
        requestRelay(alice, id);
        assertEquals("RELAY_UNAVAILABLE", errorCode(alice));
        assertEquals(1L, fx.engine.stats().relays().refused().get("UNAVAILABLE"));
    }

    @Test
    void aPeerHasAtMostItsRelaysAndAnEndedOneFreesItsPlace() {
        start(b -> b.relaysPerPeer(1));
        TestClient carol = fx.client().join("Home", "Carol");
        String first = accepted(alice, bob, 1000);
        String second = accepted(carol, bob, 1000);
        requestRelay(alice, first);
        requestRelay(carol, second);
        assertEquals("RELAY_LIMIT_REACHED", errorCode(carol), "bob receives one already");
        alice.send("cancel-file-transfer", Json.createObjectBuilder().add("transferId", first));
        requestRelay(carol, second);
        assertEquals(second, carol.last("relay-granted").getJsonObject("data").getString("transferId"));
    }

    @Test
    void anAddressRelaysItsDailyQuotaAndNoMore() {
        start(b -> b.relayBytesPerAddressPerDay(3L * CHUNK));
        String id = accepted(alice, bob, 10L * Relay.FILE_BYTES_PER_CHUNK);
        requestRelay(alice, id);
        for (int i = 0; i < 4; i++) {
            alice.sendBinary(chunk(id, (long) i * CHUNK, CHUNK, 0));
        }
        assertEquals(3, bob.transport().binaryFrames().size());
        assertEquals("RELAY_QUOTA_EXCEEDED", errorCode(alice));
        String next = accepted(alice, bob, 1000);
        requestRelay(alice, next);
        assertEquals("RELAY_QUOTA_EXCEEDED", errorCode(alice), "spent for today");
        fx.clock.advance(Duration.ofDays(1)); // the clock alone: a day of the scheduler would time everyone out
        requestRelay(alice, next);
        assertEquals(next, alice.last("relay-granted").getJsonObject("data").getString("transferId"), "a new day");
    }

    @Test
    void oneIpv6PrefixSharesOneQuotaWhicheverOfItsAddressesAPeerUses() {
        start(b -> b.relayBytesPerAddressPerDay(3L * CHUNK));
        TestClient home = fx.client("2001:db8:1:2::10").join("Home", "Home");
        TestClient phone = fx.client("2001:db8:1:2::11").join("Home", "Phone");
        String id = accepted(home, phone, 10L * Relay.FILE_BYTES_PER_CHUNK);
        requestRelay(home, id);
        for (int i = 0; i < 3; i++) {
            home.sendBinary(chunk(id, (long) i * CHUNK, CHUNK, 0));
        }
        TestClient laptop = fx.client("2001:db8:1:2::ffff").join("Home", "Laptop");
        TestClient tablet = fx.client("2001:db8:1:2::abcd").join("Home", "Tablet");
        String other = accepted(laptop, tablet, 1000);
        requestRelay(laptop, other);
        assertEquals("RELAY_QUOTA_EXCEEDED", errorCode(laptop), "another address of the same /64 has no new quota");
    }

    @Test
    void pastTheBandwidthTheCreditComesBackLateNeverTheChunks() {
        start(b -> b.relayBytesPerSecond(CHUNK));
        String id = accepted(alice, bob, 10L * Relay.FILE_BYTES_PER_CHUNK);
        requestRelay(alice, id);
        alice.sendBinary(chunk(id, 0, CHUNK, 0)); // a second's worth
        alice.sendBinary(chunk(id, CHUNK, CHUNK, 0)); // a second more
        assertEquals(2, bob.transport().binaryFrames().size(), "chunks within the credit pass");
        bob.send("relay-ack", Json.createObjectBuilder().add("transferId", id).add("received", 2L * CHUNK));
        assertTrue(alice.events("relay-credit").isEmpty(), "held back: the server is past its bandwidth");
        fx.scheduler.advance(Duration.ofMillis(900));
        assertTrue(alice.events("relay-credit").isEmpty());
        fx.scheduler.advance(Duration.ofMillis(200));
        assertEquals(2L * CHUNK, alice.last("relay-credit").getJsonObject("data").getJsonNumber("received").longValue());
    }

    @Test
    void aRelayOnWhichNothingMovesEndsAndTheReceiverWhoNeverAcknowledgesHoldsOnlyAWindow() {
        start(b -> b);
        String id = accepted(alice, bob, 100L * Relay.FILE_BYTES_PER_CHUNK);
        requestRelay(alice, id);
        long offset = 0;
        for (int i = 0; i < 100 && alice.events("relay-ended").isEmpty(); i++) {
            alice.sendBinary(chunk(id, offset, CHUNK, 0));
            offset += CHUNK;
        }
        assertTrue(bob.transport().binaryFrames().size() * (long) CHUNK <= Relay.WINDOW_BYTES);
        // The receiver never acknowledged; the sender, refused past the window, stopped.
        TestClient dave = fx.client().join("Home", "Dave");
        String other = accepted(dave, bob, 1000);
        requestRelay(dave, other);
        fx.scheduler.advance(Duration.ofMillis(Relay.IDLE_TIMEOUT_MILLIS + 100));
        assertEquals("IDLE", dave.last("relay-ended").getJsonObject("data").getString("reason"));
        assertEquals("IDLE", bob.last("relay-ended").getJsonObject("data").getString("reason"));
        assertEquals(0, fx.engine.stats().relays().open());
    }

    @Test
    void aPeerThatLeavesEndsItsTransfersAndTheirRelays() {
        start(b -> b);
        String id = accepted(alice, bob, 1000);
        requestRelay(alice, id);
        assertEquals(1, fx.engine.stats().relays().open());
        bob.send("leave-wifi-network", Json.createObjectBuilder());
        assertEquals(0, fx.engine.stats().relays().open());
        alice.sendBinary(chunk(id, 0, 10, 0));
        assertEquals("RELAY_CHUNK_REFUSED", errorCode(alice), "its chunks find no relay");
    }
}
