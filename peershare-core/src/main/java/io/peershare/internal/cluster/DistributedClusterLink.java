package io.peershare.internal.cluster;

import io.peershare.internal.inbound.EngineCall;
import io.peershare.internal.inbound.InboundPipeline;
import io.peershare.internal.input.Rejection;
import io.peershare.internal.limit.RateLimiter;
import io.peershare.internal.network.Chat;
import io.peershare.internal.network.ClusterLink;
import io.peershare.internal.network.Membership;
import io.peershare.internal.network.Network;
import io.peershare.internal.network.NetworkRegistry;
import io.peershare.internal.network.Outbound;
import io.peershare.internal.network.Peer;
import io.peershare.internal.peers.PeerTable;
import io.peershare.internal.transfer.TransferCoordinator;
import io.peershare.model.ClusterMember;
import io.peershare.model.ParkedMember;
import io.peershare.protocol.ErrorCode;
import io.peershare.protocol.InboundFrame;
import io.peershare.protocol.OutboundFrame;
import io.peershare.spi.Cluster;
import io.peershare.spi.ClusterListener;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Joins the engine to a distributed {@link Cluster}: both directions of the conversation between this node and the
 * others. Towards the cluster it claims places, announces this node's members and tells receivers' nodes which
 * transfers this node keeps; from the cluster it seats other nodes' members ({@link RemoteMembers}), hands frames to
 * local members, remembers who keeps the transfers offered to them ({@link TransferOwners}) and runs the answers
 * other nodes forward.
 *
 * <p>Isolation holds across nodes the way it holds on one: a frame from another node reaches a local member only if
 * that member is in the network the frame was sent for, at the moment it arrives.
 *
 * <p>Threading: {@link ClusterListener} callbacks come from the cluster's threads and run as engine calls
 * ({@link EngineCall}); {@link ClusterLink} methods come from engine threads, see there.
 */
public final class DistributedClusterLink implements ClusterLink, ClusterListener {

    private final Cluster cluster;
    private final int maxUsersPerNetwork;
    private final Outbound out;
    private final RateLimiter rateLimiter;
    private final Clock clock;
    /**
     * How long a connected member's record lives in the cluster: a session older than this resumes only on its own
     * node; a record whose node died without a goodbye goes after it.
     */
    static final Duration CONNECTED_RECORD_TTL = Duration.ofHours(24);

    private final TransferOwners owners = new TransferOwners();
    // Set once by start(), before the cluster can call back and before any connection opens.
    private RemoteMembers remote;
    private PeerTable locals;
    private TransferCoordinator transfers;
    private InboundPipeline pipeline;

    public DistributedClusterLink(Cluster cluster, int maxUsersPerNetwork, Outbound out, RateLimiter rateLimiter,
            Clock clock) {
        this.cluster = cluster;
        this.maxUsersPerNetwork = maxUsersPerNetwork;
        this.out = out;
        this.rateLimiter = rateLimiter;
        this.clock = clock;
    }

    /** Connects the link to the engine's parts, which are built with it, and starts the cluster. */
    public void start(NetworkRegistry registry, Chat chat, PeerTable peers, TransferCoordinator transferCoordinator,
            InboundPipeline inbound) {
        remote = new RemoteMembers(cluster, registry, chat, out, rateLimiter, clock);
        locals = peers;
        transfers = transferCoordinator;
        pipeline = inbound;
        cluster.start(this);
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
    public void dropTwin(Network network, String peerId) {
        Peer twin = remote.dropTwin(network, peerId);
        if (twin != null) {
            transfers.peerLeft(twin);
        }
    }

    @Override
    public void moved(Network network, Peer peer) {
        cluster.memberMoved(network.key(), peer.id());
        owners.forget(peer);
        remote.dropIfNoLocalMembers(network);
    }

    private static ClusterMember memberOf(Peer remotePeer) {
        return ((RemoteTransport) remotePeer.transport()).member();
    }

    // ---- the cluster towards the engine ----

    @Override
    public void remoteJoined(String networkKey, ClusterMember member) {
        EngineCall.run(() -> {
            Peer local = locals.local(member.peerId());
            if (local != null && !member.nodeId().equals(cluster.nodeId())) {
                locals.movedToOtherNode(local); // it resumed on that node: it leaves here without a goodbye
            }
            Peer existing = remote.get(member.peerId());
            Membership m = existing == null ? null : existing.membership();
            if (m != null && !m.network().key().equals(networkKey)) {
                Peer moved = remote.left(m.network().key(), member.peerId(), false);
                if (moved != null) {
                    transfers.peerLeft(moved);
                }
            }
            remote.joined(networkKey, member);
        });
    }

    @Override
    public void remoteLeft(String networkKey, String peerId, boolean vanished) {
        EngineCall.run(() -> {
            Peer gone = remote.left(networkKey, peerId, vanished);
            if (gone != null) {
                transfers.peerLeft(gone);
            }
        });
    }

    @Override
    public void deliver(String networkKey, String peerId, String frame, String fromNode) {
        Peer peer = locals.get(peerId);
        Membership m = peer == null ? null : peer.membership();
        if (m == null || !m.network().key().equals(networkKey)) {
            return; // not (or no longer) in that network: nothing crosses networks
        }
        out.deliver(peer, OutboundFrame.ofText(frame));
    }

    @Override
    public void transferOpened(String networkKey, String peerId, String transferId, String ownerNode) {
        owners.opened(transferId, peerId, ownerNode);
    }

    @Override
    public void transferEnded(String networkKey, String peerId, String transferId, String ownerNode) {
        owners.ended(transferId, peerId);
    }

    @Override
    public void forwarded(String networkKey, String fromPeerId, String frame, String fromNode) {
        Peer from = remote.get(fromPeerId);
        Membership m = from == null ? null : from.membership();
        if (m == null || !m.network().key().equals(networkKey) || !memberOf(from).nodeId().equals(fromNode)) {
            return;
        }
        EngineCall.run(() -> pipeline.receive(from, frame.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public void resync(String networkKey, List<ClusterMember> remoteMembers) {
        EngineCall.run(() -> {
            for (Peer gone : remote.resync(networkKey, remoteMembers)) {
                transfers.peerLeft(gone);
            }
        });
    }

    @Override
    public void reachable(boolean reachable) {
        EngineCall.run(() -> remote.markReachable(reachable));
    }

    @Override
    public Map<String, List<ClusterMember>> localMembers() {
        return remote.localMembers();
    }
}
