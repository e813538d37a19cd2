package io.peershare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peershare.config.RateLimit;
import io.peershare.model.EventClass;
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

    // --- what an address may start

    @Test
    void anAddressThatConnectsTooFastIsToldToTryAgainLater() {
        try (EngineFixture fx = new EngineFixture(c -> c.addressConnectionRateLimit(RateLimit.of(2, 3)))) {
            for (int i = 0; i < 3; i++) {
                assertFalse(fx.client("203.0.113.5").transport().isClosed(), "within the burst");
            }
            TestClient fourth = fx.client("203.0.113.5");
            assertEquals(CloseCodes.TRY_AGAIN_LATER, fourth.transport().closeCode());
            assertTrue(fourth.transport().closeReason().contains("too many new connections"),
                    fourth.transport().closeReason());
            assertFalse(fx.client("198.51.100.5").transport().isClosed(), "another address is not counted with it");
            fx.clock.advance(Duration.ofMillis(500));
            assertFalse(fx.client("203.0.113.5").transport().isClosed(), "one more after half a second");
            assertEquals(1, fx.engine.stats().closes().get("tryAgainLater"));
        }
    }

    @Test
    void anAddressThatKeepsEarningAbuseClosesCoolsDownBeforeItMayConnectAgain() {
        try (EngineFixture fx = new EngineFixture(c -> c.abuseClosesBeforeCooldown(3)
                .abuseCooldown(Duration.ofSeconds(60)))) {
            java.net.InetAddress address = java.net.InetAddress.getByName("203.0.113.5");
            for (int i = 0; i < 4; i++) {
                TestClient abuser = fx.client("203.0.113.5");
                assertFalse(abuser.transport().isClosed(), "abuse number " + (i + 1) + " is still let in");
                abuser.connection().receiveBinary(3); // closed with 1003: abuse
                assertEquals(CloseCodes.UNSUPPORTED_DATA, abuser.transport().closeCode());
                fx.clock.advance(Duration.ofSeconds(1));
            }
            TestClient cooled = fx.client("203.0.113.5");
            assertEquals(CloseCodes.TRY_AGAIN_LATER, cooled.transport().closeCode());
            assertTrue(cooled.transport().closeReason().contains("cooling down"), cooled.transport().closeReason());
            assertFalse(fx.engine.socketLimit().tryOpen(address), "its sockets are refused when accepted");
            assertFalse(fx.client("198.51.100.5").transport().isClosed(), "another address is not affected");

            fx.clock.advance(Duration.ofSeconds(58)); // the last abuse was 59 s ago
            assertFalse(fx.engine.socketLimit().tryOpen(address), "a minute after the last abuse, not before");
            fx.clock.advance(Duration.ofSeconds(1));
            assertTrue(fx.engine.socketLimit().tryOpen(address));
            assertFalse(fx.client("203.0.113.5").transport().isClosed(), "welcome back");
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void closesThatAreNotAbuseDoNotCoolAnAddressDown() {
        try (EngineFixture fx = new EngineFixture(c -> c.abuseClosesBeforeCooldown(1))) {
            for (int i = 0; i < 5; i++) {
                TestClient client = fx.client("203.0.113.5").join("Home", "U" + i);
                client.connection().closedByTransport(CloseCodes.SLOW_CONSUMER); // a phone on a bad network
            }
            assertFalse(fx.client("203.0.113.5").transport().isClosed());
        }
    }

    @Test
    void httpRequestsOfOneAddressAreLimitedAndAFloodCoolsItDown() throws Exception {
        try (EngineFixture fx = new EngineFixture(c -> c.addressHttpRateLimit(RateLimit.of(1, 5))
                .rateLimitStrikes(RateLimit.of(1, 10)).abuseClosesBeforeCooldown(2))) {
            java.net.InetSocketAddress scraper = new java.net.InetSocketAddress("203.0.113.5", 50_000);
            java.net.InetSocketAddress other = new java.net.InetSocketAddress("198.51.100.5", 50_000);
            for (int i = 0; i < 5; i++) {
                assertTrue(fx.engine.tryHttpRequest(scraper, java.util.Map.of()), "within the burst");
            }
            assertFalse(fx.engine.tryHttpRequest(scraper, java.util.Map.of()), "past it: 429");
            assertTrue(fx.engine.tryHttpRequest(other, java.util.Map.of()));
            assertTrue(fx.engine.socketLimit().tryOpen(scraper.getAddress()), "a few refusals are no abuse");
            for (int i = 0; i < 40; i++) {
                fx.engine.tryHttpRequest(scraper, java.util.Map.of());
            }
            assertFalse(fx.engine.socketLimit().tryOpen(scraper.getAddress()), "a flood past its strikes cools it down");
            fx.clock.advance(Duration.ofSeconds(10));
            assertFalse(fx.engine.tryHttpRequest(scraper, java.util.Map.of()), "not even within its rate meanwhile");
        }
    }

    @Test
    void behindATrustedProxyTheHttpLimitIsPerClient() {
        try (EngineFixture fx = new EngineFixture(c -> c.addressHttpRateLimit(RateLimit.of(1, 2))
                .trustedProxies(java.util.List.of("10.0.0.1")))) {
            java.net.InetSocketAddress proxy = new java.net.InetSocketAddress("10.0.0.1", 50_000);
            java.util.Map<String, java.util.List<String>> alice = java.util.Map.of("X-Forwarded-For",
                    java.util.List.of("203.0.113.5"));
            java.util.Map<String, java.util.List<String>> bob = java.util.Map.of("X-Forwarded-For",
                    java.util.List.of("198.51.100.5"));
            assertTrue(fx.engine.tryHttpRequest(proxy, alice));
            assertTrue(fx.engine.tryHttpRequest(proxy, alice));
            assertFalse(fx.engine.tryHttpRequest(proxy, alice));
            assertTrue(fx.engine.tryHttpRequest(proxy, bob), "another client behind the same proxy");
        }
    }
}
