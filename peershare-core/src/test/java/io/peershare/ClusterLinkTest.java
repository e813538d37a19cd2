package io.peershare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peershare.config.PeerShareConfig;
import io.peershare.model.ClusterMember;
import io.peershare.spi.Cluster;
import io.peershare.testing.ManualClock;
import io.peershare.testing.ManualClusterBus;
import io.peershare.testing.ManualScheduler;
import io.peershare.testing.TestClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Engines joined by a cluster, deterministically: messages between nodes wait until the test delivers them,
 * so each test controls exactly what a node knows when.
 */
class ClusterLinkTest {

    private final ManualClock clock = new ManualClock();
    private final ManualClusterBus bus = new ManualClusterBus();
    private final ManualScheduler schedulerA = new ManualScheduler(clock);
    private final ManualScheduler schedulerB = new ManualScheduler(clock);
    private final PeerShare a = engine("node-a", PeerShareConfig.defaults(), schedulerA);
    private final PeerShare b = engine("node-b", PeerShareConfig.defaults(), schedulerB);

    private PeerShare engine(String nodeId, PeerShareConfig config) {
        return engine(nodeId, config, new ManualScheduler(clock));
    }

    private PeerShare engine(String nodeId, PeerShareConfig config, ManualScheduler scheduler) {
        return PeerShare.builder().config(config).clock(clock).scheduler(scheduler).cluster(bus.node(nodeId)).build();
    }

    /** Both nodes' resume graces run out (one clock, so each scheduler catches up in turn). */
    private void graceEnds() {
        Duration by = PeerShareConfig.defaults().resumeGrace().plus(PeerShareConfig.defaults().sweepInterval());
        schedulerA.advance(by);
        schedulerB.advance(Duration.ZERO);
    }

    @AfterEach
    void close() {
        a.close();
        b.close();
    }

    private static TestClient client(PeerShare engine) {
        return new TestClient(engine, "192.168.1.10");
    }

    private static List<String> texts(TestClient client) {
        return client.events("new-message").stream().map(e -> e.getJsonObject("data").getString("text")).toList();
    }

    /** {@code from} offers {@code to} a file, across the nodes; returns the transfer id {@code to} was told. */
    private String offer(TestClient from, TestClient to) {
        from.send("initiate-file-transfer", Json.createObjectBuilder().add("to", to.peerId())
                .add("fileName", "a.bin").add("fileSize", 100));
        bus.deliverAll();
        return to.last("file-transfer-request").getJsonObject("data").getString("transferId");
    }

    @Test
    void membersOnTwoNodesSeeEachOtherAndChat() {
        TestClient alice = client(a).join("Home", "Alice");
        TestClient bob = client(b).join("Home", "Bob");
        bus.deliverAll();

        assertEquals(Set.of(alice.peerId(), bob.peerId()), Set.copyOf(alice.visiblePeers()));
        assertEquals(Set.of(alice.peerId(), bob.peerId()), Set.copyOf(bob.visiblePeers()));
        assertTrue(texts(alice).contains("Bob joined the network"), "the joiner's node tells everyone once");

        alice.chat("hi Bob");
        bus.deliverAll();
        assertEquals(1, texts(bob).stream().filter("hi Bob"::equals).count());
    }

    @Test
    void aFrameForAMemberWhoMovedToAnotherNetworkMeanwhileIsDropped() {
        TestClient alice = client(a).join("Home", "Alice");
        TestClient bob = client(b).join("Home", "Bob");
        bus.deliverAll();

        alice.signal(bob.peerId(), Json.createObjectBuilder().add("type", "offer"));
        bob.join("Office", "Bob"); // before the signal arrives
        bus.deliverAll();

        assertTrue(bob.events("webrtc-signal-received").isEmpty(), "a Home frame never reaches Office");
        assertEquals(List.of(alice.peerId()), alice.visiblePeers());
    }

