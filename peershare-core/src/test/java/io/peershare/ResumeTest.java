package io.peershare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peershare.config.TurnCredentials;
import io.peershare.protocol.CloseCodes;
import io.peershare.testing.TestClient;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A connection that drops without leaving leaves its peer away for the resume grace; a new connection that
 * presents the peer's token becomes that peer again. Deterministic: a manual clock and scheduler.
 */
class ResumeTest {

    private final EngineFixture fx = new EngineFixture();
    private final TestClient alice = fx.client().join("Home", "Alice");
    private final TestClient bob = fx.client().join("Home", "Bob");

    @AfterEach
    void close() {
        fx.close();
    }

    private static List<String> texts(TestClient client) {
        return client.events("new-message").stream().map(e -> e.getJsonObject("data").getString("text")).toList();
    }

    private static JsonObject joined(TestClient client) {
        return client.last("network-joined").getJsonObject("data");
    }

    @Test
    void everyJoinCarriesAFreshUnguessableToken() {
        String first = bob.resumeToken();
        assertEquals(43, first.length(), "256 random bits in base64url");
        bob.join("Home", "Bobby");
        assertNotEquals(first, bob.resumeToken());
        assertNotEquals(alice.resumeToken(), bob.resumeToken());
        assertFalse(alice.transport().frames().stream().anyMatch(f -> f.contains(bob.resumeToken())),
                "nobody else sees it");
    }

    @Test
    void aDroppedPeerResumesWithItsIdNamesAndWhatItMissedWhileTheOthersSeeNoLeaveOrJoin() {
        String token = bob.resumeToken();
        bob.close();
        JsonObject away = alice.last("network-users-updated").getJsonObject("data").getJsonArray("users")
                .getJsonObject(1);
        assertEquals(bob.peerId(), away.getString("peerId"));
        assertTrue(away.getBoolean("away"), "a presence change, nothing more");
        alice.chat("while you were away");
        fx.scheduler.advance(Duration.ofSeconds(10));

        TestClient back = fx.client().resume(token);
        JsonObject joined = joined(back);
        assertEquals(bob.peerId(), joined.getString("peerId"));
        assertEquals(bob.peerId(), back.peerId());
        assertEquals("Bob", joined.getString("userName"));
        assertEquals("Home", joined.getString("networkName"));
        assertTrue(joined.getBoolean("resumed"));
        assertNotEquals(token, joined.getString("resumeToken"), "a fresh token");
        List<String> history = back.last("message-history").getJsonObject("data").getJsonArray("messages")
                .getValuesAs(JsonObject.class).stream().map(m -> m.getString("text")).toList();
        assertTrue(history.contains("while you were away"), history::toString);
        assertEquals(List.of(alice.peerId(), bob.peerId()), back.visiblePeers());

        JsonObject present = alice.last("network-users-updated").getJsonObject("data").getJsonArray("users")
                .getJsonObject(1);
        assertFalse(present.containsKey("away"));
        fx.graceEnds();
        assertEquals(List.of("Alice joined the network", "Bob joined the network", "while you were away"),
                texts(alice), "no leave and no second join");
        back.chat("I'm back");
        assertEquals("I'm back", texts(alice).get(texts(alice).size() - 1));
        assertEquals(bob.peerId(), alice.last("new-message").getJsonObject("data").getString("peerId"));
        assertEquals(2, fx.engine.stats().connections());
        assertEquals(2, fx.engine.stats().users());
    }

    @Test
    void aTokenWorksOnce() {
        String token = bob.resumeToken();
        bob.close();
        TestClient back = fx.client().resume(token);
        TestClient thief = fx.client().resume(token);
        assertEquals("RESUME_FAILED", thief.lastError().getString("code"));
        assertEquals("resume", thief.lastError().getString("event"));
        assertEquals(0, thief.events("network-joined").size(), "no one's identity");
        thief.chat("hello?");
        assertEquals("NOT_IN_NETWORK", thief.lastError().getString("code"));
        assertEquals(bob.peerId(), back.peerId());
    }

