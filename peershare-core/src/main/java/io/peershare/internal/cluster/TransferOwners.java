package io.peershare.internal.cluster;

import io.peershare.internal.network.Peer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The transfers offered to this node's members that other nodes keep, and which node keeps each: a member's
 * answers to them are forwarded there. The owner says so explicitly ({@code transferOpened}) before its request
 * reaches the member, and again when the transfer ends.
 *
 * <p>Threading: concurrent maps; written by the cluster's delivery thread and by leaves, read by frame threads.
 */
final class TransferOwners {

    /** Owner node by transfer id, per local member id. */
    private final Map<String, Map<String, String>> byPeer = new ConcurrentHashMap<>();

    void opened(String transferId, String peerId, String ownerNode) {
        byPeer.compute(peerId, (p, owners) -> {
            Map<String, String> result = owners == null ? new ConcurrentHashMap<>() : owners;
            result.put(transferId, ownerNode);
            return result;
        });
    }

    void ended(String transferId, String peerId) {
        byPeer.computeIfPresent(peerId, (p, owners) -> {
            owners.remove(transferId);
            return owners.isEmpty() ? null : owners;
        });
    }

    /** The node that keeps {@code transferId}, if it was offered to {@code peer}; otherwise {@code null}. */
    String ownerOf(String transferId, Peer peer) {
        Map<String, String> owners = byPeer.get(peer.id());
        return owners == null ? null : owners.get(transferId);
    }

    /** The member left its network: the owners fail those transfers themselves when they hear of the leave. */
    void forget(Peer peer) {
        byPeer.remove(peer.id());
    }
}
