package io.peershare.internal.transfer;

import io.peershare.internal.network.Peer;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each peer's active transfers, as sender or receiver, bounded by {@code maxTransfersPerPeer}.
 *
 * <p>Threading: a peer's share changes under that share's monitor, so two peers sending to one receiver at once
 * cannot exceed its limit.
 */
final class TransferShares {

    private final int maxPerPeer;
    private final Map<Peer, Set<Transfer>> shares = new ConcurrentHashMap<>();

    TransferShares(int maxPerPeer) {
        this.maxPerPeer = maxPerPeer;
    }

    /** Adds the transfer to the peer's share if the peer has a slot left. */
    boolean reserve(Peer peer, Transfer t) {
        Set<Transfer> share = shares.computeIfAbsent(peer, p -> new HashSet<>());
        synchronized (share) {
            if (share.size() >= maxPerPeer) {
                return false;
            }
            share.add(t);
            return true;
        }
    }

    void release(Peer peer, Transfer t) {
        Set<Transfer> share = shares.get(peer);
        if (share != null) {
            synchronized (share) {
                share.remove(t);
            }
        }
    }

    /** The peer's active transfers at this moment. */
    List<Transfer> of(Peer peer) {
        Set<Transfer> share = shares.get(peer);
        if (share == null) {
            return List.of();
        }
        synchronized (share) {
            return List.copyOf(share);
        }
    }

    /** The peer is in no network: it takes no new transfers, and its entry goes. */
    void forget(Peer peer) {
        shares.remove(peer);
    }
}
