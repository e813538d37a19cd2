package io.peershare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peershare.protocol.CloseCodes;
import io.peershare.testing.TestClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Rate limiting through the engine (issue item 9). */
class RateLimitTest {

    @Test
    void chatBeyondTheBurstIsRateLimitedAndRecoversWithTime() {
        try (EngineFixture fx = new EngineFixture(c -> c.connectionRateLimit(EventClass.CHAT, RateLimit.of(2, 3)))) {
            TestClient alice = fx.client().join("Home", "Alice");
            for (int i = 0; i < 4; i++) {
                alice.chat("m" + i);
            }
            assertEquals("RATE_LIMITED", alice.lastError().getString("code"));
            assertEquals("send-message", alice.lastError().getString("event"));
            assertEquals(3 + 1, alice.events("new-message").size(), "join message plus three chats");
            fx.clock.advance(Duration.ofMillis(500));
            alice.chat("one more");
            assertEquals("one more", alice.last("new-message").getJsonObject("data").getString("text"));
            assertEquals(1, fx.engine.stats().rateLimitHits());
        }
    }

    @Test
    void eventClassesHaveSeparateBuckets() {
        try (EngineFixture fx = new EngineFixture(c -> c.connectionRateLimit(EventClass.CHAT, RateLimit.of(1, 1)))) {
            TestClient alice = fx.client().join("Home", "Alice");
            TestClient bob = fx.client().join("Home", "Bob");
            alice.chat("one");
            alice.chat("two");
            assertEquals("RATE_LIMITED", alice.lastError().getString("code"));
            alice.signal(bob.peerId(), jakarta.json.Json.createObjectBuilder().add("type", "offer"));
            assertEquals(1, bob.events("webrtc-signal-received").size());
        }
    }

    @Test
    void connectionsFromOneAddressShareTheAddressBucket() {
        try (EngineFixture fx = new EngineFixture(c -> c.addressRateLimit(EventClass.CHAT, RateLimit.of(1, 4)))) {
            TestClient a = fx.client("203.0.113.5").join("Home", "A");
            TestClient b = fx.client("203.0.113.5").join("Home", "B");
            TestClient elsewhere = fx.client("198.51.100.5").join("Home", "C");
            a.chat("1");
            a.chat("2");
            b.chat("3");
            b.chat("4");
            b.chat("5");
            assertEquals("RATE_LIMITED", b.lastError().getString("code"));
            elsewhere.chat("other address is unaffected");
            assertTrue(elsewhere.errors().isEmpty());
        }
    }

    @Test
    void anEventTheAddressRefusesCostsTheConnectionNothing() {
        // The connection's bucket barely refills, so every one of its three tokens counts.
        try (EngineFixture fx = new EngineFixture(c -> c.addressRateLimit(EventClass.CHAT, RateLimit.of(10, 2))
                .connectionRateLimit(EventClass.CHAT, RateLimit.of(0.001, 3)))) {
            TestClient a = fx.client("203.0.113.5").join("Home", "A");
            TestClient b = fx.client("203.0.113.5").join("Home", "B");
            a.chat("1");
            a.chat("2");
            b.chat("refused by the address");
            assertEquals("RATE_LIMITED", b.lastError().getString("code"));
            fx.clock.advance(java.time.Duration.ofSeconds(1));
            b.chat("3");
            b.chat("4");
            fx.clock.advance(java.time.Duration.ofSeconds(1));
            b.chat("5");
            assertEquals(1, b.errors().size(), "all three of b's own tokens were left: " + b.errors());
        }
    }

    @Test
    void sustainedAbuseClosesTheConnectionWithTheDocumentedCode() {
        try (EngineFixture fx = new EngineFixture(c -> c.connectionRateLimit(EventClass.CONTROL, RateLimit.of(1, 5))
                .rateLimitStrikes(RateLimit.of(1, 10)))) {
            TestClient flooder = fx.client().join("Home", "Flood");
            TestClient neighbour = fx.client().join("Home", "Calm");
            for (int i = 0; i < 100 && !flooder.transport().isClosed(); i++) {
                flooder.sendRaw("{\"event\":\"heartbeat\"}");
            }
            assertEquals(CloseCodes.RATE_LIMIT_ABUSE, flooder.transport().closeCode());
            assertEquals(10, flooder.errors().stream().filter(e -> e.getString("code").equals("RATE_LIMITED")).count());
            assertEquals(1, neighbour.visiblePeers().size(), "the flooder left the network");
            assertFalse(neighbour.transport().isClosed());
            assertEquals(1L, fx.engine.stats().closes().get("rateLimitAbuse"));
        }
    }

    @Test
    void malformedFramesCountAgainstTheControlBucket() {
        try (EngineFixture fx = new EngineFixture(c -> c.connectionRateLimit(EventClass.CONTROL, RateLimit.of(1, 2)))) {
            TestClient client = fx.client();
            client.sendRaw("{");
            client.sendRaw("{");
            client.sendRaw("{");
            assertEquals("RATE_LIMITED", client.lastError().getString("code"));
        }
    }
}
