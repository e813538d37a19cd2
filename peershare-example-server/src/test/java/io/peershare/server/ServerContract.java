package io.peershare.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peershare.config.PeerShareConfig;
import io.peershare.testkit.WsTestClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The reference server in-process on a free port, driven over real HTTP and WebSocket connections. Every test
 * runs on each transport: {@link NettyServerTest}, {@link TyrusServerTest}.
 */
abstract class ServerContract {

    /** The transport under test. */
    abstract TransportKind transport();

    private static final String ORIGIN = "http://app.example.test";
    /** HTTP/1.1 as browsers speak it; the JDK's default h2c upgrade offer is not something browsers send. */
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private PeerShareServer server;

    private PeerShareServer start(Duration drainDelay) throws Exception {
        return start(drainDelay, null);
    }

    private PeerShareServer start(Duration drainDelay, String metricsToken) throws Exception {
        server = PeerShareServer.start(new ServerConfig("127.0.0.1", 0, true, List.of(ORIGIN), drainDelay,
                Duration.ofSeconds(5), null, null, PeerShareConfig.defaults(), transport(), 2, true,
                Duration.ofSeconds(10), 1024, false, true, metricsToken, TlsSettings.OFF));
        return server;
    }

    /** The server as {@code environment} configures it, on a machine with these addresses. */
    private PeerShareServer start(Map<String, String> environment, LocalAddresses machine) throws Exception {
        Map<String, String> all = new HashMap<>(Map.of("PORT", "0", "IO_THREADS", "2",
                "TRANSPORT", transport().name().toLowerCase(Locale.ROOT)));
        all.putAll(environment);
        server = PeerShareServer.start(ServerConfig.fromEnvironment(all), machine, Clock.systemUTC());
        return server;
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private URI http(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private URI ws() {
        return URI.create("ws://127.0.0.1:" + server.port() + PeerShareServer.WEBSOCKET_PATH);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(http(path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(http(path)).header("Authorization", authorization)
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** One series' value in a Prometheus scrape; fails when the series is missing. */
    private static double series(String scrape, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("(?m)^" + java.util.regex.Pattern.quote(name) + " ([0-9.eE+-]+)$").matcher(scrape);
        assertTrue(m.find(), () -> "no series " + name);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void metricsArePrometheusTextThatMovesWithTheClients() throws Exception {
        start(Duration.ZERO);
        HttpResponse<String> idle = get("/metrics");
        assertEquals(200, idle.statusCode());
        assertTrue(idle.headers().firstValue("Content-Type").orElseThrow().startsWith("text/plain; version=0.0.4"));
        assertEquals(0, series(idle.body(), "peershare_connections"));
        assertTrue(idle.body().contains("jvm_memory_used_bytes{"), "the JVM's own meters");
        assertTrue(idle.body().contains("process_cpu_usage "), "and the process's");
        assertEquals(1, series(idle.body(), "peershare_cluster_up{mode=\"single-node\"}"));
        try (WsTestClient alice = WsTestClient.connect(ws(), ORIGIN);
             WsTestClient bob = WsTestClient.connect(ws(), ORIGIN)) {
            alice.join("Home", "Alice");
            alice.await("network-joined");
            bob.join("Home", "Bob");
            String bobId = bob.await("network-joined").getString("peerId");
            alice.send("webrtc-signal", Json.createObjectBuilder().add("to", bobId)
                    .add("signal", Json.createObjectBuilder().add("type", "offer")));
            bob.await("webrtc-signal-received");
            Thread.sleep(1_100); // the meters read the statistics at most once a second
            String busy = get("/metrics").body();
            assertEquals(2, series(busy, "peershare_connections"));
            assertEquals(2, series(busy, "peershare_users"));
            assertEquals(1, series(busy, "peershare_signals_relayed_total"));
            assertEquals(1, series(busy, "peershare_signal_relay_seconds_count"));
            assertEquals(2, series(busy, "peershare_frame_handling_seconds_count{class=\"join\"}"));
        }
    }

    @Test
    void aMetricsTokenGuardsTheMetricsAndTheStatisticsButNotHealth() throws Exception {
        String token = "a-token-of-sixteen-or-more";
        start(Duration.ZERO, token);
        for (String path : List.of("/metrics", "/api/stats")) {
            HttpResponse<String> refused = get(path);
            assertEquals(401, refused.statusCode(), path);
            assertEquals("Bearer realm=\"peershare\"", refused.headers().firstValue("WWW-Authenticate").orElseThrow());
            assertEquals(401, get(path, "Bearer wrong-token-of-sixteen").statusCode(), path);
            assertEquals(200, get(path, "Bearer " + token).statusCode(), path);
        }
        assertEquals(200, get("/health").statusCode(), "load balancers need no token");
    }

    private static JsonObject json(HttpResponse<String> response) {
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    @Test
    void theLinksToThePageAreTheMachinesAddressesInDevelopmentAndOnlyThePublishedOriginsInProduction() throws Exception {
        FakeMachine laptop = FakeMachine.of("laptop", "127.0.0.1", "192.168.1.20", "fd00::20", "fe80::1%2");
        start(Map.of("HOST", "0.0.0.0", "NODE_ENV", "production", "FRONTEND_URL", ORIGIN,
                "ADDRESS_HTTP_RATE_LIMIT", "1,2"), laptop);
        HttpResponse<String> published = get("/api/links");
        assertEquals(200, published.statusCode());
        assertEquals("application/json;charset=UTF-8", published.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("no-store", published.headers().firstValue("Cache-Control").orElseThrow());
        assertEquals("{\"urls\":[\"" + ORIGIN + "/\"]}", published.body(), "no internal address on the internet");
        assertEquals(List.of("http://192.168.1.20:" + server.port() + "/", "http://[fd00::20]:" + server.port() + "/",
                "http://localhost:" + server.port() + "/", ORIGIN + "/"), server.urls(), "the start-up line has them all");
        assertEquals(200, get("/api/links").statusCode());
        assertEquals(429, get("/api/links").statusCode(), "counted against the address like every request");
        server.stop();

        start(Map.of("HOST", "0.0.0.0", "NODE_ENV", "development"), laptop);
        int port = server.port();
        assertEquals("{\"urls\":[\"http://192.168.1.20:" + port + "/\",\"http://[fd00::20]:" + port + "/\"]}",
                get("/api/links").body());
    }

    @Test
    void healthAnswersOkWithCountsAsUtf8Json() throws Exception {
        start(Duration.ZERO);
        HttpResponse<String> health = get("/health");
        assertEquals(200, health.statusCode());
        assertEquals("application/json;charset=UTF-8", health.headers().firstValue("Content-Type").orElseThrow());
        JsonObject body = json(health);
        assertEquals("ok", body.getString("status"));
        assertEquals(0, body.getInt("connections"));
        assertTrue(body.containsKey("uptimeSeconds"));

        HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(http("/health"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, post.statusCode());
    }

    @Test
    void oneServerOnOnePortServesTheEndpointTheStatsAndThePage() throws Exception {
        start(Duration.ZERO);
        try (WsTestClient alice = WsTestClient.connect(ws(), ORIGIN);
             WsTestClient bob = WsTestClient.connect(ws(), ORIGIN)) {
            alice.join("Home", "Alice");
            alice.await("network-joined");
            bob.join("Home", "Bob");
            bob.await("network-joined");
            alice.send("send-message", Json.createObjectBuilder().add("text", "hi"));
            bob.await("new-message", d -> "hi".equals(d.getString("text", null)));

            JsonObject stats = Json.createReader(new StringReader(ServerProcess.fresh(HTTP, http("/api/stats"))))
                    .readObject();
            assertEquals(2, stats.getInt("users"));
            assertEquals(1, stats.getInt("networks"));
            assertEquals(2, stats.getInt("connections"));
            assertEquals(1, stats.getJsonObject("messages").getInt("total"));
            assertTrue(stats.getJsonObject("memory").getJsonNumber("heapUsedBytes").longValue() > 0);
            assertTrue(stats.containsKey("errors") && stats.containsKey("transfers") && stats.containsKey("process"));
        }
        HttpResponse<String> page = get("/");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("PeerShare"));
        assertTrue(page.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
        assertTrue(page.headers().firstValue("Content-Security-Policy").isPresent());
        assertEquals(404, get("/no-such-page").statusCode());
    }

    @Test
    void twoClientsChatSignalAndTransferALateJoinerGetsHistoryAndAnotherNetworkSeesNothing() throws Exception {
        start(Duration.ZERO);
        try (WsTestClient alice = WsTestClient.connect(ws(), ORIGIN);
             WsTestClient bob = WsTestClient.connect(ws(), ORIGIN);
             WsTestClient eve = WsTestClient.connect(ws(), ORIGIN)) {
            eve.join("Office", "Eve");
            eve.await("network-joined");
            eve.await("network-users-updated");
            eve.await("new-message"); // her own join's system message
            alice.join("Home", "Alice");
            String aliceId = alice.await("network-joined").getString("peerId");
            bob.join("Home", "Bob");
            String bobId = bob.await("network-joined").getString("peerId");
            alice.await("network-users-updated", d -> d.getJsonArray("users").size() == 2);

            alice.send("send-message", Json.createObjectBuilder().add("text", "before Carol came"));
            bob.await("new-message", d -> "before Carol came".equals(d.getString("text", null)));

            alice.send("webrtc-signal", Json.createObjectBuilder().add("to", bobId)
                    .add("signal", Json.createObjectBuilder().add("type", "offer").add("sdp", "v=0")));
            assertEquals(aliceId, bob.await("webrtc-signal-received").getString("from"));

            bob.send("initiate-file-transfer", Json.createObjectBuilder().add("to", aliceId)
                    .add("fileName", "a.bin").add("fileSize", 10));
            String transferId = alice.await("file-transfer-request").getString("transferId");
            alice.send("accept-file-transfer", Json.createObjectBuilder().add("transferId", transferId));
            assertEquals("accepted", bob.await("file-transfer-accepted").getString("state"));

            try (WsTestClient carol = WsTestClient.connect(ws(), ORIGIN)) {
                carol.join("Home", "Carol");
                carol.await("network-joined");
                JsonObject history = carol.await("message-history");
                assertTrue(history.toString().contains("before Carol came"), history.toString());
            }

            // Eve, in another network, may see only her own network's frames.
            eve.send("webrtc-signal", Json.createObjectBuilder().add("to", aliceId)
                    .add("signal", Json.createObjectBuilder().add("type", "offer")));
            assertEquals("PEER_NOT_FOUND", eve.await("error").getString("code"));
            eve.send("heartbeat", Json.createObjectBuilder());
            eve.await("heartbeat-ack");
            assertTrue(eve.unread("new-message").isEmpty(), () -> "Eve saw " + eve.unread("new-message"));
            assertTrue(eve.unread("network-users-updated").isEmpty());
            assertTrue(eve.unread("webrtc-signal-received").isEmpty() && eve.unread("file-transfer-request").isEmpty());
        }
    }

    @Test
    void aClientWhoseSocketDropsResumesOnANewOneWithItsIdAndWhatItMissedAndNobodyHearsItLeave() throws Exception {
        start(Duration.ZERO);
        try (WsTestClient alice = WsTestClient.connect(ws(), ORIGIN);
             WsTestClient bob = WsTestClient.connect(ws(), ORIGIN)) {
            alice.join("Home", "Alice");
            alice.await("network-joined");
            bob.join("Home", "Bob");
            JsonObject joined = bob.await("network-joined");
            String bobId = joined.getString("peerId");
            String token = joined.getString("resumeToken");
            alice.await("network-users-updated", d -> d.getJsonArray("users").size() == 2);

            bob.drop(); // no close frame: the network went away
            alice.await("network-users-updated", d -> d.toString().contains("\"away\":true"));
            alice.send("send-message", Json.createObjectBuilder().add("text", "while you were away"));
            alice.await("new-message", d -> "while you were away".equals(d.getString("text", null)));

            try (WsTestClient back = WsTestClient.connect(ws(), ORIGIN)) {
                back.send("resume", Json.createObjectBuilder().add("resumeToken", token));
                JsonObject resumed = back.await("network-joined");
                assertEquals(bobId, resumed.getString("peerId"));
                assertTrue(resumed.getBoolean("resumed"));
                assertNotEquals(token, resumed.getString("resumeToken"));
                assertTrue(back.await("message-history").toString().contains("while you were away"));
                alice.await("network-users-updated", d -> d.getJsonArray("users").size() == 2
                        && !d.toString().contains("\"away\""));

                back.send("send-message", Json.createObjectBuilder().add("text", "I'm back"));
                assertEquals(bobId, alice.await("new-message", d -> "I'm back".equals(d.getString("text", null)))
                        .getString("peerId"));
                List<String> seen = alice.received("new-message").stream().map(d -> d.getString("text")).toList();
                assertEquals(List.of("Alice joined the network", "Bob joined the network", "while you were away",
                        "I'm back"), seen, "no leave, no second join");

                try (WsTestClient thief = WsTestClient.connect(ws(), ORIGIN)) {
                    thief.send("resume", Json.createObjectBuilder().add("resumeToken", token));
                    assertEquals("RESUME_FAILED", thief.await("error").getString("code"));
                }
            }
        }
    }

    @Test
    void malformedFramesGetErrorsAndTheConnectionCarriesOn() throws Exception {
        start(Duration.ZERO);
        try (WsTestClient client = WsTestClient.connect(ws(), ORIGIN)) {
            client.sendRaw("{not json");
            assertEquals("MALFORMED_JSON", client.await("error").getString("code"));
            client.sendRaw("{\"event\":\"fly\"}");
            assertEquals("UNKNOWN_EVENT", client.await("error").getString("code"));
            client.sendRaw("{\"event\":\"join-wifi-network\",\"data\":{\"networkName\":\"Home\"},\"requestId\":\"j1\"}");
            JsonObject missing = client.await("error");
            assertEquals("MISSING_FIELD", missing.getString("code"));
            assertEquals("userName", missing.getString("field"));
            assertEquals("j1", missing.getString("requestId"));
            client.join("Home", "Alice");
            client.await("network-joined");
        }
    }

    @Test
    void anOversizedFrameGetsAnErrorEventAndAGrosslyOversizedOneACloseWith1009() throws Exception {
        start(Duration.ZERO);
        try (WsTestClient client = WsTestClient.connect(ws(), ORIGIN)) {
            String tooLarge = "{\"event\":\"send-message\",\"data\":{\"text\":\"" + "x".repeat(120_000) + "\"}}";
            client.sendRaw(tooLarge);
            assertEquals("FRAME_TOO_LARGE", client.await("error").getString("code"));
            client.sendExpectingClose("x".repeat(300_000));
            assertEquals(1009, client.awaitClose());
        }
    }

    @Test
    void aForeignOriginIsRefused() throws Exception {
        start(Duration.ZERO);
        assertEquals(403, WsTestClient.handshakeStatus(ws(), "http://elsewhere.example.test"));
        assertEquals(101, WsTestClient.handshakeStatus(ws(), ORIGIN));
    }

    @Test
    void shutdownDrainsHealthFirstThenClosesEveryClientWith1001() throws Exception {
        start(Duration.ofMillis(600));
        WsTestClient client = WsTestClient.connect(ws(), ORIGIN);
        client.join("Home", "Alice");
        client.await("network-joined");

        long started = System.nanoTime();
        CompletableFuture<Void> stopping = CompletableFuture.runAsync(server::stop);
        int status = 0;
        for (int i = 0; i < 50 && status != 503; i++) {
            status = get("/health").statusCode();
        }
        assertEquals(503, status, "health reports draining while clients are still connected");
        assertEquals(1001, client.awaitClose());
        stopping.get(10, TimeUnit.SECONDS);
        assertTrue(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started) < 8, "shutdown is bounded");
    }
}
