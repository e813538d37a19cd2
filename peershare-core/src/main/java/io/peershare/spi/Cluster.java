package io.peershare.spi;

import io.peershare.model.ClusterMember;
import io.peershare.model.ParkedMember;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Makes several engines act as one: a presence directory, delivery between nodes, and the cluster-wide user
 * limit. The engine works alone with {@link #SINGLE_NODE}; {@code peershare-redis} provides a Redis cluster.
 *
 * <p>Threading: the engine calls every method except {@link #tryJoin} while it may hold a network's monitor,
 * so they must not block: queue the work and return. {@code tryJoin} is called with no engine lock held and may
 * wait briefly for an answer.
 */
public interface Cluster extends AutoCloseable {

    /** One node, no cluster: every member is local. */
    Cluster SINGLE_NODE = new Cluster() {
        @Override
        public String nodeId() {
            return "local";
        }

        @Override
        public boolean isDistributed() {
            return false;
        }
    };

    /** This node's id, unique in the cluster. */
    String nodeId();

    /** Whether other nodes can exist; false for {@link #SINGLE_NODE}. */
    default boolean isDistributed() {
        return true;
    }

    /** Starts talking to the cluster; the engine calls this once with itself as the listener. */
    default void start(ClusterListener listener) {
    }

    /**
     * Claims a place for a local member in a network, cluster-wide, and returns the network's members on every
     * node after the claim, so that the joiner's node knows them before it announces the join. Returns
     * {@code null} when the network already has {@code maxUsers} members across the cluster. When the cluster
     * cannot answer, returns an empty list: the node's own limit and members still apply.
     */
    default List<ClusterMember> tryJoin(String networkKey, ClusterMember member, int maxUsers) {
        return List.of();
    }

    /** A local member joined a network (after {@link #tryJoin}) or changed its names. */
    default void memberJoined(String networkKey, ClusterMember member) {
    }

    /** A local member left a network. */
    default void memberLeft(String networkKey, String peerId) {
    }

    /** Sends a server frame to a member on another node. Returns false when it cannot be sent now. */
    default boolean sendTo(ClusterMember target, String networkKey, String frame) {
        return false;
    }

    /**
     * Tells the node of {@code receiver} that this node keeps the state of transfer {@code transferId}, so that the
     * receiver's answers to it (accept, reject, progress, complete, cancel) are forwarded here. Called before the
     * transfer's request frame is sent with {@link #sendTo}; the two must arrive in that order.
     */
    default void transferOpened(ClusterMember receiver, String networkKey, String transferId) {
    }

    /** Transfer {@code transferId}, opened with {@link #transferOpened}, has ended: its answers stop being forwarded. */
    default void transferEnded(ClusterMember receiver, String networkKey, String transferId) {
    }

    /** Hands a client frame of a local member to the node that owns the transfer it names. */
    default boolean forward(String ownerNode, String networkKey, String fromPeerId, String frame) {
        return false;
    }

    /**
     * Keeps {@code parked} under {@code tokenHash} (the SHA-256 of a local member's resume token) for {@code ttl}, so
     * that the client may resume on whichever node it reaches next: written when the token is issued. Must not
     * block.
     */
    default void park(String tokenHash, ParkedMember parked, Duration ttl) {
    }

    /**
     * Keeps {@code parked} (now with the end of its grace: the member's connection dropped) under {@code tokenHash}
     * for {@code ttl}, <em>unless a node has taken the record</em> ({@link #takeParked}) meanwhile: the client has
     * resumed there, and the used token must never become takeable again. A record that was lost (never written,
     * or expired) is written again. Must not block. The default writes unconditionally, as {@link #park}.
     */
    default void repark(String tokenHash, ParkedMember parked, Duration ttl) {
        park(tokenHash, parked, ttl);
    }

    /** The token with this hash was replaced or its member left: forget what {@link #park} kept. Must not block. */
    default void unpark(String tokenHash) {
    }

    /**
     * Takes what {@link #park} kept under {@code tokenHash}, at most once across the cluster: {@code null} when there
     * is nothing (never parked, taken already, or expired). Called with no engine lock held; may wait briefly.
     *
     * @throws RuntimeException when the cluster cannot answer now, or does not keep away members at all (the
     *                          default): then a peer resumes only on the node that held it
     */
    default ParkedMember takeParked(String tokenHash) {
        throw new UnsupportedOperationException("this cluster does not keep away members");
    }

    /**
     * A local member resumed on another node (which announced it with {@link #memberJoined}): this node stops
     * counting it as its own, without removing it from the network or saying it left. Must not block.
     */
    default void memberMoved(String networkKey, String peerId) {
    }

    /** The cluster's state for health checks, e.g. {@code {"redis": "up"}}. */
    default Map<String, String> health() {
        return Map.of();
    }

    @Override
    default void close() {
    }
}