    @Test
    void answersToATransferGoToTheNodeThatKeepsIt() {
        TestClient alice = client(a).join("Home", "Alice");
        TestClient bob = client(b).join("Home", "Bob");
        bus.deliverAll();

        String id = offer(alice, bob);
        bob.send("accept-file-transfer", Json.createObjectBuilder().add("transferId", id));
        bus.deliverAll();
        assertEquals("accepted", alice.last("file-transfer-accepted").getJsonObject("data").getString("state"));
        assertEquals("accepted", bob.last("file-transfer-accepted").getJsonObject("data").getString("state"));

        bob.send("file-transfer-progress", Json.createObjectBuilder().add("transferId", id).add("bytesTransferred", 50));
        bob.send("complete-file-transfer", Json.createObjectBuilder().add("transferId", id));
        bus.deliverAll();
        assertEquals(50, alice.last("file-transfer-progress").getJsonObject("data").getInt("bytesTransferred"));
        assertEquals("completed", alice.last("file-transfer-completed").getJsonObject("data").getString("state"));
        assertEquals("completed", bob.last("file-transfer-completed").getJsonObject("data").getString("state"));
        assertTrue(alice.errors().isEmpty() && bob.errors().isEmpty(), alice.errors() + " " + bob.errors());
    }

    @Test
    void anAnswerThatCannotReachTheTransfersNodeGetsAClearErrorAndChangesNothing() {
        TestClient alice = client(a).join("Home", "Alice");
        TestClient bob = client(b).join("Home", "Bob");
        bus.deliverAll();
        String id = offer(alice, bob);

        bus.vanish("node-a"); // node b can no longer reach the node that keeps the transfer
        bob.send("accept-file-transfer", Json.createObjectBuilder().add("transferId", id));

        assertEquals("CLUSTER_UNAVAILABLE", bob.lastError().getString("code"));
        assertEquals("transferId", bob.lastError().getString("field"));
        assertTrue(bob.events("file-transfer-accepted").isEmpty());
        assertTrue(alice.events("file-transfer-accepted").isEmpty(), "the owner never saw an acceptance");
    }

    @Test
    void aForgedOrUnknownTransferIdFromAMemberIsAnsweredLocallyAsNotFound() {
        TestClient alice = client(a).join("Home", "Alice");
        TestClient bob = client(b).join("Home", "Bob");
        bus.deliverAll();
        offer(alice, bob);

        bob.send("accept-file-transfer", Json.createObjectBuilder().add("transferId", "not-a-transfer"));
        bob.send("accept-file-transfer", Json.createObjectBuilder().add("transferId", 42));
        assertEquals(0, bus.deliverAll(), "nothing is forwarded for ids the owner never sent");
        assertEquals(List.of("TRANSFER_NOT_FOUND", "INVALID_FIELD_TYPE"),
                bob.errors().stream().map(e -> e.getString("code")).toList());
    }

    @Test
    void onlyTheOwnersAnnouncementNotTheTextOfAFrameMakesAnswersGoElsewhere() {
        TestClient bob = client(b).join("Home", "Bob");
        bus.deliverAll();
        // A frame that reads like a transfer request, delivered without its owner saying it keeps the transfer.
        Cluster other = bus.node("node-x");
        other.sendTo(new ClusterMember(bob.peerId(), "node-b", "Home", "Bob", "unknown"), "local|name:home",
                "{\"event\":\"file-transfer-request\",\"data\":{\"transferId\":\"t1\",\"from\":\"x\"}}");
        bus.deliverAll();
        assertEquals(1, bob.events("file-transfer-request").size());

        bob.send("accept-file-transfer", Json.createObjectBuilder().add("transferId", "t1"));
        assertEquals(0, bus.deliverAll(), "nothing is forwarded on the strength of a frame's text");
        assertEquals("TRANSFER_NOT_FOUND", bob.lastError().getString("code"));
    }

    @Test
    void aTransferThatEndedIsNoLongerForwardedToItsFormerOwner() {
        TestClient alice = client(a).join("Home", "Alice");
        TestClient bob = client(b).join("Home", "Bob");
        bus.deliverAll();
        String id = offer(alice, bob);
        alice.send("cancel-file-transfer", Json.createObjectBuilder().add("transferId", id));
        bus.deliverAll();
        assertEquals("cancelled", bob.last("file-transfer-cancelled").getJsonObject("data").getString("state"));

        bob.send("accept-file-transfer", Json.createObjectBuilder().add("transferId", id));
        assertEquals(0, bus.deliverAll(), "the owner said the transfer ended");
        assertEquals("TRANSFER_NOT_FOUND", bob.lastError().getString("code"));
    }

