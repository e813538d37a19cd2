package io.peershare.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peershare.redis.testing.RedisProcess;
import io.peershare.testkit.RawWebSocket;
import io.peershare.testkit.WsTestClient;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.io.StringReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real server processes on one real Redis behave, for their clients, as one server. One node runs on Netty, the
 * other on Tyrus, so the cluster is proven across both transports at once.
 */
class ClusterJarIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    Path workDir;
    private RedisProcess redis;
    private final List<Process> processes = new ArrayList<>();
    private final List<WsTestClient> clients = new ArrayList<>();

    @AfterEach
    void stopAll() throws Exception {
        clients.forEach(WsTestClient::close);
        processes.forEach(Process::destroyForcibly);
        if (redis != null) {
            redis.close();
        }
    }

    private record Node(Process process, int port) {
        URI ws() {
            return URI.create("ws://127.0.0.1:" + port + "/ws");
        }
    }

    private Node startNode(String nodeId) throws Exception {
        return startNode(nodeId, java.util.Map.of());
    }

    private Node startNode(String nodeId, java.util.Map<String, String> extraEnvironment) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path dir = Files.createDirectories(workDir.resolve(nodeId));
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("peershare.jar")).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(dir.resolve("out.log").toFile());
        builder.environment().putAll(java.util.Map.of("PORT", Integer.toString(port), "HOST", "127.0.0.1",
                "REDIS_URL", redis.url(), "NODE_ID", nodeId, "NODE_ENV", "development",
                "TRANSPORT", nodeId.endsWith("a") ? "netty" : "tyrus"));
        builder.environment().putAll(extraEnvironment);
        Process process = builder.start();
        processes.add(process);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (health(port) == null) {
            assertTrue(process.isAlive(), () -> "node died: " + read(dir.resolve("out.log")));
            assertTrue(System.nanoTime() < deadline, "node " + nodeId + " answers /health within 30 s");
            Thread.sleep(100);
        }
        return new Node(process, port);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static JsonObject health(int port) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? Json.createReader(new StringReader(r.body())).readObject() : null;
        } catch (IOException | InterruptedException e) {
            return null;
        }
    }

    private WsTestClient join(Node node, String network, String user) throws Exception {
        WsTestClient client = WsTestClient.connect(node.ws(), null);
        clients.add(client);
        client.join(network, user);
        client.await("network-joined");
        return client;
    }

    private static Set<String> names(JsonObject usersUpdated) {
        return usersUpdated.getJsonArray("users").getValuesAs(JsonObject.class).stream()
                .map(u -> u.getString("userName")).collect(Collectors.toSet());
    }

    /** Waits until the client's latest peer list is exactly these names. */
    private static JsonObject awaitPeers(WsTestClient client, String... expected) {
        return client.awaitLatest("network-users-updated", d -> names(d).equals(Set.of(expected)));
    }

    private static long leaveNotices(WsTestClient client, String name) {
        return client.received("new-message").stream()
                .filter(m -> (name + " left the network").equals(m.getString("text", null))).count();
    }

    @Test
    void twoNodesActAsOneThroughARedisOutageAndANodesDeath() throws Exception {
        String missing = RedisProcess.missingReason();
        if (missing != null) {
            System.out.println("[peershare cluster tests] SKIPPED: " + missing);
            Assumptions.abort(missing);
        }
        redis = RedisProcess.start();
        Node a = startNode("node-a");
        Node b = startNode("node-b");
        assertEquals("up", health(a.port()).getJsonObject("cluster").getString("redis"));

        WsTestClient alice = join(a, "Home", "Alice");
        WsTestClient bob = join(b, "Home", "Bob");
        WsTestClient eve = join(b, "Office", "Eve");
        awaitPeers(alice, "Alice", "Bob");
        awaitPeers(bob, "Alice", "Bob");

        alice.send("send-message", Json.createObjectBuilder().add("text", "from node a"));
        bob.await("new-message", d -> "from node a".equals(d.getString("text", null)));

        WsTestClient carol = join(b, "Home", "Carol");
        JsonObject history = carol.await("message-history");
        assertTrue(history.toString().contains("from node a"), history.toString());
        JsonObject three = awaitPeers(alice, "Alice", "Bob", "Carol");

        // Signal and transfer across nodes, by peer ids taken from the peer list.
        String bobId = three.getJsonArray("users")
                .getValuesAs(JsonObject.class).stream().filter(u -> u.getString("userName").equals("Bob"))
                .findFirst().orElseThrow().getString("peerId");
        alice.send("webrtc-signal", Json.createObjectBuilder().add("to", bobId)
                .add("signal", Json.createObjectBuilder().add("type", "offer").add("sdp", "v=0")));
        bob.await("webrtc-signal-received");
        alice.send("initiate-file-transfer", Json.createObjectBuilder().add("to", bobId)
                .add("fileName", "notes.txt").add("fileSize", 100));
        String transferId = bob.await("file-transfer-request").getString("transferId");
        bob.send("accept-file-transfer", Json.createObjectBuilder().add("transferId", transferId));
        assertEquals(transferId, alice.await("file-transfer-accepted").getString("transferId"));

        // Eve, in another network on node b, received none of it.
        eve.send("heartbeat", Json.createObjectBuilder());
        eve.await("heartbeat-ack");
        assertTrue(eve.unread("new-message").stream().noneMatch(m -> m.toString().contains("from node a")));
        assertTrue(eve.unread("webrtc-signal-received").isEmpty() && eve.unread("file-transfer-request").isEmpty());
        assertTrue(eve.unread("network-users-updated").stream().allMatch(d -> names(d).equals(Set.of("Eve"))));

        // A second request from node a waits for Bob's answer when Redis goes away.
        alice.send("initiate-file-transfer", Json.createObjectBuilder().add("to", bobId)
                .add("fileName", "later.txt").add("fileSize", 100));
        String laterId = bob.await("file-transfer-request", d -> "later.txt".equals(d.getString("fileName", null)))
                .getString("transferId");

        // Redis goes away: each node keeps serving its own members.
        redis.stop();
        WsTestClient anna = join(a, "Home", "Anna");
        alice.send("send-message", Json.createObjectBuilder().add("text", "during the outage"));
        anna.await("new-message", d -> "during the outage".equals(d.getString("text", null)));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        for (Node node : List.of(a, b)) {
            while (!"down".equals(health(node.port()).getJsonObject("cluster").getString("redis"))) {
                assertTrue(System.nanoTime() < deadline, "/health reports Redis down");
                Thread.sleep(200);
            }
        }
        // Bob's answer cannot reach node a, which keeps that transfer: a clear error, nothing pretends it went.
        bob.send("accept-file-transfer", Json.createObjectBuilder().add("transferId", laterId));
        JsonObject unavailable = bob.await("error");
        assertEquals("CLUSTER_UNAVAILABLE", unavailable.getString("code"));
        assertEquals("transferId", unavailable.getString("field"));

        // Redis returns, empty: every node publishes its members again and the lists converge.
        redis.startAgain();
        awaitPeers(bob, "Alice", "Anna", "Bob", "Carol");
        // Node a shows node b's members reachable again at its next heartbeat; until then it refuses chat to them
        // with CLUSTER_UNAVAILABLE rather than lose it. Once it does, messages flow again.
        alice.awaitLatest("network-users-updated", d -> names(d).equals(Set.of("Alice", "Anna", "Bob", "Carol"))
                && !d.toString().contains("\"reachable\":false"));
        alice.send("send-message", Json.createObjectBuilder().add("text", "after the outage"));
        carol.await("new-message", d -> "after the outage".equals(d.getString("text", null)));
        Thread.sleep(io.peershare.redis.RedisCluster.HEARTBEAT.toMillis() * 3); // let the post-outage resync run too
        awaitPeers(alice, "Alice", "Anna", "Bob", "Carol");
        awaitPeers(bob, "Alice", "Anna", "Bob", "Carol");
        assertEquals(0, leaveNotices(alice, "Bob"), "nobody was dropped while the nodes republished");

        // Node b dies without a goodbye: its members leave everyone's list within the documented bound.
        long killed = System.nanoTime();
        b.process().destroyForcibly();
        awaitPeers(alice, "Alice", "Anna");
        assertEquals(1, leaveNotices(alice, "Bob"), "Alice was told Bob left");
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - killed);
        assertTrue(seconds <= 15, "node b's members were gone after " + seconds + " s");
    }

    /** A Socket.IO client over Engine.IO's WebSocket transport, spoken by hand: enough for one test. */
    private static final class SocketIoWire implements AutoCloseable {
        private final RawWebSocket socket;

        SocketIoWire(Node node) throws Exception {
            socket = RawWebSocket.connect(URI.create("ws://127.0.0.1:" + node.port()
                    + "/socket.io/?EIO=4&transport=websocket"), null);
            assertTrue(next("0").contains("\"sid\""), "the open packet");
            socket.sendText("40");
            assertTrue(next("40").startsWith("40{\"sid\":"), "connected to the main namespace");
        }

        void emit(String event, JsonObjectBuilder data) throws IOException {
            socket.sendText("42[\"" + event + "\"," + data.build() + "]");
        }

        /** The data of the next event of that name (answering pings on the way). */
        JsonObject event(String name) throws IOException {
            String text = next("42[\"" + name + "\"");
            JsonArray args = Json.createReader(new StringReader(text.substring(2))).readArray();
            return args.getJsonObject(1);
        }

        private String next(String prefix) throws IOException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline) {
                String text = socket.readFrame().text();
                if (text.equals("2")) {
                    socket.sendText("3");
                } else if (text.startsWith(prefix)) {
                    return text;
                }
            }
            throw new AssertionError("no packet starting " + prefix);
        }

        @Override
        public void close() {
            socket.close();
        }
    }

    @Test
    void aClientThatDropsOnOneNodeResumesOnTheOtherAndNobodyHearsItLeave() throws Exception {
        String missing = RedisProcess.missingReason();
        if (missing != null) {
            Assumptions.abort(missing);
        }
        redis = RedisProcess.start();
        // A grace long enough for a cold CI machine to reconnect within, short enough to wait past.
        java.util.Map<String, String> shortGrace = java.util.Map.of("RESUME_GRACE_SECONDS", "10");
        Node a = startNode("node-a", shortGrace);
        Node b = startNode("node-b", shortGrace);
        WsTestClient alice = join(a, "Home", "Alice");
        WsTestClient bob = WsTestClient.connect(b.ws(), null);
        clients.add(bob);
        bob.join("Home", "Bob");
        JsonObject joined = bob.await("network-joined");
        awaitPeers(alice, "Alice", "Bob");

        bob.drop(); // its network went away; the load balancer will send it to the other node
        alice.send("send-message", Json.createObjectBuilder().add("text", "while you were away"));
        alice.await("new-message", d -> "while you were away".equals(d.getString("text", null)));
        WsTestClient back = WsTestClient.connect(a.ws(), null);
        clients.add(back);
        back.send("resume", Json.createObjectBuilder().add("resumeToken", joined.getString("resumeToken")));
        JsonObject resumed;
        try {
            resumed = back.await("network-joined");
        } catch (AssertionError e) {
            // Seen once in a full build and never alone: what both nodes said is the way to its cause.
            throw new AssertionError(e.getMessage() + "\nnode-a:\n" + read(workDir.resolve("node-a").resolve("out.log"))
                    + "\nnode-b:\n" + read(workDir.resolve("node-b").resolve("out.log")), e);
        }
        assertEquals(joined.getString("peerId"), resumed.getString("peerId"));
        assertTrue(back.await("message-history").toString().contains("while you were away"));

        Thread.sleep(16_000); // past the grace on the node it dropped from, and its next sweep
        awaitPeers(alice, "Alice", "Bob");
        awaitPeers(back, "Alice", "Bob");
        assertEquals(0, leaveNotices(alice, "Bob"), "it never left");
        back.send("send-message", Json.createObjectBuilder().add("text", "back on the other node"));
        alice.await("new-message", d -> "back on the other node".equals(d.getString("text", null)));
        // A node of a cluster says how it reaches the cluster in its metrics too.
        String metrics = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + a.port() + "/metrics"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(metrics.contains("peershare_cluster_up{mode=\"redis-cluster\"} 1.0"), metrics);
        assertTrue(java.util.regex.Pattern.compile("(?m)^peershare_cluster_redis_roundtrip_seconds [0-9.eE-]+$")
                .matcher(metrics).find(), "the Redis round trip is measured");
    }

    @Test
    void socketIoAndPlainClientsOnTwoNodesReachEachOther() throws Exception {
        String missing = RedisProcess.missingReason();
        if (missing != null) {
            System.out.println("[peershare cluster tests] SKIPPED: " + missing);
            Assumptions.abort(missing);
        }
        redis = RedisProcess.start();
        Node a = startNode("node-a"); // Netty
        Node b = startNode("node-b"); // Tyrus: Socket.IO through the Jakarta adapter
        try (SocketIoWire alice = new SocketIoWire(a); SocketIoWire carol = new SocketIoWire(b)) {
            alice.emit("join-wifi-network", Json.createObjectBuilder().add("networkName", "Home").add("userName", "Alice"));
            String alicePeer = alice.event("network-joined").getString("peerId");
            WsTestClient bob = join(b, "Home", "Bob");
            carol.emit("join-wifi-network", Json.createObjectBuilder().add("networkName", "Home").add("userName", "Carol"));
            carol.event("network-joined");
            awaitPeers(bob, "Alice", "Bob", "Carol");

            bob.send("send-message", Json.createObjectBuilder().add("text", "plain, node b"));
            JsonObject heard;
            do {
                heard = alice.event("new-message");
            } while (!"plain, node b".equals(heard.getString("text", null)));
            bob.send("webrtc-signal", Json.createObjectBuilder().add("to", alicePeer)
                    .add("signal", Json.createObjectBuilder().add("type", "offer").add("sdp", "across")));
            assertEquals("across", alice.event("webrtc-signal-received").getJsonObject("signal").getString("sdp"));

            alice.emit("send-message", Json.createObjectBuilder().add("text", "Socket.IO, node a"));
            bob.await("new-message", m -> "Socket.IO, node a".equals(m.getString("text", null)));
            do {
                heard = carol.event("new-message");
            } while (!"Socket.IO, node a".equals(heard.getString("text", null)));
        }
    }
}
