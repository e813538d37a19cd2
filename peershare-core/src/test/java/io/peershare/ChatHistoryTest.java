package io.peershare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peershare.config.RateLimit;
import io.peershare.model.EventClass;
import io.peershare.testing.TestClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Chat and history (issue item 4). */
class ChatHistoryTest {

    private final EngineFixture fx = new EngineFixture();

    @AfterEach
    void close() {
        fx.close();
    }

    private static List<String> texts(JsonObject historyEvent) {
        return historyEvent.getJsonObject("data").getJsonArray("messages").getValuesAs(JsonObject.class)
                .stream().map(m -> m.getString("text")).toList();
    }

    @Test
    void messageGoesToEveryMemberIncludingTheSenderWithServerIdAndTimestamp() {
        TestClient alice = fx.client().join("Home", "Alice");
        TestClient bob = fx.client().join("Home", "Bob");
        TestClient outsider = fx.client().join("Work", "Olga");
        outsider.clear();
        alice.send("send-message", Json.createObjectBuilder().add("text", "  hello  "), "m1");

        JsonObject bobCopy = bob.last("new-message").getJsonObject("data");
        JsonObject aliceCopy = alice.last("new-message");
        assertEquals("m1", aliceCopy.getString("requestId"));
        assertFalse(bob.last("new-message").containsKey("requestId"));
        assertEquals("hello", bobCopy.getString("text"));
        assertEquals("user", bobCopy.getString("type"));
        assertEquals(alice.peerId(), bobCopy.getString("peerId"));
        assertEquals("Alice", bobCopy.getString("userName"));
        assertEquals(fx.clock.millis(), bobCopy.getJsonNumber("timestamp").longValue());
        assertEquals(aliceCopy.getJsonObject("data").getString("id"), bobCopy.getString("id"));
        assertTrue(outsider.transport().frames().isEmpty(), "another network hears nothing");
    }

    @Test
    void lateJoinerGetsHistoryIncludingSystemMessagesOldestFirst() {
        TestClient alice = fx.client().join("Home", "Alice");
        alice.chat("first");
        TestClient bob = fx.client().join("Home", "Bob");
        bob.chat("second");
        bob.close();
        fx.graceEnds();
        TestClient carol = fx.client().join("Home", "Carol");
        assertEquals(List.of("Alice joined the network", "first", "Bob joined the network", "second",
                "Bob left the network"), texts(carol.last("message-history")));
        JsonObject system = carol.last("message-history").getJsonObject("data").getJsonArray("messages").getJsonObject(0);
        assertEquals("system", system.getString("type"));
        assertFalse(system.containsKey("peerId"), "system messages have no peerId");
    }

    @Test
    void historyIsPerNetwork() {
        fx.client().join("Home", "Alice").chat("home secret");
        TestClient visitor = fx.client().join("Work", "Vic");
        assertEquals(List.of(), texts(visitor.last("message-history")));
    }

    @Test
    void historyKeepsOnlyTheConfiguredNumberOfUsersMessagesBesideTheSystemMessages() {
        try (EngineFixture small = new EngineFixture(c -> c.maxHistoryMessages(3))) {
            TestClient alice = small.client().join("Home", "Alice");
            for (int i = 1; i <= 5; i++) {
                alice.chat("m" + i);
                small.clock.advance(Duration.ofSeconds(1)); // stay under the chat rate limit
            }
            TestClient bob = small.client().join("Home", "Bob");
            assertEquals(List.of("Alice joined the network", "m3", "m4", "m5"), texts(bob.last("message-history")),
                    "system messages are kept apart: they neither count against users' messages nor are evicted by them");
        }
    }

    @Test
    void thousandMessageDefaultBoundHolds() {
        try (EngineFixture fast = new EngineFixture(c -> c.connectionRateLimit(EventClass.CHAT, RateLimit.of(1e6, 1_000_000))
                .addressRateLimit(EventClass.CHAT, RateLimit.of(1e6, 1_000_000)))) {
            TestClient alice = fast.client().join("Home", "Alice");
            for (int i = 0; i < 1_100; i++) {
                alice.chat("m" + i);
            }
            List<String> history = texts(fast.client().join("Home", "Bob").last("message-history"));
            assertEquals(1001, history.size(), "1000 users' messages and Alice's join");
            assertEquals("m100", history.get(1));
            assertEquals("m1099", history.get(1000));
        }
    }

    @Test
    void expiredMessagesAreNotHandedOutEvenBeforeTheCleanupRuns() {
        TestClient alice = fx.client().join("Home", "Alice");
        alice.chat("old news");
        fx.clock.advance(Duration.ofHours(23)); // the clock alone: no cleanup, no heartbeat sweep
        alice.chat("fresh");
        fx.clock.advance(Duration.ofHours(1).plusSeconds(1));
        TestClient bob = fx.client().join("Home", "Bob");
        assertEquals(List.of("fresh"), texts(bob.last("message-history")));
    }

    @Test
    void cleanupPurgesExpiredMessagesAndThenTheEmptyNetwork() {
        TestClient alice = fx.client().join("Home", "Alice");
        alice.chat("hello");
        alice.close();
        fx.scheduler.advance(Duration.ofHours(1));
        assertEquals(1, fx.engine.stats().networks(), "an empty network with history is kept");
        assertEquals(3, fx.engine.stats().messagesStored());
        fx.scheduler.advance(Duration.ofHours(24));
        assertEquals(0, fx.engine.stats().networks());
        assertEquals(0, fx.engine.stats().messagesStored());
    }

    @Test
    void retentionIsConfigurable() {
        try (EngineFixture shortMemory = new EngineFixture(c -> c.messageRetention(Duration.ofMinutes(10)))) {
            shortMemory.client().join("Home", "Alice").chat("soon gone");
            shortMemory.clock.advance(Duration.ofMinutes(11));
            assertEquals(List.of(), texts(shortMemory.client().join("Home", "Bob").last("message-history")));
        }
    }

    @Test
    void chatBeforeJoiningIsRefused() {
        TestClient lurker = fx.client();
        lurker.send("send-message", Json.createObjectBuilder().add("text", "hi"), "7");
        JsonObject error = lurker.lastError();
        assertEquals("NOT_IN_NETWORK", error.getString("code"));
        assertEquals("send-message", error.getString("event"));
        assertEquals("7", error.getString("requestId"));
    }

    @Test
    void messageTextIsCleanedAndKeepsLineBreaks() {
        TestClient alice = fx.client().join("Home", "Alice");
        alice.chat("line one\nline\u202E two\u0007");
        assertEquals("line one\nline two", alice.last("new-message").getJsonObject("data").getString("text"));
    }
}
