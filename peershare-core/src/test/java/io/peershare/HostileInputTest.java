package io.peershare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peershare.config.PeerShareConfig;
import io.peershare.config.RateLimit;
import io.peershare.model.EventClass;
import io.peershare.protocol.CloseCodes;
import io.peershare.testing.TestClient;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a hostile client can no longer do to the engine: frames that escaped metering, churn that pushed the
 * conversation out of history, networks left behind, connections without bound.
 */
class HostileInputTest {

    private EngineFixture fx = new EngineFixture();

    @AfterEach
    void close() {
        fx.close();
    }

    private void restart(java.util.function.UnaryOperator<PeerShareConfig.Builder> config) {
        fx.close();
        fx = new EngineFixture(config);
    }

    private static List<String> texts(JsonObject historyEvent) {
        return historyEvent.getJsonObject("data").getJsonArray("messages").getValuesAs(JsonObject.class)
                .stream().map(m -> m.getString("text")).toList();
    }

    // --- every frame is metered

    @Test
    void jsonNestedDeeperThanAnyEventNeedsIsRefusedAsTooComplexAndCostsAToken() {
        TestClient client = fx.client();
        client.sendRaw("{\"event\":\"send-message\",\"data\":" + "[".repeat(1_000) + "]".repeat(1_000) + "}");
        assertEquals("FRAME_TOO_COMPLEX", client.lastError().getString("code"));
        assertEquals(1L, fx.engine.stats().errors().get("FRAME_TOO_COMPLEX"));
        assertEquals(1L, fx.engine.stats().framesReceived());
    }

