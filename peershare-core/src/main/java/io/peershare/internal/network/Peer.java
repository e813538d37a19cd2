package io.peershare.internal.network;

import io.peershare.internal.input.Rejection;
import io.peershare.internal.limit.RateLimiter.ConnectionLimits;
import io.peershare.protocol.ErrorCode;
import io.peershare.spi.Transport;
import jakarta.json.JsonObject;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A member a network can hold: one of this node's connections, or a member connected to another node of the
 * cluster, reached through a transport that publishes to that node. Either way the engine sends to it, checks
 * it and rate-limits it the same way.
 *
 * <p>Threading: {@link #membership} changes only while holding the monitors of the networks involved; joins and
 * explicit leaves also hold this peer's monitor first, so one peer's moves never interleave. It is volatile so
 * that any thread reads a current value (see {@link NetworkRegistry#disconnect}). {@link #lastSeenMillis} is
 * written by the connection's frame thread and read by the scheduler. The closed flag is set once.
 *
 * <p>A local peer outlives its first connection when it resumes: {@link #transport} is swapped by compare-and-set
 * only ({@link #attach}, {@link #detach}), so of a drop, a resume and the end of the grace racing for one peer,
 * exactly one wins each step. While the connection is lost the transport is {@link #AWAY}, which drops frames.
 */
public final class Peer {

    /** The transport of a peer whose connection was lost and who may resume: frames for it go nowhere. */
    public static final Transport AWAY = new DroppingTransport("away");
    /** The transport of a peer whose grace ended or who moved to another node: it can no longer be resumed. */
    public static final Transport GONE = new DroppingTransport("gone");

    private final String id;
    private final AtomicReference<Transport> transport;
    private volatile InetAddress clientAddress;
    private volatile ConnectionLimits limits;
    private final boolean remote;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Membership membership;
    private volatile long lastSeenMillis;
    /** When a refusal of this peer's frames was last logged; at most one line a minute per connection. */
    private volatile long lastLoggedMillis = Long.MIN_VALUE / 2;
    /** False while a member of another node cannot be reached (its cluster is unreachable). */
    private volatile boolean reachable = true;
    /** When the TURN credentials this peer was given expire, in epoch milliseconds; 0 when it has none. */
    private volatile long turnExpiresAtMillis;
    /** When the connection was lost, while {@link #AWAY}; -1 otherwise. */
    private volatile long awaySinceMillis = -1;
    /** How long the peer may stay away, from {@link #awaySinceMillis}: the resume grace, or less after a page close. */
    private volatile long awayGraceMillis;
    /** The SHA-256 of the peer's current resume token, or {@code null}; the token itself is never kept. */
    private volatile String resumeTokenHash;
    /** How the peer's transfers that ended while it was away ended; {@code null} until one does. */
    private List<JsonObject> missedEndings;
    /** The peer this connection resumed as: its frames and its close are that peer's from then on. */
    private volatile Peer resumedAs;

    private Peer(String id, Transport transport, InetAddress clientAddress, ConnectionLimits limits, boolean remote,
            long nowMillis) {
        this.id = id;
        this.transport = new AtomicReference<>(transport);
        this.clientAddress = clientAddress;
        this.limits = limits;
        this.remote = remote;
        this.lastSeenMillis = nowMillis;
    }

    /** A connection to this node. */
    public static Peer local(String id, Transport transport, InetAddress clientAddress, ConnectionLimits limits,
            long nowMillis) {
        return new Peer(id, transport, clientAddress, limits, false, nowMillis);
    }

    /** A member connected to another node, reached through {@code transport}. */
    public static Peer remote(String id, Transport transport, ConnectionLimits limits, long nowMillis) {
        return new Peer(id, transport, null, limits, true, nowMillis);
    }

    public String id() {
        return id;
    }

    /** Where this peer's frames go now: its connection, {@link #AWAY}, or its node's cluster transport. */
    public Transport transport() {
        return transport.get();
    }

    /** Replaces the transport if it still is {@code expected}; see the class comment. */
    public boolean swapTransport(Transport expected, Transport replacement) {
        return transport.compareAndSet(expected, replacement);
    }

    /** Whether the peer's connection is lost and it waits to resume. */
    public boolean isAway() {
        return transport.get() == AWAY;
    }

    /** When the connection was lost, or -1 while the peer is connected. */
    public long awaySinceMillis() {
        return awaySinceMillis;
    }

    /** Away since {@code millis} for at most {@code graceMillis}; {@code -1} when it is back. */
    public void awaySince(long millis, long graceMillis) {
        awayGraceMillis = graceMillis;
        awaySinceMillis = millis;
    }

    public long awayGraceMillis() {
        return awayGraceMillis;
    }

    public String resumeTokenHash() {
        return resumeTokenHash;
    }

    public void resumeTokenHash(String hash) {
        resumeTokenHash = hash;
    }

    /** A transfer of this away peer ended: kept (at most 32) to tell it when it resumes. */
    public synchronized void missedEnding(JsonObject transfer) {
        if (missedEndings == null) {
            missedEndings = new ArrayList<>();
        }
        if (missedEndings.size() < 32) {
            missedEndings.add(transfer);
        }
    }

    /** The endings kept while the peer was away, now told; empty when there were none. */
    public synchronized List<JsonObject> takeMissedEndings() {
        List<JsonObject> taken = missedEndings == null ? List.of() : missedEndings;
        missedEndings = null;
        return taken;
    }

    /** The peer this connection took over by resuming, or this peer. Read on every frame of the connection. */
    public Peer current() {
        Peer p = resumedAs;
        return p == null ? this : p;
    }

    /** From now on this connection speaks as {@code peer}: a resume adopted it. */
    public void resumedAs(Peer peer) {
        resumedAs = peer;
    }

    /** The resumed connection's address and limits become this peer's (its old connection is gone). */
    public void adoptConnection(Peer connection) {
        clientAddress = connection.clientAddress;
        limits = connection.limits;
    }

    /** The client's address after trusted proxies; {@code null} for remote members and unknown addresses. */
    public InetAddress clientAddress() {
        return clientAddress;
    }

    public ConnectionLimits limits() {
        return limits;
    }

    /** Whether this member is connected to another node. */
    public boolean isRemote() {
        return remote;
    }

    /** The network the peer is in and its names there, or {@code null}. */
    public Membership membership() {
        return membership;
    }

    /** The peer's membership, or a NOT_IN_NETWORK rejection. */
    public Membership requireMembership() {
        Membership m = membership;
        if (m == null) {
            throw new Rejection(ErrorCode.NOT_IN_NETWORK, "join a network first");
        }
        return m;
    }

    /** Caller holds the monitors of the networks involved. */
    void membership(Membership value) {
        membership = value;
    }

    /** Whether frames for this member can be delivered now; always true for this node's own connections. */
    public boolean isReachable() {
        return reachable;
    }

    /** Caller holds the monitor of the member's network, so every member sees the change in one order. */
    public void reachable(boolean value) {
        reachable = value;
    }

    /** This member, if frames can reach it now; otherwise a CLUSTER_UNAVAILABLE rejection. */
    public Peer requireReachable() {
        if (!reachable) {
            throw new Rejection(ErrorCode.CLUSTER_UNAVAILABLE,
                    "that peer is connected to another server, which cannot be reached right now; try again soon", "to");
        }
        return this;
    }

    /** This member, if its connection is up; otherwise a PEER_AWAY rejection (it may resume in a moment). */
    public Peer requirePresent() {
        if (isAway()) {
            throw new Rejection(ErrorCode.PEER_AWAY,
                    "that peer lost its connection and may be back in a few seconds; try again then", "to");
        }
        return this;
    }

    /**
     * Whether a line about this peer's refused frames may be logged now: at most one a minute, so that a client
     * cannot flood the log. Called from the peer's frame thread.
     */
    public boolean mayLog(long nowMillis) {
        if (nowMillis - lastLoggedMillis < 60_000) {
            return false;
        }
        lastLoggedMillis = nowMillis;
        return true;
    }

    public long lastSeenMillis() {
        return lastSeenMillis;
    }

    public void seen(long nowMillis) {
        lastSeenMillis = nowMillis;
    }

    public long turnExpiresAtMillis() {
        return turnExpiresAtMillis;
    }

    public void turnExpiresAt(long epochMillis) {
        turnExpiresAtMillis = epochMillis;
    }

    public boolean isClosed() {
        return closed.get();
    }

    /** Marks the peer closed; {@code true} only for the first caller. */
    public boolean markClosed() {
        return closed.compareAndSet(false, true);
    }
}
