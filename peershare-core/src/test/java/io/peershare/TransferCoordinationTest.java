package io.peershare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peershare.config.PeerShareConfig;
import io.peershare.testing.TestClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Transfer coordination (issue item 6). */
class TransferCoordinationTest {

    private final EngineFixture fx = new EngineFixture();
    private final TestClient alice = fx.client().join("Home", "Alice");
    private final TestClient bob = fx.client().join("Home", "Bob");

    @AfterEach
    void close() {
        fx.close();
    }

    private String offer(TestClient from, TestClient to, long size) {
        from.send("initiate-file-transfer", Json.createObjectBuilder().add("to", to.peerId())
                .add("fileName", "photo.jpg").add("fileSize", size).add("mimeType", "image/jpeg"), "t");
        return from.last("file-transfer-initiated").getJsonObject("data").getString("transferId");
    }

    private void act(TestClient who, String event, String transferId) {
        who.send(event, Json.createObjectBuilder().add("transferId", transferId));
    }

    @Test
    void requestAcceptProgressCompleteTellsBothSides() {
        String id = offer(alice, bob, 5_000_000);
        JsonObject ack = alice.last("file-transfer-initiated");
        assertEquals("t", ack.getString("requestId"));
        assertEquals("pending", ack.getJsonObject("data").getString("state"));

        JsonObject request = bob.last("file-transfer-request").getJsonObject("data");
        assertEquals(id, request.getString("transferId"));
        assertEquals(alice.peerId(), request.getString("from"));
        assertEquals("Alice", request.getString("fromUserName"));
        assertEquals("photo.jpg", request.getString("fileName"));
        assertEquals(5_000_000, request.getJsonNumber("fileSize").longValue());
        assertEquals("image/jpeg", request.getString("mimeType"));

        act(bob, "accept-file-transfer", id);
        assertEquals("accepted", alice.last("file-transfer-accepted").getJsonObject("data").getString("state"));
        assertEquals(bob.peerId(), bob.last("file-transfer-accepted").getJsonObject("data").getString("by"));

        alice.send("file-transfer-progress", Json.createObjectBuilder().add("transferId", id).add("bytesTransferred", 2_500_000));
        assertEquals(2_500_000, bob.last("file-transfer-progress").getJsonObject("data").getJsonNumber("bytesTransferred").longValue());
        assertTrue(alice.events("file-transfer-progress").isEmpty(), "the reporter is not echoed");

        act(bob, "complete-file-transfer", id);
        assertEquals("completed", alice.last("file-transfer-completed").getJsonObject("data").getString("state"));
        assertEquals("completed", bob.last("file-transfer-completed").getJsonObject("data").getString("state"));
        assertEquals(1L, fx.engine.stats().transfersFinished().get("COMPLETED"));
        assertEquals(0L, fx.engine.stats().transfersActive().get("ACCEPTED"));
    }

    @Test
    void receiverCanRejectWithAReasonAndSenderCannotAcceptItsOwnTransfer() {
        String id = offer(alice, bob, 10);
        act(alice, "accept-file-transfer", id);
        assertEquals("INVALID_TRANSFER_STATE", alice.lastError().getString("code"));
        bob.send("reject-file-transfer", Json.createObjectBuilder().add("transferId", id).add("reason", "no thanks"));
        JsonObject rejected = alice.last("file-transfer-rejected").getJsonObject("data");
        assertEquals("rejected", rejected.getString("state"));
        assertEquals("no thanks", rejected.getString("reason"));
        act(bob, "accept-file-transfer", id);
        assertEquals("TRANSFER_NOT_FOUND", bob.lastError().getString("code"));
    }

    @Test
    void eitherSideCanCancel() {
        String first = offer(alice, bob, 10);
        act(alice, "cancel-file-transfer", first);
        assertEquals("cancelled", bob.last("file-transfer-cancelled").getJsonObject("data").getString("state"));
        String second = offer(alice, bob, 10);
        act(bob, "accept-file-transfer", second);
        act(bob, "cancel-file-transfer", second);
        assertEquals(bob.peerId(), alice.last("file-transfer-cancelled").getJsonObject("data").getString("by"));
        assertEquals(2L, fx.engine.stats().transfersFinished().get("CANCELLED"));
    }

    @Test
    void zeroByteFileIsAllowedAndOversizedFileIsRefused() {
        offer(alice, bob, 0);
        assertEquals(1, bob.events("file-transfer-request").size());
        alice.send("initiate-file-transfer", Json.createObjectBuilder().add("to", bob.peerId())
                .add("fileName", "huge.iso").add("fileSize", PeerShareConfig.DEFAULT_MAX_FILE_SIZE + 1));
        assertEquals("FILE_TOO_LARGE", alice.lastError().getString("code"));
        assertEquals("fileSize", alice.lastError().getString("field"));
        assertEquals(1, bob.events("file-transfer-request").size());
    }

    @Test
    void onlyParticipantsCanTouchATransfer() {
        String id = offer(alice, bob, 10);
        TestClient mallory = fx.client().join("Home", "Mallory");
        act(mallory, "accept-file-transfer", id);
        assertEquals("TRANSFER_NOT_FOUND", mallory.lastError().getString("code"));
        act(mallory, "cancel-file-transfer", id);
        assertEquals("TRANSFER_NOT_FOUND", mallory.lastError().getString("code"));
        assertTrue(alice.events("file-transfer-cancelled").isEmpty());
    }

    @Test
    void transferToAnotherNetworkIsRefusedLikeAnUnknownPeer() {
        TestClient outsider = fx.client().join("Elsewhere", "Olga");
        alice.send("initiate-file-transfer", Json.createObjectBuilder().add("to", outsider.peerId())
                .add("fileName", "a.txt").add("fileSize", 1));
        assertEquals("PEER_NOT_FOUND", alice.lastError().getString("code"));
        assertTrue(outsider.events("file-transfer-request").isEmpty());
    }

