package io.peershare.internal.peers;

import io.peershare.internal.limit.AddressGate;
import io.peershare.internal.network.ClusterLink;
import io.peershare.internal.network.NetworkRegistry;
import io.peershare.internal.network.Peer;
import io.peershare.internal.network.ResumeTokens;
import io.peershare.internal.stats.EngineStats;
import io.peershare.internal.transfer.TransferCoordinator;
import io.peershare.protocol.CloseCodes;
import io.peershare.spi.Transport;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Longer than 300 lines because connected and away peers share its maps, its address slots and one locking
 * discipline: split in two, each half would reach into the other's maps, and the races between a drop, a resume and
 * the end of the grace would span two files.
 *
 * <p>This node's peers: those connected now, and those whose connection dropped and who wait, <em>away</em>, for the
 * client to resume on a new one. A new connection is added; a connection that drops leaves its peer away for the
 * grace if the peer is in a network, otherwise the peer leaves at once; a peer still away when the grace ends
 * leaves as if it had just closed; connections silent for too long are closed.
 *
 * <p>Threading: concurrent maps. A connection is closed by whichever thread notices first (its transport, the
 * sweep, rate-limit abuse, shutdown). Each peer's transport only changes by compare-and-set ({@link Peer}), and a
 * connection's close is resolved under the monitor of the peer it was opened as, which a resume also holds while it
 * hands the connection to the peer it resumes: so a close is never lost between the two. The peer's closed flag
 * lets exactly one thread make it leave.
 */
public final class PeerTable {

    private static final System.Logger LOG = System.getLogger(PeerTable.class.getName());
    /**
     * The grace of a peer whose client closed with 1001 (its page was closed, reloaded or left), when shorter than the
     * resume grace: a reload is back within a second or two, and a closed tab should not look away for long.
     */
    public static final long PAGE_GONE_GRACE_MILLIS = 5_000;

    private final NetworkRegistry registry;
    private final TransferCoordinator transfers;
    private final EngineStats stats;
    private final ResumeTokens tokens;
    private final ClusterLink cluster;
    private final AddressSlots slots;
    private final AddressGate gate;
    private final long graceMillis;
    private final Map<String, Peer> peers = new ConcurrentHashMap<>();
    private final Map<String, Peer> away = new ConcurrentHashMap<>();
    private volatile boolean shuttingDown;

    public PeerTable(NetworkRegistry registry, TransferCoordinator transfers, EngineStats stats, ResumeTokens tokens,
            ClusterLink cluster, int maxPerAddress, AddressGate gate, long graceMillis) {
        this.registry = registry;
        this.transfers = transfers;
        this.stats = stats;
        this.tokens = tokens;
        this.cluster = cluster;
        this.slots = new AddressSlots(maxPerAddress);
        this.gate = gate;
        this.graceMillis = graceMillis;
    }

    /**
     * Adds a new connection, unless its address opens connections too fast or cools down ({@link AddressGate}): then
     * it is closed with {@link CloseCodes#TRY_AGAIN_LATER}; or unless its address already has
     * {@code maxConnectionsPerAddress} open: then with {@link CloseCodes#TOO_MANY_CONNECTIONS}. False when refused.
     */
    public boolean add(Peer peer) {
        String refused = gate.refuseConnection(peer.limits().addressKey());
        if (refused != null) {
            peer.markClosed();
            stats.closed(CloseCodes.statisticName(CloseCodes.TRY_AGAIN_LATER));
            peer.transport().close(CloseCodes.TRY_AGAIN_LATER, refused);
            return false;
        }
        if (!slots.take(peer)) {
            peer.markClosed();
            stats.closed(CloseCodes.statisticName(CloseCodes.TOO_MANY_CONNECTIONS));
            peer.transport().close(CloseCodes.TOO_MANY_CONNECTIONS, "too many connections from your address");
            return false;
        }
        peers.put(peer.id(), peer);
        return true;
    }

    /** The connected local peer with this id, or {@code null}. */
    public Peer get(String peerId) {
        return peers.get(peerId);
    }

    /** The local peer with this id, connected or away, or {@code null}. */
    public Peer local(String peerId) {
        Peer p = peers.get(peerId);
        return p != null ? p : away.get(peerId);
    }

