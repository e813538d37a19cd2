package io.peershare.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peershare.config.PeerShareConfig;
import io.peershare.testkit.RawWebSocket;
import io.peershare.testkit.WsTestClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad Engine.IO and Socket.IO input against the real jar on Netty gets the specification's answers, and none of it
 * reaches a plain client connected meanwhile.
 */
class SocketIoHostileIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    Path workDir;
    private ServerProcess server;
    private WsTestClient bystander;

    @BeforeEach
    void start() throws Exception {
        server = ServerProcess.start(workDir, Map.of("PORT", String.valueOf(ServerProcess.freePort()),
                "MAX_CONNECTIONS_PER_ADDRESS", "20"), List.of()).awaitHealthy();
        bystander = WsTestClient.connect(server.ws(), null);
        bystander.join("Home", "Bystander");
        bystander.await("network-joined");
    }

    @AfterEach
    void stop() {
        if (bystander != null) {
            bystander.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private HttpResponse<String> request(String method, String query, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                + "/socket.io/?" + query)).timeout(Duration.ofSeconds(5));
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String handshake() throws Exception {
        HttpResponse<String> open = request("GET", "EIO=4&transport=polling", null);
        assertEquals(200, open.statusCode(), open::body);
        return open.body().substring(open.body().indexOf("\"sid\":\"") + 7, open.body().indexOf("\",\"upgrades\""));
    }

    @Test
    void badRequestsGetTheSpecificationsErrors() throws Exception {
        HttpResponse<String> badEio = request("GET", "EIO=3&transport=polling", null);
        assertEquals(400, badEio.statusCode());
        assertEquals("{\"code\":5,\"message\":\"Unsupported protocol version\"}", badEio.body());
        assertEquals("application/json", badEio.headers().firstValue("content-type").orElse(""));
        assertEquals("{\"code\":0,\"message\":\"Transport unknown\"}",
                request("GET", "EIO=4&transport=flash", null).body());
        assertEquals("{\"code\":1,\"message\":\"Session ID unknown\"}",
                request("GET", "EIO=4&transport=polling&sid=forged", null).body());
        assertEquals("{\"code\":2,\"message\":\"Bad handshake method\"}",
                request("PUT", "EIO=4&transport=polling", "").body());

        String sid = handshake();
        String overMaxPayload = "4" + "x".repeat(2 * PeerShareConfig.defaults().maxFrameSize()); // twice the frame limit
        assertEquals(413, request("POST", "EIO=4&transport=polling&sid=" + sid, overMaxPayload).statusCode(),
                "a body over maxPayload");
        assertEquals(400, request("POST", "EIO=4&transport=polling&sid=" + sid, "9nonsense").statusCode(),
                "a malformed packet");
        assertEquals(400, request("GET", "EIO=4&transport=polling&sid=" + sid, null).statusCode(),
                "the session ended with it");

        String connected = handshake();
        request("POST", "EIO=4&transport=polling&sid=" + connected, "40");
        request("GET", "EIO=4&transport=polling&sid=" + connected, null);
        assertEquals(200, request("POST", "EIO=4&transport=polling&sid=" + connected, "42{}").statusCode());
        assertEquals(400, request("GET", "EIO=4&transport=polling&sid=" + connected, null).statusCode(),
                "an invalid Socket.IO packet ends the session");

        assertTrue(bystander.unread("error").isEmpty());
        bystander.send("heartbeat", Json.createObjectBuilder());
        bystander.await("heartbeat-ack");
    }

    @Test
    void aFloodOfHandshakesFromOneAddressStopsAtItsShare() throws Exception {
        int opened = 0;
        int refused = 0;
        for (int i = 0; i < 40; i++) {
            HttpResponse<String> open = request("GET", "EIO=4&transport=polling", null);
            if (open.statusCode() == 200) {
                opened++;
            } else {
                assertEquals(403, open.statusCode());
                assertEquals("{\"code\":4,\"message\":\"Forbidden\"}", open.body());
                refused++;
            }
        }
        // The share is 20, held by the bystander's socket and the test's HTTP connection too.
        String counts = "sessions opened: " + opened + ", refused: " + refused;
        assertTrue(opened <= 20 && refused >= 20, counts);
        bystander.send("heartbeat", Json.createObjectBuilder());
        bystander.await("heartbeat-ack");
    }

    /**
     * A long-polling client polls once, then never again but posts a pong every second, while two clients of its
     * network relay 60 KB signals to it within the signal rate limit: what waits for its next poll counts in the
     * server's outbound total, and it is closed as a slow reader before it costs the server its memory.
     */
    @Test
    void aPollingClientThatStopsPollingIsHeldToTheOutboundBudget() throws Exception {
        stop();
        server = ServerProcess.start(Files.createDirectories(workDir.resolve("small-heap")), Map.of("PORT",
                String.valueOf(ServerProcess.freePort())), List.of("-Xmx128m", "-XX:+UseSerialGC")).awaitHealthy();
        bystander = null;
        String sid = handshake();
        String polling = "EIO=4&transport=polling&sid=" + sid;
        assertEquals(200, request("POST", polling, "40").statusCode());
        assertEquals(200, request("POST", polling,
                "42[\"join-wifi-network\",{\"networkName\":\"Polled\",\"userName\":\"Stalled\"}]").statusCode());
        assertTrue(request("GET", polling, null).body().contains("network-joined"), "its one poll");

        List<WsTestClient> senders = List.of(WsTestClient.connect(server.ws(), null), WsTestClient.connect(server.ws(), null));
        try {
            for (int i = 0; i < senders.size(); i++) {
                senders.get(i).join("Polled", "Sender" + i);
            }
            JsonObject all = senders.get(1).await("network-users-updated", d -> d.getJsonArray("users").size() == 3);
            String stalledId = HostileClientsContract.peerIdOf(all, "Stalled");
            int listsSeen = senders.get(0).received("network-users-updated").size();
            String signal = "{\"to\":\"" + stalledId + "\",\"signal\":{\"type\":\"candidate\",\"candidate\":\""
                    + "x".repeat(60_000) + "\"}}";
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            double mostHeld = 0;
            long mostHeap = 0;
            for (int round = 1; !HostileClientsContract.stalledAway(senders.get(0), listsSeen, stalledId)
                    && System.nanoTime() < deadline; round++) {
                for (WsTestClient sender : senders) {
                    sender.sendRaw("{\"event\":\"webrtc-signal\",\"data\":" + signal + "}");
                }
                Thread.sleep(12); // about 80 signals a second from each: under the limit of 100
                if (round % 80 == 0) {
                    request("POST", polling, "3"); // a pong nobody asked for, as a sign of life
                }
                if (round % 10 == 0) {
                    mostHeld = Math.max(mostHeld, server.metric("peershare_outbox_bytes"));
                    mostHeap = Math.max(mostHeap, server.stats().getJsonObject("memory")
                            .getJsonNumber("heapUsedBytes").longValue());
                }
            }
            assertTrue(HostileClientsContract.stalledAway(senders.get(0), listsSeen, stalledId),
                    "the client that stopped polling was closed (and is shown away: it may resume)");
            double held = mostHeld;
            assertTrue(held > 0, "what waited for its poll counted in the server's outbound total");
            assertTrue(held <= 4 * 1024 * 1024 + 64 * 1024, () -> "held " + held + " bytes for it");
            long heap = mostHeap;
            assertTrue(heap < 100L * 1024 * 1024, () -> "heap peaked at " + heap / 1024 / 1024 + " MB of 128");
            JsonObject closes = server.stats().getJsonObject("closes");
            assertEquals(1, closes.getInt("slowConsumer", 0), closes::toString);
            long settle = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (server.metric("peershare_outbox_bytes") > 0 && System.nanoTime() < settle) {
                Thread.sleep(20);
            }
            assertEquals(0.0, server.metric("peershare_outbox_bytes"), "its bytes went back to the budget");
            assertEquals(200, server.healthStatus());
            assertFalse(server.log().contains("OutOfMemoryError"), server.log());
        } finally {
            senders.forEach(WsTestClient::close);
        }
    }

    @Test
    void crossOriginRequestsAreLimitedToTheAllowedOrigins() throws Exception {
        stop();
        server = ServerProcess.start(Files.createDirectories(workDir.resolve("production")), Map.of("PORT", String.valueOf(ServerProcess.freePort()),
                "NODE_ENV", "production", "FRONTEND_URL", "https://share.example.com", "REQUIRE_ORIGIN", "true"),
                List.of()).awaitHealthy();
        bystander = null;
        HttpResponse<String> allowed = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                + "/socket.io/?EIO=4&transport=polling")).header("Origin", "https://share.example.com").build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, allowed.statusCode());
        assertEquals("https://share.example.com", allowed.headers().firstValue("access-control-allow-origin").orElse(""));
        assertEquals("true", allowed.headers().firstValue("access-control-allow-credentials").orElse(""));

        HttpResponse<String> foreign = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                + "/socket.io/?EIO=4&transport=polling")).header("Origin", "https://evil.example").build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, foreign.statusCode());
        assertEquals("{\"code\":4,\"message\":\"Forbidden\"}", foreign.body());
        assertTrue(foreign.headers().firstValue("access-control-allow-origin").isEmpty(), "no CORS for a foreign origin");
        assertEquals(200, request("GET", "EIO=4&transport=polling", null).statusCode(),
                "a poll without Origin is a same-origin page: browsers send none with a GET");
        try (RawWebSocket noOrigin = RawWebSocket.open(URI.create("ws://127.0.0.1:" + server.port()
                + "/socket.io/?EIO=4&transport=websocket"), 0)) {
            String status = noOrigin.handshake(URI.create("ws://127.0.0.1:" + server.port()
                    + "/socket.io/?EIO=4&transport=websocket"), null);
            assertTrue(status.startsWith("HTTP/1.1 403"), () -> "a WebSocket handshake without Origin: " + status);
        }

        HttpResponse<String> preflight = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                + "/socket.io/?EIO=4&transport=polling")).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://share.example.com").header("Access-Control-Request-Method", "POST").build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(204, preflight.statusCode());
        assertTrue(preflight.headers().firstValue("access-control-allow-methods").orElse("").contains("POST"));
    }
}
