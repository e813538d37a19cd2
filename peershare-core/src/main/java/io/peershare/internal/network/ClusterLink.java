package io.peershare.internal.network;

import io.peershare.model.ClusterMember;
import io.peershare.model.ParkedMember;
import io.peershare.protocol.InboundFrame;
import java.util.List;

/**
 * The engine's one seam to the other nodes of a cluster: every place where this node's work depends on them calls
 * through here, and nowhere else. {@link #SINGLE_NODE} is a node on its own; the cluster package's link joins the
 * engine to an {@link io.peershare.spi.Cluster}. It lives beside the networks, below everything that calls it
 * (joins, transfers, resumes, the inbound pipeline), so that those calls run down the package tree; the cluster
 * package implements it from above.
 *
 * <p>Threading: {@link #claim} and {@link #release} are called on a joiner's frame thread with no engine lock
 * held; {@link #joined}, {@link #left}, {@link #transferOpened} and {@link #transferEnded} under the monitor of the
 * network or transfer concerned, so they only queue work; {@link #forwardedToOwner} on a frame thread.
 */
public interface ClusterLink {

    /** A node on its own: every member is local, every network and transfer is this node's. */
    ClusterLink SINGLE_NODE = new ClusterLink() {
        @Override
        public List<ClusterMember> claim(String networkKey, Peer peer, String networkName, String userName,
                String deviceType) {
            return List.of();
        }

        @Override
        public void release(String networkKey, Peer peer) {
        }

        @Override
        public void joined(Network network, Peer peer, Membership membership, List<ClusterMember> claimed) {
        }

        @Override
        public void left(Network network, Peer peer) {
        }

        @Override
        public void transferOpened(Peer receiver, String networkKey, String transferId) {
        }

        @Override
        public void transferEnded(Peer receiver, String networkKey, String transferId) {
        }

        @Override
        public boolean forwardedToOwner(Peer peer, InboundFrame frame, byte[] utf8) {
            return false;
        }

        @Override
        public void parked(Peer peer, long resumableUntilMillis) {
        }

        @Override
        public void unparked(String tokenHash) {
        }

        @Override
        public boolean keepsParked(String tokenHash) {
            return true; // nobody else can have taken it
        }

        @Override
        public ParkedMember takeParked(String tokenHash) {
            return null;
        }

        @Override
        public Peer dropTwin(Network network, String peerId) {
            return null;
        }

        @Override
        public void moved(Network network, Peer peer) {
        }
    };

    /**
     * Claims a place for a local peer in a network, cluster-wide, before it joins. Returns the network's members on
     * every node after the claim, or {@code null} when the network already holds its maximum across the cluster.
     */
    List<ClusterMember> claim(String networkKey, Peer peer, String networkName, String userName, String deviceType);

    /** Gives back a place claimed for a join that then failed. */
    void release(String networkKey, Peer peer);

    /**
     * A local peer joined {@code network} or renamed itself there: the members other nodes have in it (as the claim
     * returned them) are placed first, so what the join announces reaches them, and the other nodes are told.
     */
    void joined(Network network, Peer peer, Membership membership, List<ClusterMember> claimed);

    /** A local peer left {@code network}: the other nodes are told; with no local member left, remote ones are dropped. */
    void left(Network network, Peer peer);

    /**
     * A transfer this node keeps was offered to {@code receiver}; a receiver on another node learns where its answers
     * go. Takes the transfer's parts rather than the transfer, so that the networks do not depend on the transfers.
     */
    void transferOpened(Peer receiver, String networkKey, String transferId);

    /** A transfer this node keeps, offered to {@code receiver}, has ended. */
    void transferEnded(Peer receiver, String networkKey, String transferId);

    /**
     * The route step of the inbound pipeline: a local peer's answer to a transfer another node keeps goes to that
     * node (true); everything else is this node's to handle (false).
     *
     * @throws io.peershare.internal.input.Rejection with {@code CLUSTER_UNAVAILABLE} when that node cannot be reached
     */
    boolean forwardedToOwner(Peer peer, InboundFrame frame, byte[] utf8);

    /**
     * Any node may resume this local peer with its current token until {@code resumableUntilMillis}: told when a
     * token is issued ({@link Long#MAX_VALUE}: for as long as it is connected) and when its connection drops.
     */
    void parked(Peer peer, long resumableUntilMillis);

    /** The token with this hash no longer resumes anyone. */
    void unparked(String tokenHash);

    /**
     * Whether this node still holds the away peer whose token hash this is, and no other node resumed it: the
     * cluster's copy is taken, so that the token works only once across nodes. True when the cluster cannot answer
     * (this node's own record is then the only one that counts). No engine lock held.
     */
    boolean keepsParked(String tokenHash);

    /**
     * An away peer of another node, taken for a resume here, or {@code null} when no node holds one under this
     * token hash. No engine lock held.
     *
     * @throws io.peershare.internal.input.Rejection with {@code RESUME_FAILED} when the cluster cannot answer
     */
    ParkedMember takeParked(String tokenHash);

    /**
     * A peer resumed here that was another node's: its copy as that node's member leaves {@code network} without a
     * word, so that the peer is seated once. Returns that copy, whose transfers the caller fails once it holds no
     * network's monitor, or {@code null}. Caller holds the network's monitor.
     */
    Peer dropTwin(Network network, String peerId);

    /**
     * A local peer resumed on another node and left {@code network} here without a goodbye: this node stops
     * announcing it; with no local member left, remote ones are dropped. Caller holds the network's monitor.
     */
    void moved(Network network, Peer peer);
}
