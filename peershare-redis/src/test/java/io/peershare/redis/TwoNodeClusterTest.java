package io.peershare.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peershare.PeerShare;
import io.peershare.config.PeerShareConfig;
import io.peershare.redis.testing.RedisProcess;
import io.peershare.testing.TestClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two and three engines in one JVM on one real redis-server act as one server for their clients. */
class TwoNodeClusterTest {

    private RedisProcess redis;
    private final List<Node> nodes = new ArrayList<>();

    private record Node(PeerShare engine, RedisCluster cluster, RedisMessageStore store) {
        TestClient client() {
            return new TestClient(engine, "192.168.1.10");
        }
    }

    @BeforeEach
    void startRedis() throws Exception {
        String missing = RedisProcess.missingReason();
        if (missing != null) {
            System.out.println("[peershare-redis] SKIPPED: " + missing);
            Assumptions.abort(missing);
        }
        redis = RedisProcess.start();
    }

    @AfterEach
    void stopAll() throws Exception {
        for (Node node : nodes) {
            node.engine.close();
            node.cluster.close();
            node.store.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    private Node node(String id) {
        return node(id, PeerShareConfig.defaults());
    }

    private Node node(String id, PeerShareConfig config) {
        RedisCluster cluster = RedisCluster.connect(redis.url(), id);
        RedisMessageStore store = RedisMessageStore.connect(redis.url(), config.maxHistoryMessages(), config.maxSystemMessages(),
                config.messageRetention());
        PeerShare engine = PeerShare.builder().config(config).cluster(cluster).messageStore(store).build();
        Node node = new Node(engine, cluster, store);
        nodes.add(node);
        return node;
    }

    /** Cluster traffic is asynchronous: wait (bounded) for a condition to hold. */
    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(20);
        }
    }

    private static Set<String> peers(TestClient client) {
        try {
            return Set.copyOf(client.visiblePeers());
        } catch (RuntimeException noUpdateYet) {
            return Set.of();
        }
    }

    private static Set<String> ids(TestClient... clients) {
        return java.util.Arrays.stream(clients).map(TestClient::peerId).collect(Collectors.toSet());
    }

    private static List<String> texts(TestClient client) {
        return client.events("new-message").stream().map(e -> e.getJsonObject("data").getString("text")).toList();
    }

    @Test
    void clientsOnTwoNodesSeeEachOtherChatSignalAndTransferAndAnotherNetworkGetsNothing() throws Exception {
        Node a = node("node-a");
        Node b = node("node-b");
        TestClient alice = a.client().join("Home", "Alice");
        TestClient bob = b.client().join("Home", "Bob");
        TestClient eve = b.client().join("Office", "Eve");
        TestClient mallory = a.client().join("Office", "Mallory");

        await("Alice and Bob see each other", () -> peers(alice).equals(ids(alice, bob)) && peers(bob).equals(ids(alice, bob)));
        await("Eve and Mallory see each other", () -> peers(eve).equals(ids(eve, mallory)));
        assertTrue(texts(alice).contains("Bob joined the network"), "the first member on node b is announced on node a");

        alice.chat("hello from node a");
        await("Bob gets Alice's message", () -> texts(bob).contains("hello from node a"));
        bob.chat("hello from node b");
        await("Alice gets Bob's message", () -> texts(alice).contains("hello from node b"));

        alice.signal(bob.peerId(), Json.createObjectBuilder().add("type", "offer").add("sdp", "v=0"));
        await("Bob gets the signal", () -> !bob.events("webrtc-signal-received").isEmpty());
        assertEquals(alice.peerId(), bob.last("webrtc-signal-received").getJsonObject("data").getString("from"));

        alice.send("initiate-file-transfer", Json.createObjectBuilder().add("to", bob.peerId())
                .add("fileName", "photo.jpg").add("fileSize", 1000));
        await("Bob gets the request", () -> !bob.events("file-transfer-request").isEmpty());
        String transferId = bob.last("file-transfer-request").getJsonObject("data").getString("transferId");
        bob.send("accept-file-transfer", Json.createObjectBuilder().add("transferId", transferId));
        await("Alice sees the acceptance", () -> !alice.events("file-transfer-accepted").isEmpty());
        bob.send("complete-file-transfer", Json.createObjectBuilder().add("transferId", transferId));
        await("both see completion", () -> !alice.events("file-transfer-completed").isEmpty()
                && !bob.events("file-transfer-completed").isEmpty());
        assertTrue(bob.errors().isEmpty() && alice.errors().isEmpty(), () -> alice.errors() + " " + bob.errors());

        // A late joiner on either node gets the same shared history.
        TestClient carol = a.client().join("Home", "Carol");
        TestClient dave = b.client().join("Home", "Dave");
        for (TestClient late : List.of(carol, dave)) {
            JsonObject history = late.last("message-history").getJsonObject("data");
            String all = history.toString();
            assertTrue(all.contains("hello from node a") && all.contains("hello from node b"), all);
        }

        // Nothing of Home reached Office, on either node.
        for (TestClient outsider : List.of(eve, mallory)) {
            assertTrue(texts(outsider).stream().noneMatch(t -> t.startsWith("hello")), texts(outsider).toString());
            assertTrue(outsider.events("webrtc-signal-received").isEmpty());
            assertTrue(outsider.events("file-transfer-request").isEmpty());
            assertTrue(peers(outsider).equals(ids(eve, mallory)), "Office sees only Office");
        }
        // Across nodes, a peer in another network is as unknown as one that does not exist.
        eve.signal(alice.peerId(), Json.createObjectBuilder().add("type", "offer"));
        assertEquals("PEER_NOT_FOUND", eve.lastError().getString("code"));
    }

