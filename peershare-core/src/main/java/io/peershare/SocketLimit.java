package io.peershare;

import io.peershare.config.PeerShareConfig;
import io.peershare.internal.address.CidrRange;
import io.peershare.internal.limit.AddressGate;
import io.peershare.internal.limit.RateLimiter;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sockets each client address holds at a transport, handshaken or not, held to
 * {@link PeerShareConfig#maxConnectionsPerAddress()}: one address cannot use up the server's file descriptors with
 * connections that never finish their handshake. IPv6 addresses count per /64. Trusted proxies
 * ({@link PeerShareConfig#trustedProxies()}) are not limited here: the clients behind them are, by the engine, once
 * their handshake names them. An address that cools down after repeated abuse
 * ({@link PeerShareConfig#abuseCooldown()}) may open none: its sockets are closed before anything is read from them.
 *
 * <p>Transports that see sockets before the handshake (the Netty adapter, the reference server on Grizzly) call
 * {@link #tryOpen} when one is accepted and {@link #closed} when it goes. Threading: any thread.
 */
public final class SocketLimit {

    private final int maxPerAddress;
    private final List<CidrRange> unlimited;
    private final AddressGate gate;
    private final Map<String, Integer> open = new ConcurrentHashMap<>();

    SocketLimit(PeerShareConfig config, AddressGate gate) {
        this.maxPerAddress = config.maxConnectionsPerAddress();
        this.unlimited = config.trustedProxies().stream().map(CidrRange::parse).toList();
        this.gate = gate;
    }

    /**
     * Counts a new socket from {@code address}; {@code false}, counting nothing, if the address holds its most or
     * cools down.
     */
    public boolean tryOpen(InetAddress address) {
        if (isUnlimited(address)) {
            return true;
        }
        String addressKey = RateLimiter.addressKey(address);
        if (gate.coolingDown(addressKey)) {
            return false;
        }
        boolean[] admitted = {false};
        open.compute(addressKey, (key, count) -> {
            int now = count == null ? 0 : count;
            if (now >= maxPerAddress) {
                return count;
            }
            admitted[0] = true;
            return now + 1;
        });
        return admitted[0];
    }

    /** A socket {@link #tryOpen} admitted has closed. */
    public void closed(InetAddress address) {
        if (!isUnlimited(address)) {
            open.computeIfPresent(RateLimiter.addressKey(address), (key, count) -> count > 1 ? count - 1 : null);
        }
    }

    /** Sockets counted for {@code address} now. */
    public int openFrom(InetAddress address) {
        return open.getOrDefault(RateLimiter.addressKey(address), 0);
    }

    private boolean isUnlimited(InetAddress address) {
        for (CidrRange range : unlimited) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }
}
