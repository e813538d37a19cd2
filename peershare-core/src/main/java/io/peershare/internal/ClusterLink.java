package io.peershare.internal;

import io.peershare.protocol.Events;
import io.peershare.spi.Cluster;
import io.peershare.spi.ClusterListener;
import io.peershare.spi.ClusterMember;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The engine's end of the {@link Cluster}: turns what other nodes announce into remote members of this
 * node's networks, hands frames from other nodes to local members, and runs transfer events other nodes
 * forward for transfers this node owns. Every callback runs as an engine entry point ({@link EngineCall}).
 *
 * <p>Isolation holds across nodes the way it holds on one: a frame from another node reaches a local member
 * only if that member is in the network the frame was sent for, at the moment it arrives.
 */
final class ClusterLink implements ClusterListener {

    private static final Set<String> TRANSFER_ENDINGS = Set.of(Events.TRANSFER_COMPLETED, Events.TRANSFER_REJECTED,
            Events.TRANSFER_CANCELLED, Events.TRANSFER_FAILED);

    private final PeerShareEngine engine;
    private final NetworkRegistry registry;
    private final TransferCoordinator transfers;
    private final Outbound out;
    private final Map<String, Peer> localPeers;

    ClusterLink(PeerShareEngine engine, NetworkRegistry registry, TransferCoordinator transfers, Outbound out,
            Map<String, Peer> localPeers) {
        this.engine = engine;
        this.registry = registry;
        this.transfers = transfers;
        this.out = out;
        this.localPeers = localPeers;
    }

    @Override
    public void remoteJoined(String networkKey, ClusterMember member) {
        EngineCall.run(() -> {
            Peer existing = registry.remotePeer(member.peerId());
            if (existing != null && existing.membership() != null
                    && !existing.membership().network().key().equals(networkKey)) {
                Peer moved = registry.remoteLeft(existing.membership().network().key(), member.peerId(), false);
                if (moved != null) {
                    transfers.peerLeft(moved);
                }
            }
            registry.remoteJoined(networkKey, member);
        });
    }

    @Override
    public void remoteLeft(String networkKey, String peerId, boolean vanished) {
        EngineCall.run(() -> {
            Peer gone = registry.remoteLeft(networkKey, peerId, vanished);
            if (gone != null) {
                transfers.peerLeft(gone);
            }
        });
    }

    @Override
    public void deliver(String networkKey, String peerId, String frame, String fromNode) {
        Peer peer = localPeers.get(peerId);
        Peer.Membership m = peer == null ? null : peer.membership();
        if (m == null || !m.network().key().equals(networkKey)) {
            return; // not (or no longer) in that network: nothing crosses networks
        }
        rememberTransferOwner(peer, frame, fromNode);
        out.deliver(peer, frame);
    }

    /**
     * A local member that receives a transfer owned by another node sends its answers (accept, progress, ...)
     * to this node; they are forwarded to the owner, which this remembers from the request.
     */
    private static void rememberTransferOwner(Peer peer, String frame, String fromNode) {
        if (!frame.contains("\"event\":\"file-transfer-")) {
            return;
        }
        JsonObject envelope = Jsons.JSON.createReader(new StringReader(frame)).readObject();
        String event = envelope.getString("event", "");
        JsonObject data = envelope.getJsonObject("data");
        String transferId = data == null ? null : data.getString("transferId", null);
        if (transferId == null) {
            return;
        }
        if (event.equals(Events.TRANSFER_REQUEST)) {
            peer.remoteTransferOwners().put(transferId, fromNode);
        } else if (TRANSFER_ENDINGS.contains(event)) {
            peer.remoteTransferOwners().remove(transferId);
        }
    }

    @Override
    public void forwarded(String networkKey, String fromPeerId, String frame, String fromNode) {
        Peer remote = registry.remotePeer(fromPeerId);
        Peer.Membership m = remote == null ? null : remote.membership();
        if (m == null || !m.network().key().equals(networkKey) || !remote.remoteNode().equals(fromNode)) {
            return;
        }
        EngineCall.run(() -> engine.receive(remote, frame));
    }

    @Override
    public void resync(String networkKey, List<ClusterMember> remoteMembers) {
        EngineCall.run(() -> {
            for (Peer gone : registry.resync(networkKey, remoteMembers)) {
                transfers.peerLeft(gone);
            }
        });
    }

    @Override
    public Map<String, List<ClusterMember>> localMembers() {
        return registry.localMembers();
    }
}