    @Test
    void concurrentTransfersPerPeerAreLimited() {
        for (int i = 0; i < 5; i++) {
            offer(alice, bob, 1);
        }
        alice.send("initiate-file-transfer", Json.createObjectBuilder().add("to", bob.peerId())
                .add("fileName", "sixth").add("fileSize", 1));
        assertEquals("TRANSFER_LIMIT_REACHED", alice.lastError().getString("code"));

        TestClient carol = fx.client().join("Home", "Carol");
        carol.send("initiate-file-transfer", Json.createObjectBuilder().add("to", bob.peerId())
                .add("fileName", "to busy bob").add("fileSize", 1));
        assertEquals("TRANSFER_LIMIT_REACHED", carol.lastError().getString("code"));
        assertEquals("to", carol.lastError().getString("field"));

        act(bob, "reject-file-transfer", bob.events("file-transfer-request").get(0).getJsonObject("data").getString("transferId"));
        carol.send("initiate-file-transfer", Json.createObjectBuilder().add("to", bob.peerId())
                .add("fileName", "now fits").add("fileSize", 1));
        assertEquals("now fits", bob.last("file-transfer-request").getJsonObject("data").getString("fileName"));
    }

    @Test
    void unansweredRequestTimesOutForBothSides() {
        alice.send("heartbeat", Json.createObjectBuilder());
        String id = offer(alice, bob, 10);
        fx.scheduler.advance(Duration.ofSeconds(55));
        assertTrue(alice.events("file-transfer-failed").isEmpty());
        fx.scheduler.advance(Duration.ofSeconds(5));
        JsonObject failed = bob.last("file-transfer-failed").getJsonObject("data");
        assertEquals(id, failed.getString("transferId"));
        assertEquals("TIMEOUT", failed.getString("reason"));
        assertEquals("TIMEOUT", alice.last("file-transfer-failed").getJsonObject("data").getString("reason"));
    }

    @Test
    void acceptedTransferDoesNotTimeOut() {
        String id = offer(alice, bob, 10);
        act(bob, "accept-file-transfer", id);
        for (int i = 0; i < 6; i++) {
            alice.send("heartbeat", Json.createObjectBuilder());
            bob.send("heartbeat", Json.createObjectBuilder());
            fx.scheduler.advance(Duration.ofSeconds(20));
        }
        assertTrue(alice.events("file-transfer-failed").isEmpty());
        act(alice, "complete-file-transfer", id);
        assertEquals(1, bob.events("file-transfer-completed").size());
    }

    @Test
    void peerLeavingMidTransferFailsItForTheOtherSideAndFreesTheSlot() {
        String id = offer(alice, bob, 10);
        act(bob, "accept-file-transfer", id);
        bob.close();
        assertEquals(1L, fx.engine.stats().transfersActive().get("ACCEPTED"), "kept while Bob may resume");
        fx.graceEnds();
        JsonObject failed = alice.last("file-transfer-failed").getJsonObject("data");
        assertEquals("PEER_LEFT", failed.getString("reason"));
        assertEquals(0L, fx.engine.stats().transfersActive().get("ACCEPTED"));
        for (int i = 0; i < 5; i++) {
            TestClient other = fx.client().join("Home", "P" + i);
            offer(alice, other, 1);
        }
        assertFalse(alice.errors().stream().anyMatch(e -> e.getString("code").equals("TRANSFER_LIMIT_REACHED")));
    }

    @Test
    void movingToAnotherNetworkFailsTransfers() {
        offer(alice, bob, 10);
        bob.join("Elsewhere", "Bob");
        assertEquals("PEER_LEFT", alice.last("file-transfer-failed").getJsonObject("data").getString("reason"));
    }

    @Test
    void progressMustBeWithinTheFileAndOnlyForAcceptedTransfers() {
        String id = offer(alice, bob, 100);
        alice.send("file-transfer-progress", Json.createObjectBuilder().add("transferId", id).add("bytesTransferred", 10));
        assertEquals("INVALID_TRANSFER_STATE", alice.lastError().getString("code"));
        act(bob, "accept-file-transfer", id);
        alice.send("file-transfer-progress", Json.createObjectBuilder().add("transferId", id).add("bytesTransferred", 101));
        assertEquals("INVALID_FIELD_VALUE", alice.lastError().getString("code"));
        assertEquals("bytesTransferred", alice.lastError().getString("field"));
        assertTrue(bob.events("file-transfer-progress").isEmpty());
    }

    @Test
    void fileNameIsValidated() {
        alice.send("initiate-file-transfer", Json.createObjectBuilder().add("to", bob.peerId())
                .add("fileName", "\u202E\u0000  ").add("fileSize", 1));
        assertEquals("EMPTY_FIELD", alice.lastError().getString("code"));
        alice.send("initiate-file-transfer", Json.createObjectBuilder().add("to", bob.peerId())
                .add("fileName", "a").add("fileSize", "12"));
        assertEquals("INVALID_FIELD_TYPE", alice.lastError().getString("code"));
        alice.send("initiate-file-transfer", Json.createObjectBuilder().add("to", bob.peerId())
                .add("fileName", "a").add("fileSize", 1.5));
        assertEquals("INVALID_FIELD_VALUE", alice.lastError().getString("code"));
        alice.send("initiate-file-transfer", Json.createObjectBuilder().add("to", bob.peerId())
                .add("fileName", "a").add("fileSize", 1).add("mimeType", "<script>"));
        assertEquals("mimeType", alice.lastError().getString("field"));
        assertTrue(bob.events("file-transfer-request").isEmpty());
    }
}