    @Test
    void afterTheGraceTheUsualLeaveHappensAndTheTokenIsDead() {
        String token = bob.resumeToken();
        bob.close();
        fx.scheduler.advance(Duration.ofSeconds(14));
        assertEquals(List.of(alice.peerId(), bob.peerId()), alice.visiblePeers(), "still within the grace");
        fx.graceEnds();
        assertEquals(List.of(alice.peerId()), alice.visiblePeers());
        assertTrue(texts(alice).contains("Bob left the network"));
        TestClient late = fx.client().resume(token);
        assertEquals("RESUME_FAILED", late.lastError().getString("code"));
        assertTrue(late.lastError().getString("message").contains("join the network again"));
    }

    @Test
    void aPageThatWentAwayWith1001IsGoneAfterFiveSecondsAndCanStillResumeWithinThem() {
        String token = bob.resumeToken();
        bob.closeWith(1001); // the browser closed, reloaded or left the page
        fx.scheduler.advance(Duration.ofSeconds(4));
        assertEquals(List.of(alice.peerId(), bob.peerId()), alice.visiblePeers(), "away, as a reload would be");
        TestClient reloaded = fx.client().resume(token);
        assertEquals(bob.peerId(), reloaded.peerId(), "a reload is back within the short grace");

        String again = reloaded.resumeToken();
        reloaded.closeWith(1001);
        fx.scheduler.advance(Duration.ofSeconds(5).plus(fx.config.sweepInterval())); // 10 s with the default sweep
        assertEquals(List.of(alice.peerId()), alice.visiblePeers(), "a closed tab is gone at the sweep after 5 s, not 15");
        assertTrue(texts(alice).contains("Bob left the network"));
        assertEquals("RESUME_FAILED", fx.client().resume(again).lastError().getString("code"));
    }

    @Test
    void anyOtherCloseOfTheClientKeepsTheWholeGrace() {
        bob.closeWith(1006);
        fx.scheduler.advance(Duration.ofSeconds(14));
        assertEquals(List.of(alice.peerId(), bob.peerId()), alice.visiblePeers());
    }

    /**
     * A resume racing the end of the grace on another thread: exactly one wins, every time. Either the client is
     * back and nobody heard it leave, or it left once and the resume is refused.
     */
    @Test
    void aResumeRacingTheEndOfTheGraceHasExactlyOneWinner() throws Exception {
        int resumed = 0;
        for (int round = 0; round < 200; round++) {
            try (EngineFixture race = new EngineFixture()) {
                TestClient stays = race.client().join("Home", "Alice");
                TestClient drops = race.client().join("Home", "Bob");
                String token = drops.resumeToken();
                drops.close();
                race.scheduler.advance(race.config.resumeGrace().minus(Duration.ofMillis(1)));
                TestClient back = race.client();
                java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
                Thread grace = new Thread(() -> {
                    await(start);
                    race.graceEnds();
                });
                grace.start();
                await(start);
                back.resume(token);
                grace.join();

                long left = texts(stays).stream().filter("Bob left the network"::equals).count();
                if (back.events("network-joined").isEmpty()) {
                    assertEquals("RESUME_FAILED", back.lastError().getString("code"));
                    assertEquals(1, left, "the grace won: one leave");
                    assertEquals(List.of(stays.peerId()), stays.visiblePeers());
                } else {
                    resumed++;
                    assertEquals(0, left, "the resume won: no leave");
                    assertEquals(0, back.events("error").size());
                    assertEquals(List.of(stays.peerId(), drops.peerId()), stays.visiblePeers());
                    race.graceEnds();
                    assertEquals(0, texts(stays).stream().filter("Bob left the network"::equals).count());
                }
            }
        }
        System.out.println("[ResumeTest] the resume won " + resumed + " of 200 races");
    }