    @Test
    void aClientThatDroppedOnOneNodeResumesOnTheOtherAndNobodyHearsItLeave() throws Exception {
        PeerShareConfig shortGrace = PeerShareConfig.builder().resumeGrace(Duration.ofSeconds(2))
                .sweepInterval(Duration.ofMillis(200)).build();
        Node a = node("node-a", shortGrace);
        Node b = node("node-b", shortGrace);
        TestClient alice = a.client().join("Home", "Alice");
        TestClient bob = b.client().join("Home", "Bob");
        await("both see both", () -> peers(alice).size() == 2 && peers(bob).size() == 2);
        String token = bob.resumeToken();
        bob.close();
        alice.chat("while you were away");
        await("the message is stored", () -> texts(alice).contains("while you were away"));

        TestClient back = a.client().resume(token);
        await("resumed on the other node", () -> !back.events("network-joined").isEmpty());
        assertEquals(bob.peerId(), back.peerId());
        assertTrue(back.last("message-history").toString().contains("while you were away"));
        Thread.sleep(3_000); // past the grace of the node Bob dropped from
        assertEquals(ids(alice, bob), peers(alice));
        assertEquals(ids(alice, bob), peers(back));
        assertFalse(texts(alice).contains("Bob left the network"), "it never left");
        assertEquals(1, texts(alice).stream().filter("Bob joined the network"::equals).count());
        TestClient thief = b.client().resume(token);
        await("the token is used up", () -> !thief.events("error").isEmpty());
        assertEquals("RESUME_FAILED", thief.lastError().getString("code"));
    }

    @Test
    void threeNodesShareOneNetwork() throws Exception {
        Node a = node("node-a");
        Node b = node("node-b");
        Node c = node("node-c");
        TestClient alice = a.client().join("Home", "Alice");
        TestClient bob = b.client().join("Home", "Bob");
        TestClient carol = c.client().join("Home", "Carol");
        await("all three see all three", () -> peers(alice).equals(ids(alice, bob, carol))
                && peers(bob).equals(ids(alice, bob, carol)) && peers(carol).equals(ids(alice, bob, carol)));
        carol.chat("one for all");
        await("both others get it", () -> texts(alice).contains("one for all") && texts(bob).contains("one for all"));
        bob.send("leave-wifi-network", Json.createObjectBuilder());
        await("the other two see Bob go", () -> peers(alice).equals(ids(alice, carol)) && peers(carol).equals(ids(alice, carol)));
        assertEquals(1, texts(carol).stream().filter("Bob left the network"::equals).count(), "told once");
    }

    @Test
    void theUserLimitHoldsAcrossNodes() throws Exception {
        PeerShareConfig two = PeerShareConfig.builder().maxUsersPerNetwork(2).build();
        Node a = node("node-a", two);
        Node b = node("node-b", two);
        TestClient alice = a.client().join("Home", "Alice");
        TestClient bob = b.client().join("Home", "Bob");
        await("two members", () -> peers(alice).size() == 2);
        TestClient carol = a.client().join("Home", "Carol");
        assertEquals("NETWORK_FULL", carol.lastError().getString("code"));
        bob.send("leave-wifi-network", Json.createObjectBuilder());
        await("Bob's place is free", () -> peers(alice).size() == 1);
        carol.join("Home", "Carol");
        await("Carol is in", () -> peers(alice).size() == 2);
    }

    @Test
    void aNodeThatDiesWithoutGoodbyeDisappearsWithinTheBound() throws Exception {
        Node a = node("node-a");
        Node b = node("node-b");
        TestClient alice = a.client().join("Home", "Alice");
        TestClient bob = b.client().join("Home", "Bob");
        await("both see each other", () -> peers(alice).size() == 2);

        long died = System.nanoTime();
        b.cluster.abandon();
        await("Bob vanishes from Alice's list", () -> peers(alice).equals(ids(alice)));
        long seconds = Duration.ofNanos(System.nanoTime() - died).toSeconds();
        assertTrue(seconds <= 15, "gone after " + seconds + " s; documented bound is 13 s");
        assertTrue(texts(alice).contains("Bob left the network"));
    }

    @Test
    void aRedisOutageKeepsEachNodeWorkingAndPeerListsConvergeAfterward() throws Exception {
        Node a = node("node-a");
        Node b = node("node-b");
        TestClient alice = a.client().join("Home", "Alice");
        TestClient anna = a.client().join("Home", "Anna");
        TestClient bob = b.client().join("Home", "Bob");
        await("three members everywhere", () -> peers(alice).size() == 3 && peers(bob).size() == 3);

        redis.stop();
        alice.chat("during the outage");
        await("Anna, on the same node, still gets chat", () -> texts(anna).contains("during the outage"));
        TestClient ben = b.client().join("Home", "Ben"); // joins while Redis is away: local only for now
        await("Ben joined on node b", () -> !ben.events("network-joined").isEmpty());

        redis.startAgain(); // empty: everything must be published again
        await("every list converges", () -> peers(alice).equals(ids(alice, anna, bob, ben))
                && peers(ben).equals(ids(alice, anna, bob, ben)) && peers(bob).equals(ids(alice, anna, bob, ben)));
        assertTrue(a.cluster.isRedisUp() && b.cluster.isRedisUp());
        alice.chat("after the outage");
        await("Ben gets chat from node a", () -> texts(ben).contains("after the outage"));
    }
}
