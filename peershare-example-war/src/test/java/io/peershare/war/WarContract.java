package io.peershare.war;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peershare.testkit.SocketIoNodeSuite;
import io.peershare.testkit.WsTestClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The WAR deployed into a real server, started once for the class, driven over real HTTP and WebSocket
 * connections as the reference server's {@code ServerContract} drives it; the last test undeploys it and reads
 * the server's log for leaks. Subclasses start the server and deploy: {@link WildFlyWarIT}, {@link TomcatWarIT}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class WarContract {

    /** The origin the servers are configured to allow (FRONTEND_URL). */
    static final String ORIGIN = "http://app.example.test";
    static final String CONTEXT = "/peershare";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** The server's HTTP port on 127.0.0.1. */
    abstract int port();

    /** Removes the WAR as an operator would, and waits until the server says it is gone. */
    abstract void undeploy() throws Exception;

    /** The lines of the server's log, since the WAR was deployed, that tell of a leak or a failure. */
    abstract List<String> leakWarnings();

    /** Stops the server (the whole process tree), whatever happened. */
    abstract void stopServer();

    @AfterAll
    void stopTheServer() {
        stopServer();
    }

    /** The WAR file the build made. */
    static Path war() {
        Path war = Path.of(System.getProperty("peershare.war", "target/peershare.war"));
        assertTrue(Files.isRegularFile(war), "build the WAR first (mvn verify): no " + war.toAbsolutePath());
        return war;
    }

    /** Copies the WAR in under a temporary name and renames it, so the server never sees half a file. */
    static void dropWar(Path directory) throws IOException {
        Path partial = Files.copy(war(), directory.resolve(".peershare.war.part"), StandardCopyOption.REPLACE_EXISTING);
        Files.move(partial, directory.resolve("peershare.war"), StandardCopyOption.ATOMIC_MOVE);
    }

    static List<String> linesMatching(String log, Pattern pattern) {
        return log.lines().filter(line -> pattern.matcher(line).find()).collect(Collectors.toList());
    }

    URI http(String path) {
        return URI.create("http://127.0.0.1:" + port() + CONTEXT + path);
    }

    URI ws() {
        return URI.create("ws://127.0.0.1:" + port() + CONTEXT + "/ws");
    }

    int status(String path) {
        try {
            return get(path).statusCode();
        } catch (IOException e) {
            return -1; // not listening yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(http(path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject json(HttpResponse<String> response) {
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    private WsTestClient connectFrom(String forwardedFor) throws Exception {
        return WsTestClient.connect(ws(), ORIGIN, new String[] {"X-Forwarded-For", forwardedFor}, true);
    }

    @Test
    @Order(1)
    void theHealthTheStatsTheMetricsAndTheDemoPageAreServedUnderTheContextPath() throws Exception {
        HttpResponse<String> health = get("/health");
        assertEquals(200, health.statusCode(), health.body());
        assertTrue(health.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
        assertEquals("ok", json(health).getString("status"));
        assertEquals("single-node", json(health).getJsonObject("cluster").getString("mode"));

        JsonObject stats = json(get("/api/stats"));
        assertTrue(stats.containsKey("users") && stats.containsKey("messages") && stats.containsKey("process"),
                stats.toString());
        assertTrue(get("/metrics").body().contains("peershare_connections "), "Prometheus text with the engine's meters");
        assertEquals(List.of("http://127.0.0.1:" + port() + CONTEXT + "/"), json(get("/api/links")).getJsonArray("urls")
                .getValuesAs(jakarta.json.JsonString::getString), "a container answers the page's own URL");

        HttpResponse<String> page = get("/");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("PeerShare") && page.body().contains("src=\"app.js\""), page.body());
        assertTrue(page.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
        assertTrue(page.headers().firstValue("Content-Security-Policy").isPresent());
        for (String file : List.of("/app.js", "/peershare-client.js", "/styles.css")) {
            assertEquals(200, get(file).statusCode(), file);
        }
        assertEquals(404, get("/no-such-page").statusCode());
    }

    @Test
    @Order(2)
    void twoClientsJoinChatAndSignalAndALateJoinerGetsTheHistory() throws Exception {
        try (WsTestClient alice = WsTestClient.connect(ws(), ORIGIN);
             WsTestClient bob = WsTestClient.connect(ws(), ORIGIN)) {
            alice.join("Home", "Alice");
            String aliceId = alice.await("network-joined").getString("peerId");
            bob.join("Home", "Bob");
            String bobId = bob.await("network-joined").getString("peerId");
            alice.await("network-users-updated", d -> d.getJsonArray("users").size() == 2);

            alice.send("send-message", Json.createObjectBuilder().add("text", "before Carol came"));
            bob.await("new-message", d -> "before Carol came".equals(d.getString("text", null)));

            alice.send("webrtc-signal", Json.createObjectBuilder().add("to", bobId)
                    .add("signal", Json.createObjectBuilder().add("type", "offer").add("sdp", "v=0")));
            JsonObject signal = bob.await("webrtc-signal-received");
            assertEquals(aliceId, signal.getString("from"));
            assertEquals("v=0", signal.getJsonObject("signal").getString("sdp"));

            try (WsTestClient carol = WsTestClient.connect(ws(), ORIGIN)) {
                carol.join("Home", "Carol");
                carol.await("network-joined");
                JsonObject history = carol.await("message-history");
                assertTrue(history.toString().contains("before Carol came"), history.toString());
            }
        }
    }

    @Test
    @Order(3)
    void aClientInAnotherNetworkSeesAndReceivesNothing() throws Exception {
        try (WsTestClient alice = WsTestClient.connect(ws(), ORIGIN);
             WsTestClient bob = WsTestClient.connect(ws(), ORIGIN);
             WsTestClient eve = WsTestClient.connect(ws(), ORIGIN)) {
            eve.join("Office", "Eve");
            eve.await("network-joined");
            eve.await("new-message"); // her own join's system message
            alice.join("Garden", "Alice");
            String aliceId = alice.await("network-joined").getString("peerId");
            bob.join("Garden", "Bob");
            String bobId = bob.await("network-joined").getString("peerId");
            alice.await("network-users-updated", d -> d.getJsonArray("users").size() == 2);
            alice.send("send-message", Json.createObjectBuilder().add("text", "for the garden only"));
            bob.await("new-message", d -> "for the garden only".equals(d.getString("text", null)));
            alice.send("webrtc-signal", Json.createObjectBuilder().add("to", bobId)
                    .add("signal", Json.createObjectBuilder().add("type", "offer")));
            bob.await("webrtc-signal-received");

            eve.send("webrtc-signal", Json.createObjectBuilder().add("to", aliceId)
                    .add("signal", Json.createObjectBuilder().add("type", "offer")));
            assertEquals("PEER_NOT_FOUND", eve.await("error").getString("code"));
            eve.send("heartbeat", Json.createObjectBuilder());
            eve.await("heartbeat-ack"); // everything sent to Eve before this has arrived
            assertTrue(eve.unread("new-message").isEmpty(), () -> "Eve saw " + eve.unread("new-message"));
            assertTrue(eve.unread("network-users-updated").stream()
                    .allMatch(d -> d.getJsonArray("users").size() == 1), () -> "Eve saw " + eve.received("network-users-updated"));
            assertTrue(eve.unread("webrtc-signal-received").isEmpty());
        }
    }

    @Test
    @Order(4)
    void aForeignOriginIsRefusedWith403() throws Exception {
        assertEquals(403, WsTestClient.handshakeStatus(ws(), "http://elsewhere.example.test"));
        assertEquals(101, WsTestClient.handshakeStatus(ws(), ORIGIN));
    }

    /**
     * The engine groups networks by the client's public address; the container's remote-IP support (not the
     * engine, which trusts no proxy here) turns X-Forwarded-For into that address.
     */
    @Test
    @Order(5)
    void theContainersRemoteIpSupportGivesEachForwardedAddressItsOwnNetwork() throws Exception {
        try (WsTestClient alice = connectFrom("203.0.113.7");
             WsTestClient bob = connectFrom("198.51.100.9");
             WsTestClient carol = connectFrom("203.0.113.7")) {
            alice.join("Lobby", "Alice");
            alice.await("network-joined");
            bob.join("Lobby", "Bob");
            bob.await("network-joined");
            carol.join("Lobby", "Carol");
            carol.await("network-joined");
            alice.await("network-users-updated", d -> d.getJsonArray("users").size() == 2);
            bob.send("heartbeat", Json.createObjectBuilder());
            bob.await("heartbeat-ack");
            assertTrue(bob.received("network-users-updated").stream()
                    .allMatch(d -> d.getJsonArray("users").size() == 1),
                    () -> "Bob, from another address, met " + bob.received("network-users-updated"));
        }
    }

    @Test
    @Order(6)
    void socketIoClientsDoEverythingOverWebSocketUnderTheContextPath(@TempDir Path workDir) throws Exception {
        new SocketIoNodeSuite(Path.of("..", "peershare-example-server", "src", "test", "node"))
                .run("http://127.0.0.1:" + port() + CONTEXT, true, workDir, () -> "(the server's log is under target/)");
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void undeployClosesClientsWith1001LeavesNoLeakInTheLogAndTheContextIsGone() throws Exception {
        WsTestClient client = WsTestClient.connect(ws(), ORIGIN);
        client.join("Home", "Dora");
        client.await("network-joined");

        undeploy();
        assertEquals(1001, client.awaitClose());
        assertEquals(404, get("/health").statusCode());
        List<String> leaks = leakWarnings();
        assertTrue(leaks.isEmpty(), () -> "the undeploy left this in the server's log:\n" + String.join("\n", leaks));
    }
}