    @Test
    void aPeerThatDroppedOnOneNodeResumesOnTheOtherUnderItsIdAndNobodyHearsItLeave() {
        TestClient alice = client(a).join("Home", "Alice");
        TestClient bob = client(b).join("Home", "Bob");
        bus.deliverAll();
        String token = bob.resumeToken();
        bob.close();
        bus.deliverAll();
        alice.chat("while you were away");
        bus.deliverAll();

        TestClient back = client(a).resume(token); // the load balancer sent the new socket to the other node
        bus.deliverAll();
        JsonObject joined = back.last("network-joined").getJsonObject("data");
        assertEquals(bob.peerId(), joined.getString("peerId"));
        assertTrue(joined.getBoolean("resumed"));
        assertEquals("Bob", joined.getString("userName"));
        assertTrue(back.last("message-history").toString().contains("while you were away"));
        assertEquals(Set.of(alice.peerId(), bob.peerId()), Set.copyOf(back.visiblePeers()));
        assertEquals(Set.of(alice.peerId(), bob.peerId()), Set.copyOf(alice.visiblePeers()));

        graceEnds();
        bus.deliverAll();
        assertEquals(1, texts(alice).stream().filter("Bob joined the network"::equals).count());
        assertFalse(texts(alice).contains("Bob left the network"), "it never left");
        alice.chat("welcome back");
        bus.deliverAll();
        assertTrue(texts(back).contains("welcome back"));
        assertEquals(2, a.stats().users(), "Alice and Bob, on the node he is on now");
        assertEquals(0, b.stats().users(), "nobody left on the node he dropped from");
        assertEquals("RESUME_FAILED", client(b).resume(token).lastError().getString("code"), "used once");
    }

    @Test
    void aClientBackOnAnotherNodeBeforeItsOldNodeNoticedTheDropTakesItsSessionOver() {
        TestClient alice = client(a).join("Home", "Alice");
        TestClient bob = client(b).join("Home", "Bob");
        bus.deliverAll();
        TestClient back = client(a).resume(bob.resumeToken()); // node b still thinks Bob's socket is open
        bus.deliverAll();
        assertEquals(bob.peerId(), back.peerId());
        assertEquals(io.peershare.protocol.CloseCodes.RESUMED_ELSEWHERE, bob.transport().closeCode());
        bob.close();
        graceEnds();
        bus.deliverAll();
        assertEquals(Set.of(alice.peerId(), bob.peerId()), Set.copyOf(alice.visiblePeers()));
        assertFalse(texts(alice).contains("Bob left the network"));
        assertEquals(0, b.stats().connections());
    }

    @Test
    void aTokenTakenOnAnotherNodeCannotAlsoResumeTheOriginal() {
        TestClient alice = client(a).join("Home", "Alice");
        TestClient bob = client(b).join("Home", "Bob");
        bus.deliverAll();
        String token = bob.resumeToken();
        bob.close();
        TestClient first = client(a).resume(token);
        TestClient second = client(b).resume(token);
        bus.deliverAll();
        assertEquals(bob.peerId(), first.peerId());
        assertEquals("RESUME_FAILED", second.lastError().getString("code"));
        assertEquals(Set.of(alice.peerId(), bob.peerId()), Set.copyOf(alice.visiblePeers()));
    }

    @Test
    void anOldNodeThatNoticesTheDropAfterTheResumeElsewhereDoesNotMakeTheUsedTokenTakeableAgain() {
        TestClient alice = client(a).join("Home", "Alice");
        TestClient bob = client(b).join("Home", "Bob");
        bus.deliverAll();
        String token = bob.resumeToken();
        TestClient back = client(a).resume(token); // node a took the record; node b has not heard yet
        bob.close(); // node b notices the old socket die now, and parks Bob again for his grace
        TestClient thief = client(a).resume(token);
        bus.deliverAll();
        assertEquals(bob.peerId(), back.peerId());
        assertEquals("RESUME_FAILED", thief.lastError().getString("code"), "a token works once");
        assertFalse(back.transport().isClosed(), "Bob keeps his session");
        graceEnds();
        bus.deliverAll();
        assertEquals(Set.of(alice.peerId(), bob.peerId()), Set.copyOf(alice.visiblePeers()));
    }