    /**
     * The engine closes a connection (abuse, a binary frame, shutdown): the peer leaves its network at once and its
     * transfers fail; the transport is closed with {@code closeCode} and the close counted under {@code statReason}.
     * Idempotent.
     */
    public void disconnect(Peer peer, int closeCode, String reason, String statReason) {
        Transport transport = peer.transport();
        if (!peer.markClosed()) {
            return;
        }
        forget(peer);
        stats.closed(statReason);
        abused(peer, closeCode);
        closeQuietly(peer, transport, closeCode, reason);
    }

    /**
     * The transport of the connection opened as {@code opened} reported it closed, by itself with
     * {@code closeCode} (counted), or 0 when the socket simply went.
     */
    public void connectionClosed(Peer opened, Transport transport, long nowMillis, int closeCode) {
        connectionClosed(opened, transport, nowMillis, closeCode, 0);
    }

    /** As {@link #connectionClosed(Peer, Transport, long, int)}, after the client's own close with {@code clientCode}. */
    public void connectionClosed(Peer opened, Transport transport, long nowMillis, int closeCode, int clientCode) {
        long grace = clientCode == CloseCodes.GOING_AWAY ? Math.min(graceMillis, PAGE_GONE_GRACE_MILLIS) : graceMillis;
        synchronized (opened) { // see resumeOnto: the connection may be changing hands
            lost(opened.current(), transport, nowMillis, closeCode, grace);
        }
    }

    /**
     * A connection of {@code peer} is gone: away when it may resume, otherwise forgotten. Under the peer's monitor,
     * so that two reports of one close do not interleave; the peer is listed as away before its transport says so,
     * so that a resume, which goes by the transport, always finds the listing to undo.
     */
    private void lost(Peer peer, Transport transport, long nowMillis, int closeCode, long grace) {
        synchronized (peer) {
            if (peer.transport() != transport) {
                return; // already away, or another connection resumed this peer: the close is the past
            }
            if (mayResume(peer)) {
                peer.awaySince(nowMillis, grace);
                away.put(peer.id(), peer);
                if (peer.swapTransport(transport, Peer.AWAY)) {
                    count(peer, closeCode);
                    if (peers.remove(peer.id(), peer)) {
                        slots.release(peer);
                    }
                    registry.presenceChanged(peer);
                    cluster.parked(peer, nowMillis + grace);
                    return;
                }
                away.remove(peer.id(), peer); // resumed by another connection in between
                return;
            }
            if (peer.markClosed()) {
                count(peer, closeCode);
                forget(peer);
            }
        }
    }

    private boolean mayResume(Peer peer) {
        return graceMillis > 0 && !shuttingDown && !peer.isRemote() && peer.membership() != null
                && peer.resumeTokenHash() != null;
    }

    /**
     * Connection {@code connection} (new, in no network) becomes {@code target}'s: from now on its frames and its
     * close are the target's, and the target's previous connection, if it was still open, is closed with
     * {@link CloseCodes#RESUMED_ELSEWHERE}. Returns false when the target can no longer be resumed (its grace ended,
     * it left, or the new connection closed meanwhile).
     */
    public boolean resumeOnto(Peer connection, Peer target, long nowMillis) {
        synchronized (connection) {
            if (connection.isClosed() || target.isRemote()) {
                return false;
            }
            Transport previous;
            do {
                previous = target.transport();
                if (previous == Peer.GONE || target.isClosed()) {
                    return false;
                }
            } while (!target.swapTransport(previous, connection.transport()));
            connection.resumedAs(target);
            connection.markClosed();
            peers.remove(connection.id(), connection); // its place in the address count is the target's now
            if (previous == Peer.AWAY) {
                away.remove(target.id(), target);
            } else {
                slots.release(target);
                stats.closed(CloseCodes.statisticName(CloseCodes.RESUMED_ELSEWHERE));
                closeQuietly(target, previous, CloseCodes.RESUMED_ELSEWHERE, "resumed on another connection");
            }
            target.adoptConnection(connection);
            target.awaySince(-1, 0);
            target.seen(nowMillis);
            peers.put(target.id(), target);
            return true;
        }
    }

    /**
     * Connection {@code connection} takes the identity {@code resumed} of a peer that another node held: the new
     * local peer replaces the connection's own. Returns false if the connection closed meanwhile.
     */
    public boolean adoptFromOtherNode(Peer connection, Peer resumed, long nowMillis) {
        synchronized (connection) {
            if (connection.isClosed()) {
                return false;
            }
            connection.resumedAs(resumed);
            connection.markClosed();
            peers.remove(connection.id(), connection);
            resumed.seen(nowMillis);
            peers.put(resumed.id(), resumed);
            return true;
        }
    }

