package io.peershare.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peershare.PeerShare;
import io.peershare.config.RateLimit;
import io.peershare.model.EventClass;
import io.peershare.spring.app.ShareApplication;
import io.peershare.testkit.WsTestClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A Spring Boot application with only the starter added, configured by {@code peershare.*} properties, driven over
 * a real WebSocket and real HTTP on its embedded Tomcat; Actuator is on its class path.
 */
@SpringBootTest(classes = ShareApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "server.address=127.0.0.1",
                "peershare.allowed-origins=https://share.example.test",
                "peershare.max-users-per-network=2",
                "peershare.max-file-size=1MB",
                "peershare.message-retention=2h",
                "peershare.rate-limits.chat=1,3",
                "peershare.ice-servers[0].urls=stun:stun.example.test:3478",
                "management.endpoints.web.exposure.include=health,prometheus",
                "management.endpoint.health.show-details=always"})
class PeerShareStarterTest {

    static final String ORIGIN = "https://share.example.test";
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @LocalServerPort
    int port;

    @Autowired
    PeerShare engine;

    private URI ws() {
        return URI.create("ws://127.0.0.1:" + port + "/ws");
    }

    static HttpResponse<String> get(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }

    @Test
    void theEngineIsBuiltFromThePeershareProperties() {
        assertEquals(2, engine.config().maxUsersPerNetwork());
        assertEquals(1024 * 1024, engine.config().maxFileSize());
        assertEquals(Duration.ofHours(2), engine.config().messageRetention());
        assertEquals(RateLimit.of(1, 3), engine.config().connectionRateLimit(EventClass.CHAT));
        assertEquals("stun:stun.example.test:3478", engine.config().iceServers().get(0).urls().get(0));
    }

    @Test
    void twoUsersChatALateJoinerGetsTheHistoryAndAThirdFindsTheNetworkFull() throws Exception {
        try (WsTestClient alice = WsTestClient.connect(ws(), ORIGIN);
             WsTestClient bob = WsTestClient.connect(ws(), ORIGIN);
             WsTestClient carol = WsTestClient.connect(ws(), ORIGIN)) {
            alice.join("Kitchen", "Alice");
            JsonObject joined = alice.await("network-joined");
            assertEquals("stun:stun.example.test:3478",
                    joined.getJsonArray("iceServers").getJsonObject(0).getJsonArray("urls").getString(0));
            alice.send("send-message", Json.createObjectBuilder().add("text", "before Bob came"));
            alice.await("new-message", d -> "before Bob came".equals(d.getString("text", null)));

            bob.join("Kitchen", "Bob");
            bob.await("network-joined");
            JsonObject history = bob.await("message-history");
            assertTrue(history.getJsonArray("messages").stream().map(m -> (JsonObject) m)
                    .anyMatch(m -> "before Bob came".equals(m.getString("text", null))), history::toString);

            carol.join("Kitchen", "Carol");
            assertEquals("NETWORK_FULL", carol.await("error").getString("code"));
        }
    }

    @Test
    void aSignalIsRelayedAndAFileOverTheConfiguredSizeIsRefused() throws Exception {
        try (WsTestClient alice = WsTestClient.connect(ws(), ORIGIN);
             WsTestClient bob = WsTestClient.connect(ws(), ORIGIN)) {
            alice.join("Garden", "Alice");
            String aliceId = alice.await("network-joined").getString("peerId");
            bob.join("Garden", "Bob");
            String bobId = bob.await("network-joined").getString("peerId");
            alice.send("webrtc-signal", Json.createObjectBuilder().add("to", bobId)
                    .add("signal", Json.createObjectBuilder().add("type", "offer").add("sdp", "v=0")));
            assertEquals(aliceId, bob.await("webrtc-signal-received").getString("from"));

            alice.send("initiate-file-transfer", Json.createObjectBuilder().add("to", bobId)
                    .add("fileName", "film.mkv").add("fileSize", 1024 * 1024 + 1).add("mimeType", "video/x-matroska"));
            assertEquals("FILE_TOO_LARGE", alice.await("error").getString("code"));
        }
    }

    @Test
    void theChatRateLimitIsTheConfiguredOne() throws Exception {
        try (WsTestClient alice = WsTestClient.connect(ws(), ORIGIN)) {
            alice.join("Attic", "Alice");
            alice.await("network-joined");
            for (int i = 0; i < 4; i++) {
                alice.send("send-message", Json.createObjectBuilder().add("text", "m" + i));
            }
            JsonObject refused = alice.await("error");
            assertEquals("RATE_LIMITED", refused.getString("code"), refused::toString);
            assertEquals(3, alice.received("new-message").stream()
                    .filter(m -> m.getString("text", "").startsWith("m")).count());
        }
    }