    /**
     * Valid UTF-8 whose first four bytes look like UCS-4 to the parser's encoding detection (NUL, NUL, '{', NUL):
     * the parser refuses it before parsing, and that must be a malformed frame, not an exception out of the engine.
     * Found by InboundFuzzTest.
     */
    @Test
    void aFrameThatStartsLikeAnotherEncodingIsMalformedJsonAndTheConnectionCarriesOn() {
        TestClient client = fx.client().join("Home", "Alice");
        for (String frame : new String[] {"\u0000\u0000{\u0000", "\u0000{\u0000\u0000"}) {
            client.connection().receive(frame.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertEquals("MALFORMED_JSON", client.lastError().getString("code"));
        }
        client.chat("still here");
        assertEquals("still here", client.last("new-message").getJsonObject("data").getString("text"));
    }

    @Test
    void aNumberOfAThousandDigitsIsRefusedAsTooComplex() {
        TestClient client = fx.client().join("Home", "Alice");
        client.sendRaw("{\"event\":\"initiate-file-transfer\",\"data\":{\"to\":\"x\",\"fileName\":\"a\",\"fileSize\":"
                + "9".repeat(1_100) + "}}");
        assertEquals("FRAME_TOO_COMPLEX", client.lastError().getString("code"));
    }

    @Test
    void aFloodOfUnparseableFramesIsRateLimitedAndThenClosed() {
        TestClient client = fx.client();
        for (int i = 0; i < 200 && !client.transport().isClosed(); i++) {
            client.sendRaw("{\"event\":" + "[".repeat(500));
        }
        assertEquals(CloseCodes.RATE_LIMIT_ABUSE, client.transport().closeCode());
        assertTrue(fx.engine.stats().rateLimitHits() > 0);
    }

    @Test
    void aBinaryFrameIsCountedAndClosesTheConnectionWith1003() {
        TestClient alice = fx.client().join("Home", "Alice");
        TestClient bob = fx.client().join("Home", "Bob");
        bob.connection().receiveBinary(3);
        assertEquals(CloseCodes.UNSUPPORTED_DATA, bob.transport().closeCode());
        assertEquals(1L, fx.engine.stats().closes().get("binaryFrame"));
        assertEquals(List.of(alice.peerId()), alice.visiblePeers(), "the peer left its network at once");
    }

    @Test
    void closesTheTransportMakesItselfAreCountedByTheirCode() {
        TestClient slow = fx.client().join("Home", "Slow");
        slow.connection().closedByTransport(CloseCodes.SLOW_CONSUMER);
        slow.connection().closedByTransport(CloseCodes.SLOW_CONSUMER); // reported twice: counted once
        TestClient big = fx.client();
        big.connection().closedByTransport(CloseCodes.MESSAGE_TOO_BIG);
        assertEquals(1L, fx.engine.stats().closes().get("slowConsumer"));
        assertEquals(1L, fx.engine.stats().closes().get("messageTooBig"));
        fx.graceEnds();
        assertEquals(0, fx.engine.stats().users());
    }

    // --- history keeps the conversation

    @Test
    void joinAndLeaveChurnNeverPushesUsersMessagesOutOfHistory() {
        restart(c -> c.maxHistoryMessages(50).maxSystemMessages(10).resumeGrace(Duration.ZERO) // each drop a leave
                .connectionRateLimit(EventClass.CHAT, RateLimit.of(100, 100))
                .addressRateLimit(EventClass.JOIN, RateLimit.of(1_000, 1_000)));
        TestClient alice = fx.client().join("Home", "Alice");
        for (int i = 0; i < 30; i++) {
            alice.chat("message " + i);
        }
        for (int i = 0; i < 500; i++) {
            fx.client("192.168.1.20").join("Home", "Churn").close();
        }
        List<String> history = texts(fx.client().join("Home", "Late").last("message-history"));
        assertEquals(30, history.stream().filter(t -> t.startsWith("message ")).count(), "all 30 messages kept");
        assertTrue(history.size() <= 30 + 10, "system messages capped apart: " + history.size());
    }

    @Test
    void aNetworkNobodyIsInIsDroppedWithItsHistoryAfterTheRetention() {
        restart(c -> c.emptyNetworkRetention(Duration.ofMinutes(30)));
        TestClient alice = fx.client().join("Home", "Alice");
        alice.chat("remember me");
        alice.close();
        fx.scheduler.advance(Duration.ofMinutes(20));
        TestClient early = fx.client().join("Home", "Early");
        assertTrue(texts(early.last("message-history")).contains("remember me"), "kept while within the retention");
        early.close();

        fx.scheduler.advance(Duration.ofMinutes(40));
        assertEquals(0, fx.engine.stats().networks());
        assertEquals(0, fx.engine.stats().messagesStored());
        TestClient late = fx.client().join("Home", "Late");
        assertFalse(texts(late.last("message-history")).contains("remember me"));
    }

    @Test
    void anAddressMovingThroughNetworksGivesUpTheOneItLeftLongestAgo() {
        restart(c -> c.maxNetworksPerAddress(3));
        TestClient mover = fx.client("203.0.113.5");
        for (int i = 1; i <= 5; i++) {
            mover.join("Room" + i, "Mover");
            mover.chat("note " + i);
            fx.clock.advance(Duration.ofSeconds(2)); // within the join and chat rate limits
        }
        assertEquals(3, fx.engine.stats().networks(), "the address keeps at most three networks");
        TestClient other = fx.client("203.0.113.5");
        other.join("Room1", "Other");
        assertFalse(texts(other.last("message-history")).contains("note 1"), "the first room went with its history");
        other.close();
        fx.graceEnds();
        TestClient neighbour = fx.client("198.51.100.9");
        neighbour.join("Elsewhere", "Neighbour");
        assertTrue(neighbour.errors().isEmpty(), "another address is not counted with it");
    }

    @Test
    void anAddressWhoseNetworksAllHavePeopleInThemCannotMakeAnother() {
        restart(c -> c.maxNetworksPerAddress(2));
        fx.client("203.0.113.5").join("Room1", "A");
        fx.client("203.0.113.5").join("Room2", "B");
        TestClient third = fx.client("203.0.113.5");
        third.join("Room3", "C");
        assertEquals("TOO_MANY_NETWORKS", third.lastError().getString("code"));
        assertTrue(third.lastError().getString("message").contains("2 networks"),
                () -> third.lastError().toString());
        third.join("Room1", "C");
        assertEquals("Room1", third.last("network-joined").getJsonObject("data").getString("networkName"),
                "joining one it keeps is fine");
    }

    @Test
    void theHistorysBytesAreBoundedAndShownInTheStatistics() {
        restart(c -> c.maxHistoryBytesPerNetwork(64 * 1024).connectionRateLimit(EventClass.CHAT, RateLimit.of(1000, 1000)));
        TestClient alice = fx.client("203.0.113.5").join("Home", "Alice");
        String emoji = "\ud83d\ude00".repeat(2000);
        for (int i = 0; i < 100; i++) {
            alice.chat(emoji);
        }
        long bytes = fx.engine.stats().historyBytes();
        assertTrue(bytes > 56 * 1024 && bytes <= 64 * 1024, () -> "history bytes: " + bytes);
        assertEquals(bytes, fx.engine.stats().toJson().getJsonObject("messages").getJsonNumber("storedBytes")
                .longValue());
    }

    // --- connections per address

    @Test
    void anAddressMayHoldOnlyItsShareOfConnections() {
        restart(c -> c.maxConnectionsPerAddress(2));
        TestClient first = fx.client("203.0.113.5");
        TestClient second = fx.client("203.0.113.5");
        TestClient third = fx.client("203.0.113.5");
        TestClient elsewhere = fx.client("198.51.100.9");
        assertFalse(first.transport().isClosed() || second.transport().isClosed() || elsewhere.transport().isClosed());
        assertEquals(CloseCodes.TOO_MANY_CONNECTIONS, third.transport().closeCode());
        assertEquals(1L, fx.engine.stats().closes().get("tooManyConnections"));
        assertEquals(3, fx.engine.stats().connections());

        first.close();
        TestClient again = fx.client("203.0.113.5");
        assertFalse(again.transport().isClosed(), "a place freed by a close can be taken again");
    }
}
