package io.peershare.internal.limit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peershare.config.PeerShareConfig;
import io.peershare.config.RateLimit;
import io.peershare.internal.address.IpLiterals;
import io.peershare.model.EventClass;
import io.peershare.testing.ManualClock;
import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final ManualClock clock = new ManualClock();

    /** Connections may send 3 chat messages at once, refilled at 1 a second; an address 5, at 1 a second. */
    private final RateLimiter limiter = new RateLimiter(PeerShareConfig.builder()
            .connectionRateLimit(EventClass.CHAT, RateLimit.of(1, 3))
            .addressRateLimit(EventClass.CHAT, RateLimit.of(1, 5))
            .rateLimitStrikes(RateLimit.of(1, 2))
            .build());

    private static InetAddress ip(String literal) {
        return IpLiterals.parse(literal);
    }

    private RateLimiter.ConnectionLimits connect(String address) {
        return limiter.newConnection(ip(address), clock.millis());
    }

    private boolean chat(RateLimiter.ConnectionLimits connection) {
        return limiter.tryAcquire(connection, EventClass.CHAT, clock.millis());
    }

    private int chatUntilRefused(RateLimiter.ConnectionLimits connection) {
        int passed = 0;
        while (chat(connection)) {
            passed++;
        }
        return passed;
    }

    @Test
    void aConnectionMaySendItsBurst() {
        assertEquals(3, chatUntilRefused(connect("203.0.113.9")));
    }

    @Test
    void aConnectionIsRefilledOverTime() {
        RateLimiter.ConnectionLimits connection = connect("203.0.113.9");
        chatUntilRefused(connection);
        clock.advance(Duration.ofMillis(999));
        assertFalse(chat(connection));
        clock.advance(Duration.ofMillis(1));
        assertTrue(chat(connection));
    }

    @Test
    void eventClassesHaveSeparateBuckets() {
        RateLimiter.ConnectionLimits connection = connect("203.0.113.9");
        chatUntilRefused(connection);
        assertTrue(limiter.tryAcquire(connection, EventClass.SIGNAL, clock.millis()));
    }

    @Test
    void connectionsFromOneAddressShareTheAddressBucket() {
        RateLimiter.ConnectionLimits first = connect("203.0.113.9");
        RateLimiter.ConnectionLimits second = connect("203.0.113.9");
        assertEquals(3, chatUntilRefused(first));
        assertEquals(2, chatUntilRefused(second), "the address allows 5 in all");
    }

    @Test
    void differentAddressesHaveSeparateBuckets() {
        chatUntilRefused(connect("203.0.113.9"));
        chatUntilRefused(connect("203.0.113.9"));
        assertEquals(3, chatUntilRefused(connect("203.0.113.10")));
    }

    @Test
    void ipv6AddressesInOne64ShareABucket() {
        chatUntilRefused(connect("2001:db8:1:2::1"));
        assertEquals(2, chatUntilRefused(connect("2001:db8:1:2:ffff::9")));
    }

    @Test
    void ipv6AddressesInDifferent64sHaveSeparateBuckets() {
        chatUntilRefused(connect("2001:db8:1:2::1"));
        chatUntilRefused(connect("2001:db8:1:2::2"));
        assertEquals(3, chatUntilRefused(connect("2001:db8:1:3::1")));
    }

    @Test
    void theAddressKeyOfIpv6IsItsSlash64AndOfIpv4TheAddress() {
        assertEquals(RateLimiter.addressKey(ip("2001:db8:1:2::1")), RateLimiter.addressKey(ip("2001:db8:1:2:abcd::")));
        assertNotEquals(RateLimiter.addressKey(ip("203.0.113.9")), RateLimiter.addressKey(ip("203.0.113.10")));
        assertEquals("unknown", RateLimiter.addressKey(null));
    }

    @Test
    void anEventRefusedByTheAddressCostsTheConnectionNothing() {
        RateLimiter slowConnections = new RateLimiter(PeerShareConfig.builder()
                .connectionRateLimit(EventClass.CHAT, RateLimit.of(0.001, 3)) // practically no refill
                .addressRateLimit(EventClass.CHAT, RateLimit.of(1, 5))
                .build());
        InetAddress address = ip("203.0.113.9");
        RateLimiter.ConnectionLimits hog = slowConnections.newConnection(address, clock.millis());
        RateLimiter.ConnectionLimits hog2 = slowConnections.newConnection(address, clock.millis());
        RateLimiter.ConnectionLimits victim = slowConnections.newConnection(address, clock.millis());
        for (int i = 0; i < 3; i++) {
            slowConnections.tryAcquire(hog, EventClass.CHAT, clock.millis());
            slowConnections.tryAcquire(hog2, EventClass.CHAT, clock.millis());
        }
        for (int i = 0; i < 3; i++) {
            assertFalse(slowConnections.tryAcquire(victim, EventClass.CHAT, clock.millis()), "the address is spent");
        }
        clock.advance(Duration.ofSeconds(5)); // refills the address, not the connections
        for (int i = 0; i < 3; i++) {
            assertTrue(slowConnections.tryAcquire(victim, EventClass.CHAT, clock.millis()),
                    "the victim still has its whole burst: " + i);
        }
    }

    @Test
    void strikesAreCountedUntilTheAllowanceIsUsedUp() {
        RateLimiter.ConnectionLimits connection = connect("203.0.113.9");
        assertFalse(limiter.strike(connection, clock.millis()));
        assertFalse(limiter.strike(connection, clock.millis()));
        assertTrue(limiter.strike(connection, clock.millis()), "the third strike exceeds the allowance of 2");
    }

    @Test
    void strikesAreForgivenOverTime() {
        RateLimiter.ConnectionLimits connection = connect("203.0.113.9");
        limiter.strike(connection, clock.millis());
        limiter.strike(connection, clock.millis());
        clock.advance(Duration.ofSeconds(1));
        assertFalse(limiter.strike(connection, clock.millis()));
    }

    @Test
    void noAddressIsTrackedBeforeAnyEvent() {
        connect("203.0.113.9");
        assertEquals(0, limiter.purgeIdle(clock.millis()));
    }

    @Test
    void aRecentlyUsedAddressSurvivesThePurge() {
        chat(connect("203.0.113.9"));
        assertEquals(1, limiter.purgeIdle(clock.millis()));
    }

    @Test
    void anAddressIsForgottenOnceItsBucketsHaveRefilled() {
        chat(connect("203.0.113.9"));
        clock.advance(Duration.ofSeconds(1));
        assertEquals(0, limiter.purgeIdle(clock.millis()));
    }

    @Test
    void onlyIdleAddressesArePurged() {
        chat(connect("203.0.113.9"));
        clock.advance(Duration.ofSeconds(1));
        chatUntilRefused(connect("203.0.113.10"));
        assertEquals(1, limiter.purgeIdle(clock.millis()));
    }

    @Test
    void forgettingAnIdleAddressLosesNothing() {
        RateLimiter.ConnectionLimits connection = connect("203.0.113.9");
        chatUntilRefused(connection);
        clock.advance(Duration.ofSeconds(5));
        limiter.purgeIdle(clock.millis());
        assertEquals(3, chatUntilRefused(connection), "the connection's own burst, as with a remembered bucket");
        assertEquals(2, chatUntilRefused(connect("203.0.113.9")), "the address's fresh bucket had 5");
    }
}