    @Test
    void aRemoteMemberLeavingFailsItsTransfersOnTheOwningNode() {
        TestClient alice = client(a).join("Home", "Alice");
        TestClient bob = client(b).join("Home", "Bob");
        bus.deliverAll();
        offer(alice, bob);

        bob.close();
        graceEnds();
        bus.deliverAll();
        assertEquals("PEER_LEFT", alice.last("file-transfer-failed").getJsonObject("data").getString("reason"));
        assertEquals(List.of(alice.peerId()), alice.visiblePeers());
        assertTrue(texts(alice).contains("Bob left the network"));
    }

    @Test
    void membersOfAVanishedNodeLeaveWithANoticeFromEachSurvivor() {
        TestClient alice = client(a).join("Home", "Alice");
        client(b).join("Home", "Bob");
        bus.deliverAll();

        bus.vanish("node-b");
        bus.deliverAll();
        assertEquals(List.of(alice.peerId()), alice.visiblePeers());
        assertEquals(1, texts(alice).stream().filter("Bob left the network"::equals).count());
    }

    @Test
    void theUserLimitCountsMembersOnEveryNode() {
        PeerShareConfig two = PeerShareConfig.builder().maxUsersPerNetwork(2).build();
        try (PeerShare c = engine("node-c", two); PeerShare d = engine("node-d", two)) {
            client(c).join("Home", "Alice");
            client(d).join("Home", "Bob");
            TestClient carol = client(c).join("Home", "Carol");
            assertEquals("NETWORK_FULL", carol.lastError().getString("code"));
        }
    }

    @Test
    void duringAnOutageRemoteMembersAreShownUnreachableAndEventsForThemAreRefusedNotLost() {
        TestClient alice = client(a).join("Home", "Alice");
        TestClient bob = client(b).join("Home", "Bob");
        TestClient carol = client(a).join("Home", "Carol");
        bus.deliverAll();

        bus.reachability("node-a", false);
        bus.deliverAll();
        JsonObject bobSeenByAlice = alice.last("network-users-updated").getJsonObject("data").getJsonArray("users")
                .getValuesAs(JsonObject.class).stream().filter(u -> u.getString("peerId").equals(bob.peerId()))
                .findFirst().orElseThrow();
        assertFalse(bobSeenByAlice.getBoolean("reachable", true), "Bob is shown unreachable, not dropped");

        alice.signal(bob.peerId(), Json.createObjectBuilder().add("type", "offer"));
        assertEquals("CLUSTER_UNAVAILABLE", alice.lastError().getString("code"));
        alice.send("initiate-file-transfer", Json.createObjectBuilder().add("to", bob.peerId())
                .add("fileName", "a.bin").add("fileSize", 100));
        assertEquals("CLUSTER_UNAVAILABLE", alice.lastError().getString("code"));
        assertTrue(alice.events("file-transfer-initiated").isEmpty(), "no transfer is reported that cannot start");
        alice.chat("local only");
        assertTrue(texts(carol).contains("local only"), "members of this node still hear each other");
        JsonObject told = alice.lastError();
        assertEquals("CLUSTER_UNAVAILABLE", told.getString("code"), "the author learns Bob did not get it");
        assertEquals("send-message", told.getString("event"));
        assertEquals(0, bus.deliverAll(), "nothing is sent into the outage");

        bus.reachability("node-a", true);
        bus.deliverAll();
        alice.signal(bob.peerId(), Json.createObjectBuilder().add("type", "offer"));
        bus.deliverAll();
        assertEquals(1, bob.events("webrtc-signal-received").size(), "reachable again");
        assertFalse(alice.last("network-users-updated").toString().contains("\"reachable\":false"));
    }
}