    private static void await(java.util.concurrent.CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anExplicitLeaveIsALeaveAtOnceAndItsTokenDies() {
        String token = bob.resumeToken();
        bob.send("leave-wifi-network", Json.createObjectBuilder());
        bob.close();
        assertEquals(List.of(alice.peerId()), alice.visiblePeers());
        assertEquals("RESUME_FAILED", fx.client().resume(token).lastError().getString("code"));
    }

    @Test
    void unknownAndMalformedTokensAreRefusedClearly() {
        TestClient stranger = fx.client();
        stranger.resume("A".repeat(43));
        assertEquals("RESUME_FAILED", stranger.lastError().getString("code"));
        stranger.send("resume", Json.createObjectBuilder());
        assertEquals("MISSING_FIELD", stranger.lastError().getString("code"));
        assertEquals("resumeToken", stranger.lastError().getString("field"));
        stranger.send("resume", Json.createObjectBuilder().add("resumeToken", 5));
        assertEquals("INVALID_FIELD_TYPE", stranger.lastError().getString("code"));
        stranger.send("resume", Json.createObjectBuilder().add("resumeToken", "A".repeat(10_000)));
        assertEquals("FIELD_TOO_LONG", stranger.lastError().getString("code"));
        assertEquals(0, stranger.events("network-joined").size(), "none of them is anyone");
    }

    @Test
    void aConnectionInANetworkCannotResumeAnother() {
        String token = bob.resumeToken();
        bob.close();
        TestClient carol = fx.client().join("Home", "Carol");
        carol.resume(token);
        assertEquals("RESUME_FAILED", carol.lastError().getString("code"));
        TestClient back = fx.client().resume(token);
        assertEquals(bob.peerId(), back.peerId(), "the refused attempt did not use the token up");
    }

    @Test
    void aResumeWhileTheOldSocketLooksOpenTakesTheSessionOverAndClosesTheOldOne() {
        TestClient back = fx.client().resume(bob.resumeToken());
        assertEquals(bob.peerId(), joined(back).getString("peerId"));
        assertEquals(CloseCodes.RESUMED_ELSEWHERE, bob.transport().closeCode());
        bob.chat("ghost");
        assertFalse(texts(alice).contains("ghost"), "the old connection speaks for nobody");
        bob.close();
        fx.graceEnds();
        assertEquals(List.of(alice.peerId(), bob.peerId()), alice.visiblePeers(), "its late close changes nothing");
        assertEquals(1L, fx.engine.stats().closes().get("resumedElsewhere"));
    }

    @Test
    void offersMadeWhileAwayAndTransfersUnderWayAreKept() {
        alice.send("initiate-file-transfer", Json.createObjectBuilder().add("to", bob.peerId())
                .add("fileName", "big.bin").add("fileSize", 1000));
        String accepted = bob.last("file-transfer-request").getJsonObject("data").getString("transferId");
        bob.send("accept-file-transfer", Json.createObjectBuilder().add("transferId", accepted));
        String token = bob.resumeToken();
        bob.close();
        alice.send("initiate-file-transfer", Json.createObjectBuilder().add("to", bob.peerId())
                .add("fileName", "late.txt").add("fileSize", 10));
        assertEquals("late.txt", alice.last("file-transfer-initiated").getJsonObject("data").getString("fileName"),
                "offered to an away peer: kept for when it is back");

        TestClient back = fx.client().resume(token);
        JsonArray transfers = joined(back).getJsonArray("transfers");
        assertEquals(2, transfers.size(), transfers::toString);
        assertEquals(List.of("accepted", "pending"), transfers.getValuesAs(JsonObject.class).stream()
                .sorted((x, y) -> x.getString("fileName").compareTo(y.getString("fileName")))
                .map(t -> t.getString("state")).toList());
        JsonObject offer = back.last("file-transfer-request").getJsonObject("data");
        assertEquals("late.txt", offer.getString("fileName"));
        assertEquals("Alice", offer.getString("fromUserName"));
        back.send("accept-file-transfer", Json.createObjectBuilder().add("transferId", offer.getString("transferId")));
        assertEquals(offer.getString("transferId"),
                alice.last("file-transfer-accepted").getJsonObject("data").getString("transferId"));
        back.send("complete-file-transfer", Json.createObjectBuilder().add("transferId", accepted));
        assertEquals(accepted, alice.last("file-transfer-completed").getJsonObject("data").getString("transferId"));
    }

    @Test
    void aTransferThatEndedWhileAwayIsToldWithHowItEnded() {
        alice.send("initiate-file-transfer", Json.createObjectBuilder().add("to", bob.peerId())
                .add("fileName", "gone.bin").add("fileSize", 1000));
        String id = bob.last("file-transfer-request").getJsonObject("data").getString("transferId");
        bob.send("accept-file-transfer", Json.createObjectBuilder().add("transferId", id));
        String token = bob.resumeToken();
        bob.close();
        alice.send("cancel-file-transfer", Json.createObjectBuilder().add("transferId", id).add("reason", "changed my mind"));

        JsonObject joined = joined(fx.client().resume(token));
        assertEquals(0, joined.getJsonArray("transfers").size());
        JsonObject ended = joined.getJsonArray("endedTransfers").getJsonObject(0);
        assertEquals(id, ended.getString("transferId"));
        assertEquals("cancelled", ended.getString("state"));
        assertEquals("changed my mind", ended.getString("reason"));
        assertEquals(alice.peerId(), ended.getString("by"));
    }

    @Test
    void aHeartbeatTimeoutIsADropLikeAnyOther() {
        String token = bob.resumeToken();
        for (int i = 0; i < 7; i++) {
            fx.scheduler.advance(Duration.ofSeconds(10));
            alice.send("heartbeat", Json.createObjectBuilder());
        }
        assertEquals(CloseCodes.HEARTBEAT_TIMEOUT, bob.transport().closeCode());
        assertEquals(bob.peerId(), fx.client().resume(token).peerId());
        assertFalse(texts(alice).contains("Bob left the network"));
    }

    @Test
    void aResumeGetsFreshTurnCredentials() {
        TurnCredentials turn = new TurnCredentials(List.of("turn:turn.example.com:3478"), "north", Duration.ofHours(1));
        try (EngineFixture withTurn = new EngineFixture(c -> c.turnCredentials(turn))) {
            TestClient carol = withTurn.client().join("Home", "Carol");
            String before = joined(carol).getJsonArray("iceServers").getJsonObject(0).getString("username");
            carol.close();
            withTurn.scheduler.advance(Duration.ofSeconds(5));
            TestClient back = withTurn.client().resume(carol.resumeToken());
            String after = joined(back).getJsonArray("iceServers").getJsonObject(0).getString("username");
            assertNotEquals(before, after);
            assertEquals(turn.credential(after),
                    joined(back).getJsonArray("iceServers").getJsonObject(0).getString("credential"));
        }
    }

    @Test
    void aConnectionThatNeverJoinedIsForgottenAtOnce() {
        TestClient idle = fx.client();
        idle.close();
        assertEquals(2, fx.engine.stats().connections());
        assertEquals(2, fx.engine.stats().users());
    }

    @Test
    void withoutANameAJoinLandsInTheNetworkOfItsAddress() {
        TestClient phone = fx.client("203.0.113.7");
        phone.send("join-wifi-network", Json.createObjectBuilder().add("userName", "Phone"));
        TestClient laptop = fx.client("203.0.113.7");
        laptop.send("join-wifi-network", Json.createObjectBuilder().add("networkName", "").add("userName", "Laptop"));
        TestClient elsewhere = fx.client("198.51.100.9");
        elsewhere.send("join-wifi-network", Json.createObjectBuilder().addNull("networkName").add("userName", "Far"));
        TestClient named = fx.client("203.0.113.7").join("Home", "Named");

        assertEquals(List.of(phone.peerId(), laptop.peerId()), laptop.visiblePeers());
        assertEquals("", joined(phone).getString("networkName"));
        assertEquals(List.of(elsewhere.peerId()), elsewhere.visiblePeers(), "another address, another network");
        assertEquals(List.of(named.peerId()), named.visiblePeers(), "a named network is another network");
        TestClient blank = fx.client("203.0.113.7");
        blank.send("join-wifi-network", Json.createObjectBuilder().add("networkName", "   ").add("userName", "B"));
        assertEquals("EMPTY_FIELD", blank.lastError().getString("code"), "typed, but nothing a name is made of");
    }

    @Test
    void theHostsResolverIsNotAskedAboutTheNetworkOfAnAddress() {
        try (EngineFixture everyoneTogether = new EngineFixture(c -> c, b -> b.networkResolver(request -> "one"))) {
            TestClient here = everyoneTogether.client("203.0.113.7");
            here.send("join-wifi-network", Json.createObjectBuilder().add("userName", "Here"));
            TestClient there = everyoneTogether.client("198.51.100.9");
            there.send("join-wifi-network", Json.createObjectBuilder().add("userName", "There"));
            assertEquals(List.of(there.peerId()), there.visiblePeers(), "isolation stays as strict");
        }
    }
}
