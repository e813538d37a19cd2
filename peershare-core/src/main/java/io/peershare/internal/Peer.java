package io.peershare.internal;

import io.peershare.Connection;
import io.peershare.spi.PeerInfo;
import io.peershare.spi.Transport;
import java.net.InetAddress;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One connection and what the engine knows about it.
 *
 * <p>Threading: {@link #membership} changes only while holding the monitors of the networks involved;
 * joins and explicit leaves also hold this peer's monitor first, so one peer's moves never interleave.
 * It is volatile so that any thread reads a current value; see {@link NetworkRegistry#disconnect}. {@link #lastSeenMillis} is written by the connection's frame thread and read by the
 * scheduler. Transfer bookkeeping is concurrent.
 */
final class Peer implements Connection {

    /** Where a peer is and under which name. Immutable; replaced as a whole. */
    record Membership(Network network, String userName, String deviceType) {
    }

    private final String id;
    private final Transport transport;
    private final InetAddress clientAddress;
    private final RateLimiter.ConnectionLimits limits;
    private final PeerShareEngine engine;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicInteger activeTransfers = new AtomicInteger();
    private final Set<Transfer> transfers = ConcurrentHashMap.newKeySet();
    private volatile Membership membership;
    private volatile long lastSeenMillis;
    /** The node a remote peer is connected to; null for this node's own connections. */
    private final String remoteNode;
    /** For a local peer: transfers it receives that another node owns, by transfer id, with that node. */
    private final Map<String, String> remoteTransferOwners = new ConcurrentHashMap<>();

    Peer(String id, Transport transport, InetAddress clientAddress, RateLimiter.ConnectionLimits limits,
            PeerShareEngine engine, long nowMillis) {
        this(id, transport, clientAddress, limits, engine, nowMillis, null);
    }

    /** A peer connected to another node of the cluster, reached through {@code transport}. */
    Peer(String id, Transport transport, RateLimiter.ConnectionLimits limits, PeerShareEngine engine, long nowMillis,
            String remoteNode) {
        this(id, transport, null, limits, engine, nowMillis, remoteNode);
    }

    private Peer(String id, Transport transport, InetAddress clientAddress, RateLimiter.ConnectionLimits limits,
            PeerShareEngine engine, long nowMillis, String remoteNode) {
        this.remoteNode = remoteNode;
        this.id = id;
        this.transport = transport;
        this.clientAddress = clientAddress;
        this.limits = limits;
        this.engine = engine;
        this.lastSeenMillis = nowMillis;
    }

    @Override
    public String peerId() {
        return id;
    }

    @Override
    public void receive(String frame) {
        EngineCall.run(() -> engine.receive(this, frame));
    }

    @Override
    public void closed() {
        // Possibly from inside one of the engine's own sends: see EngineCall.
        EngineCall.closeSoon(() -> engine.disconnect(this, 0, null, null));
    }

    String id() {
        return id;
    }

    boolean isRemote() {
        return remoteNode != null;
    }

    String remoteNode() {
        return remoteNode;
    }

    Map<String, String> remoteTransferOwners() {
        return remoteTransferOwners;
    }

    Transport transport() {
        return transport;
    }

    InetAddress clientAddress() {
        return clientAddress;
    }

    RateLimiter.ConnectionLimits limits() {
        return limits;
    }

    Membership membership() {
        return membership;
    }

    void membership(Membership value) {
        membership = value;
    }

    long lastSeenMillis() {
        return lastSeenMillis;
    }

    void seen(long nowMillis) {
        lastSeenMillis = nowMillis;
    }

    boolean isClosed() {
        return closed.get();
    }

    /** Marks the peer closed; {@code true} only for the first caller. */
    boolean markClosed() {
        return closed.compareAndSet(false, true);
    }

    Set<Transfer> transfers() {
        return transfers;
    }

    /** Reserves a transfer slot if fewer than {@code max} are in use. */
    boolean reserveTransferSlot(int max) {
        while (true) {
            int current = activeTransfers.get();
            if (current >= max) {
                return false;
            }
            if (activeTransfers.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    void releaseTransferSlot() {
        activeTransfers.decrementAndGet();
    }

    static PeerInfo info(String id, Membership m) {
        return new PeerInfo(id, m.userName(), m.deviceType(), m.network().key(), m.network().name());
    }
}
