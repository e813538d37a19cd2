package io.peershare.internal.limit;

import io.peershare.config.PeerShareConfig;
import io.peershare.internal.address.AddressGroups;
import io.peershare.model.EventClass;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets per connection and per client address, for each {@link EventClass}. An event passes only
 * if both its connection's and its address's bucket have a token. IPv6 clients are limited per /64,
 * since one host can hold a whole /64.
 *
 * <p>Threading: per-connection buckets belong to one {@link Peer}; address buckets live in a concurrent map
 * shared by all threads and are dropped by {@link #purgeIdle} (scheduler thread) once they are full again,
 * which loses nothing: a full bucket is what a new one would be.
 */
public final class RateLimiter {

    private final PeerShareConfig config;
    private final Map<String, EnumMap<EventClass, TokenBucket>> addresses = new ConcurrentHashMap<>();

    public RateLimiter(PeerShareConfig config) {
        this.config = config;
    }

    /** The limits of one new connection. */
    public ConnectionLimits newConnection(InetAddress clientAddress, long nowMillis) {
        EnumMap<EventClass, TokenBucket> buckets = new EnumMap<>(EventClass.class);
        for (EventClass c : EventClass.values()) {
            buckets.put(c, new TokenBucket(config.connectionRateLimit(c), nowMillis));
        }
        return new ConnectionLimits(addressKey(clientAddress), buckets, new TokenBucket(config.rateLimitStrikes(), nowMillis));
    }

    /**
     * Takes a token for one event from the connection's bucket and the address's; when the address refuses,
     * the connection's token is given back, so a refused event costs the connection nothing.
     */
    public boolean tryAcquire(ConnectionLimits limits, EventClass eventClass, long nowMillis) {
        TokenBucket own = limits.buckets.get(eventClass);
        if (!own.tryTake(nowMillis)) {
            return false;
        }
        EnumMap<EventClass, TokenBucket> shared = addresses.computeIfAbsent(limits.addressKey, k -> newAddressBuckets(nowMillis));
        if (shared.get(eventClass).tryTake(nowMillis)) {
            return true;
        }
        own.giveBack();
        return false;
    }

    /** Records one refused event; returns {@code true} when the connection has used up its strikes. */
    public boolean strike(ConnectionLimits limits, long nowMillis) {
        return !limits.strikes.tryTake(nowMillis);
    }

    /** Forgets address buckets that have refilled completely. Returns how many addresses are still tracked. */
    public int purgeIdle(long nowMillis) {
        addresses.values().removeIf(buckets -> buckets.values().stream().allMatch(b -> b.isFull(nowMillis)));
        return addresses.size();
    }

    private EnumMap<EventClass, TokenBucket> newAddressBuckets(long nowMillis) {
        EnumMap<EventClass, TokenBucket> buckets = new EnumMap<>(EventClass.class);
        for (EventClass c : EventClass.values()) {
            buckets.put(c, new TokenBucket(config.addressRateLimit(c), nowMillis));
        }
        return buckets;
    }

    public static String addressKey(InetAddress address) {
        if (address == null) {
            return "unknown";
        }
        return address instanceof Inet6Address ? AddressGroups.prefix64(address) : address.getHostAddress();
    }

    /** One connection's buckets. */
    public static final class ConnectionLimits {
        private final String addressKey;
        private final EnumMap<EventClass, TokenBucket> buckets;
        private final TokenBucket strikes;

        private ConnectionLimits(String addressKey, EnumMap<EventClass, TokenBucket> buckets, TokenBucket strikes) {
            this.addressKey = addressKey;
            this.buckets = buckets;
            this.strikes = strikes;
        }

        /** The client's address as limits count it: IPv4 as is, IPv6 by /64, "unknown" when not known. */
        public String addressKey() {
            return addressKey;
        }
    }
}
