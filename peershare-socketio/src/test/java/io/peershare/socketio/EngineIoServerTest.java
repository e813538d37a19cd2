package io.peershare.socketio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peershare.PeerShare;
import io.peershare.config.PeerShareConfig;
import io.peershare.spi.Cancellable;
import io.peershare.spi.Scheduler;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Engine.IO server's answers, on a real engine, with time moved by hand. */
class EngineIoServerTest {

    private static final InetSocketAddress CLIENT = new InetSocketAddress("192.168.1.10", 40_000);

    /** A clock and a scheduler moved by hand: {@link #advance} runs the tick at each of its periods. */
    private static final class ManualTime extends Clock implements Scheduler {
        long millis = 1_000;
        final List<Runnable> tasks = new ArrayList<>();
        long period;

        @Override
        public Cancellable scheduleAtFixedRate(Runnable task, Duration every) {
            tasks.add(task);
            period = every.toMillis();
            return () -> tasks.remove(task);
        }

        void advance(long by) {
            for (long step = 0; step < by; step += period) {
                millis += Math.min(period, by - step);
                List.copyOf(tasks).forEach(Runnable::run);
            }
        }

        @Override
        public long millis() {
            return millis;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private final ManualTime time = new ManualTime();
    private final PeerShare engine = PeerShare.builder()
            .config(PeerShareConfig.builder().maxConnectionsPerAddress(3).build()).build();
    private final EngineIoServer server = new EngineIoServer(engine, new EngineIoSettings(300, 200, 1_000, 16), time,
            time);

    @AfterEach
    void close() {
        server.close();
        engine.close();
    }

    private EngineIoServer.Answer request(String method, String query, String body) {
        Map<String, String> params = new HashMap<>();
        for (String pair : query.split("&")) {
            if (!pair.isEmpty()) {
                String[] kv = pair.split("=", 2);
                params.put(kv[0], kv.length > 1 ? kv[1] : "");
            }
        }
        EngineIoServer.Answer[] answer = new EngineIoServer.Answer[1];
        server.handleHttp(method, params, body, CLIENT, Map.of(), a -> answer[0] = a);
        return answer[0];
    }

    private String handshake() {
        EngineIoServer.Answer open = request("GET", "EIO=4&transport=polling", null);
        assertEquals(200, open.status());
        String body = open.body();
        return body.substring(body.indexOf("\"sid\":\"") + 7, body.indexOf("\",\"upgrades\""));
    }

    @Test
    void theHandshakeOpensASessionAndOffersTheUpgrade() {
        EngineIoServer.Answer open = request("GET", "EIO=4&transport=polling&t=Nx1a2b3", null);
        assertEquals(200, open.status());
        assertTrue(open.body().matches("0\\{\"sid\":\"[A-Za-z0-9_-]{20}\",\"upgrades\":\\[\"websocket\"],"
                + "\"pingInterval\":300,\"pingTimeout\":200,\"maxPayload\":1000}"), open.body());
        assertEquals(1, server.sessionCount());
    }

    @Test
    void badHandshakesGetTheSpecificationsErrors() {
        assertEquals(new EngineIoServer.Answer(400, "application/json", "{\"code\":0,\"message\":\"Transport unknown\"}"),
                request("GET", "EIO=4&transport=carrier-pigeon", null));
        assertEquals("{\"code\":0,\"message\":\"Transport unknown\"}", request("GET", "EIO=4", null).body());
        assertEquals("{\"code\":2,\"message\":\"Bad handshake method\"}",
                request("POST", "EIO=4&transport=polling", "").body());
        assertEquals("{\"code\":5,\"message\":\"Unsupported protocol version\"}",
                request("GET", "EIO=3&transport=polling", null).body());
        assertEquals("{\"code\":5,\"message\":\"Unsupported protocol version\"}",
                request("GET", "transport=polling", null).body());
        assertEquals("{\"code\":1,\"message\":\"Session ID unknown\"}",
                request("GET", "EIO=4&transport=polling&sid=nope", null).body());
        assertEquals("{\"code\":3,\"message\":\"Bad request\"}",
                request("GET", "EIO=4&transport=websocket", null).body(), "a WebSocket handshake needs the upgrade");
        assertEquals(0, server.sessionCount());
    }

    @Test
    void aSocketIoClientConnectsAndJoinsOverPolling() {
        String sid = handshake();
        assertEquals(new EngineIoServer.Answer(200, "text/html", "ok"),
                request("POST", "EIO=4&transport=polling&sid=" + sid, "40"));
        String connected = request("GET", "EIO=4&transport=polling&sid=" + sid, null).body();
        assertTrue(connected.matches("40\\{\"sid\":\"[A-Za-z0-9_-]{20}\"}"), connected);

        request("POST", "EIO=4&transport=polling&sid=" + sid,
                "42[\"join-wifi-network\",{\"networkName\":\"Home\",\"userName\":\"Alice\"}]");
        String joined = request("GET", "EIO=4&transport=polling&sid=" + sid, null).body();
        assertTrue(joined.startsWith("42[\"network-joined\",{"), joined);
        assertTrue(joined.contains("\u001e42[\"network-users-updated\""), joined);
    }

    @Test
    void aBodyOverTheLimitIs413AndTheSessionLives() {
        String sid = handshake();
        assertEquals(413, request("POST", "EIO=4&transport=polling&sid=" + sid, "4" + "x".repeat(1_000)).status());
        assertEquals(200, request("POST", "EIO=4&transport=polling&sid=" + sid, "40").status());
    }

    @Test
    void aSecondPollWhileOneIsHeldIs400AndEndsTheSession() {
        String sid = handshake();
        List<EngineIoServer.Answer> first = new ArrayList<>();
        Map<String, String> poll = Map.of("EIO", "4", "transport", "polling", "sid", sid);
        server.handleHttp("GET", poll, null, CLIENT, Map.of(), first::add);
        assertTrue(first.isEmpty(), "held: nothing to say");
        assertEquals(400, request("GET", "EIO=4&transport=polling&sid=" + sid, null).status());
        assertEquals("1", first.get(0).body());
        time.advance(600);
        assertEquals("{\"code\":1,\"message\":\"Session ID unknown\"}",
                request("GET", "EIO=4&transport=polling&sid=" + sid, null).body());
    }

    @Test
    void aClientThatStopsAnsweringPingsIsGone() {
        String sid = handshake();
        List<EngineIoServer.Answer> held = new ArrayList<>();
        server.handleHttp("GET", Map.of("EIO", "4", "transport", "polling", "sid", sid), null, CLIENT, Map.of(),
                held::add);
        time.advance(300);
        assertEquals("2", held.get(0).body(), "a ping after the interval");
        time.advance(250);
        assertNull(server.checkUpgrade(Map.of("EIO", "4", "transport", "websocket")));
        assertEquals("{\"code\":1,\"message\":\"Session ID unknown\"}",
                request("GET", "EIO=4&transport=polling&sid=" + sid, null).body(), "no pong within 200 ms");
    }

    @Test
    void oneAddressHoldsAtMostItsShareOfSessions() {
        String first = handshake();
        handshake();
        handshake();
        assertEquals(new EngineIoServer.Answer(403, "application/json", "{\"code\":4,\"message\":\"Forbidden\"}"),
                request("GET", "EIO=4&transport=polling", null), "the fourth session from one address");
        request("POST", "EIO=4&transport=polling&sid=" + first, "1"); // the client closes one
        assertEquals("6", request("GET", "EIO=4&transport=polling&sid=" + first, null).body(), "its last poll");
        assertEquals(200, request("GET", "EIO=4&transport=polling", null).status(), "its share is back");
    }

    @Test
    void aSessionThatNeverConnectsIsClosed() {
        String idle = handshake();
        String connected = handshake();
        request("POST", "EIO=4&transport=polling&sid=" + connected, "40");
        PollingClient idleClient = new PollingClient(idle);
        PollingClient connectedClient = new PollingClient(connected);
        for (int i = 0; i < 460; i++) { // 46 s, both polling and answering pings meanwhile
            time.advance(100);
            idleClient.keepUp();
            connectedClient.keepUp();
        }
        assertEquals("{\"code\":1,\"message\":\"Session ID unknown\"}",
                request("GET", "EIO=4&transport=polling&sid=" + idle, null).body(), "no CONNECT within 45 s");
        assertEquals(200, request("POST", "EIO=4&transport=polling&sid=" + connected, "3").status());
    }

    /** A client that always has a poll held, and answers each ping it receives with a pong. */
    private final class PollingClient {
        private final String sid;
        private final List<EngineIoServer.Answer> answered = new ArrayList<>();

        PollingClient(String sid) {
            this.sid = sid;
            poll();
        }

        void keepUp() {
            if (answered.isEmpty()) {
                return; // its poll is held
            }
            EngineIoServer.Answer answer = answered.remove(0);
            if (answer.status() != 200) {
                return; // the session is gone
            }
            if (answer.body().contains("2")) {
                request("POST", "EIO=4&transport=polling&sid=" + sid, "3");
            }
            poll();
        }

        private void poll() {
            server.handleHttp("GET", Map.of("EIO", "4", "transport", "polling", "sid", sid), null, CLIENT, Map.of(),
                    answered::add);
        }
    }

    @Test
    void aClientThatStopsPollingIsClosedWhateverItPosts() {
        String sid = handshake();
        request("POST", "EIO=4&transport=polling&sid=" + sid, "40");
        for (int i = 0; i < 4; i++) { // 400 ms, pongs and messages posted, no poll
            time.advance(100);
            assertEquals(200, request("POST", "EIO=4&transport=polling&sid=" + sid, "3").status());
        }
        time.advance(100);
        assertEquals("{\"code\":1,\"message\":\"Session ID unknown\"}",
                request("POST", "EIO=4&transport=polling&sid=" + sid, "3").body(),
                "ended the ping interval plus the ping timeout after its last poll");
        assertEquals(0, server.sessionCount());
    }
}
