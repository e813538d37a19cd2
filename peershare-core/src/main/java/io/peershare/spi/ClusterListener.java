package io.peershare.spi;

import io.peershare.model.ClusterMember;

import java.util.List;
import java.util.Map;

/**
 * The engine's side of a {@link Cluster}: what the cluster tells the engine about other nodes. Called from the
 * cluster's own threads, never from inside an engine call; implementations return quickly.
 */
public interface ClusterListener {

    /** A member on another node joined a network this node tracks, or changed its names. */
    void remoteJoined(String networkKey, ClusterMember member);

    /**
     * A member on another node left a network this node tracks.
     *
     * @param vanished true when its node stopped answering (no goodbye was said, so this node tells its own
     *                 members); false when the member's own node announced the leave
     */
    void remoteLeft(String networkKey, String peerId, boolean vanished);

    /** Another node sends a frame to a local member of the network with this key. */
    void deliver(String networkKey, String peerId, String frame, String fromNode);

    /**
     * Node {@code ownerNode} keeps transfer {@code transferId}, offered to the local member {@code peerId}: that
     * member's answers to it go to the owner through {@link Cluster#forward}.
     */
    void transferOpened(String networkKey, String peerId, String transferId, String ownerNode);

    /** The transfer opened with {@link #transferOpened} has ended on its owner. */
    void transferEnded(String networkKey, String peerId, String transferId, String ownerNode);

    /** Another node hands over a client frame of its member {@code fromPeerId}, for a transfer this node owns. */
    void forwarded(String networkKey, String fromPeerId, String frame, String fromNode);

    /**
     * The full list of a tracked network's members as the cluster holds them, after it recovered from an
     * outage; this node's own members among them are ignored.
     */
    void resync(String networkKey, List<ClusterMember> remoteMembers);

    /**
     * The other nodes became unreachable ({@code false}: Redis, say, stopped answering) or reachable again. While
     * they are unreachable, their members are shown as unreachable, and events for them are refused with
     * {@code CLUSTER_UNAVAILABLE} instead of being lost.
     */
    void reachable(boolean reachable);

    /** This node's own members by network key, for the cluster to publish again after an outage. */
    Map<String, List<ClusterMember>> localMembers();
}