    /** Peers away for longer than the grace leave, with the usual goodbye. Scheduler thread. */
    public void expireAway(long nowMillis) {
        for (Peer peer : away.values()) {
            if (nowMillis - peer.awaySinceMillis() >= peer.awayGraceMillis() && peer.swapTransport(Peer.AWAY, Peer.GONE)) {
                away.remove(peer.id(), peer);
                String hash = peer.resumeTokenHash();
                if (hash == null || cluster.keepsParked(hash)) {
                    if (peer.markClosed()) {
                        forget(peer);
                    }
                } else {
                    movedToOtherNode(peer); // resumed on another node just now; its announcement is on the way
                }
            }
        }
    }

    /**
     * A local peer resumed on another node: it leaves this node without a goodbye (the other node seats it under
     * the same id) and its transfers here fail.
     */
    public void movedToOtherNode(Peer peer) {
        Transport previous;
        do {
            previous = peer.transport();
        } while (!peer.swapTransport(previous, Peer.GONE));
        if (!peer.markClosed()) {
            return;
        }
        if (previous != Peer.AWAY && previous != Peer.GONE) {
            // It came back on another node before this one noticed its socket was dead.
            stats.closed(CloseCodes.statisticName(CloseCodes.RESUMED_ELSEWHERE));
            closeQuietly(peer, previous, CloseCodes.RESUMED_ELSEWHERE, "resumed on another connection");
        }
        away.remove(peer.id(), peer);
        if (peers.remove(peer.id(), peer)) {
            slots.release(peer);
        }
        tokens.revoke(peer);
        registry.moved(peer);
        transfers.peerLeft(peer);
    }

    /** A closed peer leaves its network and its transfers fail. */
    private void forget(Peer peer) {
        if (peers.remove(peer.id(), peer)) {
            slots.release(peer);
        }
        away.remove(peer.id(), peer);
        tokens.revoke(peer);
        registry.disconnect(peer);
        transfers.peerLeft(peer);
    }

    private void count(Peer peer, int closeCode) {
        if (closeCode != 0) { // 0: the socket just went, nobody closed it
            stats.closed(CloseCodes.statisticName(closeCode));
            abused(peer, closeCode);
        }
    }

    /** A close for abuse counts against the client's address: past its allowance, the address cools down. */
    private void abused(Peer peer, int closeCode) {
        if (CloseCodes.isAbuse(closeCode)) {
            gate.abused(peer.limits().addressKey());
        }
    }

    private static void closeQuietly(Peer peer, Transport transport, int closeCode, String reason) {
        try {
            transport.close(closeCode, reason);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "transport of peer " + peer.id() + " failed to close", e);
        }
    }

    /**
     * Closes every connection silent for longer than {@code timeoutMillis}. Its peer may resume, as after any drop:
     * a dead socket nobody noticed is what a phone changing networks leaves behind. Scheduler thread.
     */
    public void closeSilent(long nowMillis, long timeoutMillis, int closeCode) {
        for (Peer peer : peers.values()) {
            Transport transport = peer.transport();
            if (nowMillis - peer.lastSeenMillis() > timeoutMillis && !peer.isClosed()) {
                stats.closed(CloseCodes.statisticName(closeCode));
                closeQuietly(peer, transport, closeCode, "heartbeat timeout");
                lost(peer, transport, nowMillis, 0, graceMillis);
            }
        }
    }

    /** Closes every connection and lets every away peer leave; shutdown. */
    public void closeAll(int closeCode) {
        shuttingDown = true;
        for (Peer peer : peers.values()) {
            disconnect(peer, closeCode, "server shutting down", "shutdown");
        }
        for (Peer peer : away.values()) {
            if (peer.swapTransport(Peer.AWAY, Peer.GONE) && peer.markClosed()) {
                forget(peer);
            }
        }
    }

    /** Connected peers. */
    public int size() {
        return peers.size();
    }

    /** Every connected peer of this node; the scheduler's periodic work. */
    public Iterable<Peer> all() {
        return peers.values();
    }

    /** Peers in a network: connected ones, and away ones that may still resume. */
    public int users() {
        int users = 0;
        for (Peer peer : peers.values()) {
            if (peer.membership() != null) {
                users++;
            }
        }
        for (Peer peer : away.values()) {
            if (peer.membership() != null) {
                users++;
            }
        }
        return users;
    }
}
