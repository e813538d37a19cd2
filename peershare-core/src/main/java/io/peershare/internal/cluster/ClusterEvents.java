package io.peershare.internal.cluster;

import io.peershare.internal.inbound.EngineCall;
import io.peershare.internal.inbound.InboundPipeline;
import io.peershare.internal.network.Membership;
import io.peershare.internal.network.Network;
import io.peershare.internal.network.NetworkRegistry;
import io.peershare.internal.network.Outbound;
import io.peershare.internal.network.Peer;
import io.peershare.internal.peers.PeerTable;
import io.peershare.internal.transfer.TransferCoordinator;
import io.peershare.model.ClusterMember;
import io.peershare.protocol.OutboundFrame;
import io.peershare.spi.Cluster;
import io.peershare.spi.ClusterListener;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the other nodes tell this one, run in the engine: it seats other nodes' members ({@link RemoteMembers}),
 * hands frames to local members, remembers who keeps the transfers offered to them ({@link TransferOwners}) and
 * runs the answers other nodes forward through the inbound pipeline. The engine builds it beside
 * {@link DistributedClusterLink} (the direction towards the cluster), whose remote members and transfer owners it
 * shares, and hands it to {@link Cluster#start} once; it is the only class that implements {@link ClusterListener}.
 *
 * <p>Isolation holds across nodes the way it holds on one: a frame from another node reaches a local member only if
 * that member is in the network the frame was sent for, at the moment it arrives.
 *
 * <p>Threading: callbacks come from the cluster's threads and run as engine calls ({@link EngineCall}).
 */
public final class ClusterEvents implements ClusterListener {

    private final Cluster cluster;
    private final RemoteMembers remote;
    private final TransferOwners owners;
    private final NetworkRegistry registry;
    private final Outbound out;
    private final PeerTable locals;
    private final TransferCoordinator transfers;
    private final InboundPipeline pipeline;

    public ClusterEvents(DistributedClusterLink link, NetworkRegistry registry, Outbound out, PeerTable peers,
            TransferCoordinator transfers, InboundPipeline pipeline) {
        this.cluster = link.cluster();
        this.remote = link.remote();
        this.owners = link.owners();
        this.registry = registry;
        this.out = out;
        this.locals = peers;
        this.transfers = transfers;
        this.pipeline = pipeline;
    }

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
            joined(networkKey, member);
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
        if (m == null || !m.network().key().equals(networkKey)
                || !RemoteMembers.memberOf(from).nodeId().equals(fromNode)) {
            return;
        }
        EngineCall.run(() -> pipeline.receive(from, frame.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public void resync(String networkKey, List<ClusterMember> remoteMembers) {
        EngineCall.run(() -> {
            for (Peer gone : resyncNetwork(networkKey, remoteMembers)) {
                transfers.peerLeft(gone);
            }
        });
    }

    @Override
    public void reachable(boolean reachable) {
        EngineCall.run(() -> remote.markReachable(reachable));
    }

    /** A member of another node joined (or renamed itself in) a network this node has members in. */
    private void joined(String key, ClusterMember member) {
        Network target = registry.network(key);
        if (target == null) {
            return; // nobody here is in that network (any more)
        }
        synchronized (target) {
            if (target.hasLocalMembers() && remote.place(target, member)) {
                out.usersUpdated(target);
            }
        }
    }

    /** After an outage: the members other nodes have in a network now. Returns those that are gone. */
    private List<Peer> resyncNetwork(String key, List<ClusterMember> members) {
        Network network = registry.network(key);
        List<Peer> gone = new ArrayList<>();
        if (network == null) {
            return gone;
        }
        Set<String> present = new HashSet<>();
        for (ClusterMember member : members) {
            present.add(member.peerId());
        }
        for (Peer member : network.members()) {
            if (member.isRemote() && !present.contains(member.id())) {
                remote.remove(member, true);
                gone.add(member);
            }
        }
        for (ClusterMember member : members) {
            joined(key, member);
        }
        return gone;
    }

    /** This node's own members, by network key, for the cluster to publish again after an outage. */
    @Override
    public Map<String, List<ClusterMember>> localMembers() {
        Map<String, List<ClusterMember>> result = new HashMap<>();
        for (Network network : registry.networks()) {
            synchronized (network) {
                for (Peer member : network.members()) {
                    Membership m = member.membership();
                    if (!member.isRemote() && m != null) {
                        result.computeIfAbsent(network.key(), k -> new ArrayList<>())
                                .add(remote.memberOf(member, m));
                    }
                }
            }
        }
        return result;
    }
}