    @Test
    void aClientWhoseSocketDropsResumesOnANewOneAndNobodyHearsItLeave() throws Exception {
        try (WsTestClient alice = WsTestClient.connect(ws(), ORIGIN);
             WsTestClient bob = WsTestClient.connect(ws(), ORIGIN)) {
            alice.join("Balcony", "Alice");
            alice.await("network-joined");
            bob.join("Balcony", "Bob");
            JsonObject joined = bob.await("network-joined");
            alice.await("network-users-updated", d -> d.getJsonArray("users").size() == 2);

            bob.drop(); // no close frame: the phone changed networks
            alice.await("network-users-updated", d -> d.toString().contains("\"away\":true"));
            alice.send("send-message", Json.createObjectBuilder().add("text", "while you were away"));
            alice.await("new-message", d -> "while you were away".equals(d.getString("text", null)));

            try (WsTestClient back = WsTestClient.connect(ws(), ORIGIN)) {
                back.send("resume", Json.createObjectBuilder().add("resumeToken", joined.getString("resumeToken")));
                JsonObject resumed = back.await("network-joined");
                assertEquals(joined.getString("peerId"), resumed.getString("peerId"));
                assertTrue(back.await("message-history").toString().contains("while you were away"));
                alice.await("network-users-updated", d -> d.getJsonArray("users").size() == 2
                        && !d.toString().contains("\"away\""));
                assertTrue(alice.received("new-message").stream()
                        .noneMatch(m -> m.getString("text", "").contains("left")), "nobody heard Bob leave");
            }
        }
    }

    @Test
    void aForeignOriginIsRefusedAtTheHandshake() throws Exception {
        assertEquals(403, WsTestClient.handshakeStatus(ws(), "https://evil.example.test"));
        assertEquals(101, WsTestClient.handshakeStatus(ws(), ORIGIN));
    }

    @Test
    void actuatorHealthHasAPeershareComponentWithTheEnginesCounts() throws Exception {
        try (WsTestClient alice = WsTestClient.connect(ws(), ORIGIN)) {
            alice.join("Cellar", "Alice");
            alice.await("network-joined");
            HttpResponse<String> response = get(port, "/actuator/health/peershare");
            assertEquals(200, response.statusCode(), response.body());
            JsonObject health = json(response.body());
            assertEquals("UP", health.getString("status"));
            JsonObject details = health.getJsonObject("details");
            assertEquals("serving", details.getString("state"));
            assertTrue(details.getInt("connections") >= 1, details::toString);
            assertTrue(details.getInt("users") >= 1, details::toString);
            assertEquals("single-node", details.getJsonObject("cluster").getString("mode"));
        }
    }

    @Test
    void theEnginesMetersAreInTheApplicationsRegistry() throws Exception {
        try (WsTestClient alice = WsTestClient.connect(ws(), ORIGIN);
             WsTestClient bob = WsTestClient.connect(ws(), ORIGIN)) {
            alice.join("Loft", "Alice");
            alice.await("network-joined");
            bob.join("Loft", "Bob");
            String bobId = bob.await("network-joined").getString("peerId");
            alice.send("webrtc-signal", Json.createObjectBuilder().add("to", bobId)
                    .add("signal", Json.createObjectBuilder().add("type", "offer").add("sdp", "v=0")));
            bob.await("webrtc-signal-received");

            String scrape = get(port, "/actuator/prometheus").body();
            assertTrue(series(scrape, "peershare_connections") >= 2, scrape);
            assertTrue(series(scrape, "peershare_signals_relayed_total") >= 1, scrape);
            assertTrue(scrape.contains("peershare_signal_relay_seconds_count"), scrape);
            assertTrue(scrape.contains("jvm_memory_used_bytes"), "the application's own meters are beside them");
        }
    }

    /** One series' value in a Prometheus scrape (the first line for the name, whatever its labels). */
    static double series(String scrape, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("(?m)^" + java.util.regex.Pattern.quote(name) + "(?:\\{[^}]*\\})? ([0-9.eE+-]+)$").matcher(scrape);
        assertTrue(m.find(), () -> "no series " + name);
        return Double.parseDouble(m.group(1));
    }
}
