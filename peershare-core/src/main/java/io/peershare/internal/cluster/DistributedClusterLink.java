package io.peershare.internal.cluster;

import io.peershare.internal.input.Rejection;
import io.peershare.internal.limit.RateLimiter;
import io.peershare.internal.network.Chat;
import io.peershare.internal.network.ClusterLink;
import io.peershare.internal.network.Membership;
import io.peershare.internal.network.Network;
import io.peershare.internal.network.Outbound;
import io.peershare.internal.network.Peer;
import io.peershare.model.ClusterMember;
import io.peershare.model.ParkedMember;
import io.peershare.protocol.ErrorCode;
import io.peershare.protocol.InboundFrame;
import io.peershare.spi.Cluster;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Joins the engine to a distributed {@link Cluster}, from the engine towards the cluster: it claims places,
 * announces this node's members, parks their resume records and tells receivers' nodes which transfers this node
 * keeps. The other direction, what the other nodes tell this one, is {@link ClusterEvents}, which the engine builds
 * beside it once the parts it calls exist; the two share the other nodes' members ({@link RemoteMembers}) and who
 * keeps the transfers offered to local members ({@link TransferOwners}). This side calls only the SPI and the
 * networks, never the parts above them, so it is built first and handed to them.
 *
 * <p>Threading: {@link ClusterLink} methods come from engine threads, see there.
 */
public final class DistributedClusterLink implements ClusterLink {

    private final Cluster cluster;
    private final int maxUsersPerNetwork;
    private final Clock clock;
    /**
     * How long a connected member's record lives in the cluster: a session older than this resumes only on its own
     * node; a record whose node died without a goodbye goes after it.
     */
    static final Duration CONNECTED_RECORD_TTL = Duration.ofHours(24);

    private final TransferOwners owners = new TransferOwners();
    private final RemoteMembers remote;

    public DistributedClusterLink(Cluster cluster, int maxUsersPerNetwork, Chat chat, Outbound out,
            RateLimiter rateLimiter, Clock clock) {
        this.cluster = cluster;
        this.maxUsersPerNetwork = maxUsersPerNetwork;
        this.clock = clock;
        this.remote = new RemoteMembers(cluster, chat, out, rateLimiter, clock);
    }

    /** The other nodes' members, shared with {@link ClusterEvents}. */
    RemoteMembers remote() {
        return remote;
    }

    /** Who keeps the transfers offered to local members, shared with {@link ClusterEvents}. */
    TransferOwners owners() {
        return owners;
    }

    Cluster cluster() {
        return cluster;
    }

    // ---- the engine towards the cluster ----

    @Override
    public List<ClusterMember> claim(String networkKey, Peer peer, String networkName, String userName,
            String deviceType) {
        // The cluster-wide limit; this node's own count is checked again inside the join.
        return cluster.tryJoin(networkKey, new ClusterMember(peer.id(), cluster.nodeId(), networkName, userName,
                deviceType), maxUsersPerNetwork);
    }

    @Override
    public void release(String networkKey, Peer peer) {
        cluster.memberLeft(networkKey, peer.id());
    }

    @Override
    public void joined(Network network, Peer peer, Membership membership, List<ClusterMember> claimed) {
        for (ClusterMember member : claimed) {
            remote.place(network, member);
        }
        cluster.memberJoined(network.key(), remote.memberOf(peer, membership));
    }

    @Override
    public void left(Network network, Peer peer) {
        cluster.memberLeft(network.key(), peer.id());
        owners.forget(peer);
        remote.dropIfNoLocalMembers(network);
    }

    @Override
    public void transferOpened(Peer receiver, String networkKey, String transferId) {
        if (receiver.isRemote()) {
            cluster.transferOpened(memberOf(receiver), networkKey, transferId);
        }
    }

    @Override
    public void transferEnded(Peer receiver, String networkKey, String transferId) {
        if (receiver.isRemote()) {
            cluster.transferEnded(memberOf(receiver), networkKey, transferId);
        }
    }

    @Override
    public boolean forwardedToOwner(Peer peer, InboundFrame frame, byte[] utf8) {
        JsonValue id = frame.data().get("transferId");
        String owner = id instanceof JsonString s && !peer.isRemote() ? owners.ownerOf(s.getString(), peer) : null;
        Membership m = peer.membership();
        if (owner == null || m == null) {
            return false;
        }
        if (!cluster.forward(owner, m.network().key(), peer.id(), new String(utf8, StandardCharsets.UTF_8))) {
            throw new Rejection(ErrorCode.CLUSTER_UNAVAILABLE,
                    "the server holding this transfer cannot be reached right now", "transferId");
        }
        return true;
    }

    @Override
    public void parked(Peer peer, long resumableUntilMillis) {
        Membership m = peer.membership();
        String hash = peer.resumeTokenHash();
        if (m == null || hash == null) {
            return;
        }
        // Kept past the grace, so that this node can still take its own copy when the grace ends here.
        Duration ttl = resumableUntilMillis == Long.MAX_VALUE ? CONNECTED_RECORD_TTL
                : Duration.ofMillis(2 * Math.max(0, resumableUntilMillis - clock.millis()) + 30_000);
        ParkedMember record = new ParkedMember(m.network().key(), remote.memberOf(peer, m), resumableUntilMillis);
        if (resumableUntilMillis == Long.MAX_VALUE) {
            cluster.park(hash, record, ttl);
        } else {
            cluster.repark(hash, record, ttl); // unless a node took it: that node seated the peer
        }
    }

    @Override
    public void unparked(String tokenHash) {
        cluster.unpark(tokenHash);
    }

    @Override
    public boolean keepsParked(String tokenHash) {
        try {
            return cluster.takeParked(tokenHash) != null;
        } catch (RuntimeException e) {
            return true; // the cluster cannot answer: no other node can take it either
        }
    }

    @Override
    public ParkedMember takeParked(String tokenHash) {
        try {
            return cluster.takeParked(tokenHash);
        } catch (RuntimeException e) {
            throw new Rejection(ErrorCode.RESUME_FAILED,
                    "the servers cannot find your session right now; join the network again", "resumeToken");
        }
    }

    @Override
    public Peer dropTwin(Network network, String peerId) {
        return remote.dropTwin(network, peerId);
    }

    @Override
    public void moved(Network network, Peer peer) {
        cluster.memberMoved(network.key(), peer.id());
        owners.forget(peer);
        remote.dropIfNoLocalMembers(network);
    }

    private static ClusterMember memberOf(Peer remotePeer) {
        return RemoteMembers.memberOf(remotePeer);
    }
}
