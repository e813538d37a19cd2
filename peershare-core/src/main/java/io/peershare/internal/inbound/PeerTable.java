package io.peershare.internal.inbound;

import io.peershare.internal.network.NetworkRegistry;
import io.peershare.internal.network.Peer;
import io.peershare.internal.stats.EngineStats;
import io.peershare.internal.transfer.TransferCoordinator;
import io.peershare.protocol.CloseCodes;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This node's open connections: a new one is added, a closed one leaves its network and fails its transfers,
 * and connections silent for too long are closed.
 *
 * <p>Threading: a concurrent map. A connection is closed by whichever thread notices first (its transport, the
 * sweep, rate-limit abuse, shutdown); the peer's closed flag lets exactly one of them do the work.
 */
public final class PeerTable {

    private static final System.Logger LOG = System.getLogger(PeerTable.class.getName());

    private final NetworkRegistry registry;
    private final TransferCoordinator transfers;
    private final EngineStats stats;
    private final int maxPerAddress;
    private final Map<String, Peer> peers = new ConcurrentHashMap<>();
    /** Open connections per client address (IPv6 per /64), for {@code maxConnectionsPerAddress}. */
    private final Map<String, Integer> perAddress = new ConcurrentHashMap<>();

    public PeerTable(NetworkRegistry registry, TransferCoordinator transfers, EngineStats stats, int maxPerAddress) {
        this.registry = registry;
        this.transfers = transfers;
        this.stats = stats;
        this.maxPerAddress = maxPerAddress;
    }

    /**
     * Adds a new connection, unless its address already has {@code maxConnectionsPerAddress} open: then it is
     * closed with {@link CloseCodes#TOO_MANY_CONNECTIONS} and false is returned.
     */
    public boolean add(Peer peer) {
        boolean[] admitted = {false};
        perAddress.compute(peer.limits().addressKey(), (key, open) -> {
            int count = open == null ? 0 : open;
            admitted[0] = count < maxPerAddress;
            return admitted[0] ? count + 1 : open;
        });
        if (!admitted[0]) {
            peer.markClosed();
            stats.closed(CloseCodes.statisticName(CloseCodes.TOO_MANY_CONNECTIONS));
            peer.transport().close(CloseCodes.TOO_MANY_CONNECTIONS, "too many connections from your address");
            return false;
        }
        peers.put(peer.id(), peer);
        return true;
    }

    /** The local connection with this peer id, or {@code null}. */
    public Peer get(String peerId) {
        return peers.get(peerId);
    }

    /**
     * Forgets a connection: it leaves its network at once and its transfers fail. With a {@code statReason} the
     * engine also closes the transport with {@code closeCode} (heartbeat timeout, abuse, shutdown); without one the
     * transport reported the close itself. Idempotent.
     */
    public void disconnect(Peer peer, int closeCode, String reason, String statReason) {
        if (!peer.markClosed()) {
            return;
        }
        forget(peer);
        if (statReason != null) {
            stats.closed(statReason);
            try {
                peer.transport().close(closeCode, reason);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "transport of peer " + peer.id() + " failed to close", e);
            }
        }
    }

    /** The transport closed the connection itself, with {@code closeCode}: counted, then forgotten as any close. */
    public void closedByTransport(Peer peer, int closeCode) {
        if (!peer.markClosed()) {
            return;
        }
        stats.closed(CloseCodes.statisticName(closeCode));
        forget(peer);
    }

    /** A closed peer leaves its network and its transfers fail. */
    private void forget(Peer peer) {
        if (peers.remove(peer.id(), peer)) {
            perAddress.computeIfPresent(peer.limits().addressKey(), (key, open) -> open > 1 ? open - 1 : null);
        }
        registry.disconnect(peer);
        transfers.peerLeft(peer);
    }

    /** Closes every connection silent for longer than {@code timeoutMillis}. Scheduler thread. */
    public void closeSilent(long nowMillis, long timeoutMillis, int closeCode) {
        for (Peer peer : peers.values()) {
            if (nowMillis - peer.lastSeenMillis() > timeoutMillis) {
                disconnect(peer, closeCode, "heartbeat timeout", "heartbeatTimeout");
            }
        }
    }

    /** Closes every connection; shutdown. */
    public void closeAll(int closeCode) {
        for (Peer peer : peers.values()) {
            disconnect(peer, closeCode, "server shutting down", "shutdown");
        }
    }

    public int size() {
        return peers.size();
    }

    /** Every connection of this node; the scheduler's periodic work. */
    public Iterable<Peer> all() {
        return peers.values();
    }

    /** Connections that are in a network. */
    public int users() {
        int users = 0;
        for (Peer peer : peers.values()) {
            if (peer.membership() != null) {
                users++;
            }
        }
        return users;
    }
}
