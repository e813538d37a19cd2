package io.peershare.internal.limit;

import io.peershare.config.PeerShareConfig;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a client address may start, beside what it already holds: new connections
 * ({@link PeerShareConfig#addressConnectionRateLimit()}), HTTP requests to the host's endpoints
 * ({@link PeerShareConfig#addressHttpRateLimit()}), and nothing at all while it cools down. An address cools down for
 * {@link PeerShareConfig#abuseCooldown()} once it has earned more than
 * {@link PeerShareConfig#abuseClosesBeforeCooldown()} closes for abuse within about that long (or kept making HTTP
 * requests past its strikes): without it, a client closed for abuse reconnects at once and starts again, and the
 * server reads and decodes everything it sends each time.
 *
 * <p>Addresses are keys as {@link RateLimiter#addressKey} makes them (IPv4 as is, IPv6 by /64). Threading: concurrent
 * maps of thread-safe buckets; any thread. {@link #purgeIdle} runs on the scheduler thread.
 */
public final class AddressGate {

    private final Clock clock;
    private final long cooldownMillis;
    private final AddressBuckets connections;
    private final AddressBuckets requests;
    private final AddressBuckets requestStrikes;
    private final AddressBuckets abuse;
    /** Addresses cooling down, with when they may connect again. */
    private final Map<String, Long> coolingUntil = new ConcurrentHashMap<>();

    public AddressGate(PeerShareConfig config, Clock clock) {
        this.clock = clock;
        this.cooldownMillis = config.abuseCooldown().toMillis();
        this.connections = new AddressBuckets(config.addressConnectionRateLimit());
        this.requests = new AddressBuckets(config.addressHttpRateLimit());
        this.requestStrikes = new AddressBuckets(config.rateLimitStrikes());
        int closes = config.abuseClosesBeforeCooldown();
        this.abuse = new AddressBuckets(io.peershare.config.RateLimit.of(closes * 1000.0 / cooldownMillis, closes));
    }

    /**
     * Whether the address may open one more connection now; {@code null} if it may, otherwise why not, for the
     * client (said in the close's reason).
     */
    public String refuseConnection(String addressKey) {
        long now = clock.millis();
        long cooling = coolingFor(addressKey, now);
        if (cooling > 0) {
            return "your address is cooling down after repeated abuse: try again in " + seconds(cooling) + " s";
        }
        if (!connections.tryTake(addressKey, now)) {
            return "too many new connections from your address: try again in a few seconds";
        }
        return null;
    }

    /** Whether the address cools down now: its new sockets are refused before anything is read from them. */
    public boolean coolingDown(String addressKey) {
        return coolingFor(addressKey, clock.millis()) > 0;
    }

    /**
     * Whether the address may make one more HTTP request now. Past the rate, each refused request is a strike; an
     * address that goes on past its strikes counts as abusive.
     */
    public boolean tryRequest(String addressKey) {
        long now = clock.millis();
        if (coolingFor(addressKey, now) > 0) {
            return false;
        }
        if (requests.tryTake(addressKey, now)) {
            return true;
        }
        if (!requestStrikes.tryTake(addressKey, now)) {
            abused(addressKey);
        }
        return false;
    }

    /** The address earned a close for abuse; past its allowance it cools down from now. */
    public void abused(String addressKey) {
        long now = clock.millis();
        if (!abuse.tryTake(addressKey, now)) {
            coolingUntil.merge(addressKey, now + cooldownMillis, Math::max);
        }
    }

    /** Forgets buckets that have refilled and cooldowns that are over. Scheduler thread. */
    public void purgeIdle() {
        long now = clock.millis();
        connections.purgeFull(now);
        requests.purgeFull(now);
        requestStrikes.purgeFull(now);
        abuse.purgeFull(now);
        coolingUntil.values().removeIf(until -> until <= now);
    }

    private long coolingFor(String addressKey, long now) {
        Long until = coolingUntil.get(addressKey);
        return until == null ? 0 : until - now;
    }

    private static long seconds(long millis) {
        return (millis + 999) / 1000;
    }
}
