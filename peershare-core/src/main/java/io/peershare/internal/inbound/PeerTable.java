package io.peershare.internal.inbound;

import io.peershare.internal.network.NetworkRegistry;
import io.peershare.internal.network.Peer;
import io.peershare.internal.stats.EngineStats;
import io.peershare.internal.transfer.TransferCoordinator;
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
    private final Map<String, Peer> peers = new ConcurrentHashMap<>();

    public PeerTable(NetworkRegistry registry, TransferCoordinator transfers, EngineStats stats) {
        this.registry = registry;
        this.transfers = transfers;
        this.stats = stats;
    }

    public void add(Peer peer) {
        peers.put(peer.id(), peer);
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
        peers.remove(peer.id(), peer);
        registry.disconnect(peer);
        transfers.peerLeft(peer);
        if (statReason != null) {
            stats.closed(statReason);
            try {
                peer.transport().close(closeCode, reason);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "transport of peer " + peer.id() + " failed to close", e);
            }
        }
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
