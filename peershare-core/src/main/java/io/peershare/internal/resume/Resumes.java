package io.peershare.internal.resume;

import io.peershare.internal.input.InputValidator;
import io.peershare.internal.input.Rejection;
import io.peershare.internal.network.ClusterLink;
import io.peershare.internal.network.NetworkRegistry;
import io.peershare.internal.network.Peer;
import io.peershare.internal.network.ResumeTokens;
import io.peershare.internal.peers.PeerTable;
import io.peershare.internal.transfer.TransferCoordinator;
import io.peershare.model.ClusterMember;
import io.peershare.model.ParkedMember;
import io.peershare.protocol.ErrorCode;
import io.peershare.protocol.InboundFrame;
import java.util.List;

/**
 * {@code resume}: a new connection presents the token of a peer whose connection dropped, and becomes that peer
 * again: same id, network and names, what it missed, its pending transfers, fresh credentials. The token is taken
 * once; of a resume and the end of the grace, whichever comes first wins ({@link PeerTable}).
 *
 * <p>A token this node does not know may belong to a peer another node holds: the cluster hands over its record
 * once, and the peer is seated here under its id; its old node lets it go without a goodbye when it hears.
 *
 * <p>Threading: runs on the new connection's frame thread, with no engine lock held while the cluster is asked.
 */
public final class Resumes {

    private static final String FAILED = "that resume token is unknown, used already or expired; join the network again";

    private final ResumeTokens tokens;
    private final PeerTable peers;
    private final NetworkRegistry registry;
    private final TransferCoordinator transfers;
    private final ClusterLink cluster;

    public Resumes(ResumeTokens tokens, PeerTable peers, NetworkRegistry registry, TransferCoordinator transfers,
            ClusterLink cluster) {
        this.tokens = tokens;
        this.peers = peers;
        this.registry = registry;
        this.transfers = transfers;
        this.cluster = cluster;
    }

    public void resume(Peer connection, InboundFrame frame, long nowMillis) {
        String token = InputValidator.requiredText(frame.data(), "resumeToken", ResumeTokens.TOKEN_LENGTH * 2);
        if (connection.membership() != null) {
            throw new Rejection(ErrorCode.RESUME_FAILED,
                    "this connection is in a network already; resume on a new connection, before joining",
                    "resumeToken");
        }
        String hash = ResumeTokens.hash(token);
        Peer target = tokens.take(hash);
        if (target == null) {
            resumeFromOtherNode(connection, hash, frame, nowMillis);
            return;
        }
        // The cluster keeps a copy of the token's record: taking it makes the token single-use across nodes.
        if (!cluster.keepsParked(hash) || !peers.resumeOnto(connection, target, nowMillis)) {
            throw failed();
        }
        if (!registry.welcomeBack(target, transfers.activeOf(target), frame.requestId())) {
            throw failed(); // it left between the two steps; its connection is this one now, in no network
        }
        transfers.offerAgain(target);
    }

    private void resumeFromOtherNode(Peer connection, String hash, InboundFrame frame, long nowMillis) {
        ParkedMember parked = cluster.takeParked(hash);
        if (parked == null || nowMillis > parked.resumableUntilMillis()) {
            throw failed();
        }
        ClusterMember was = parked.member();
        Peer resumed = Peer.local(was.peerId(), connection.transport(), connection.clientAddress(),
                connection.limits(), nowMillis);
        if (!peers.adoptFromOtherNode(connection, resumed, nowMillis)) {
            return; // the new connection closed meanwhile: the old node's grace runs out as usual
        }
        List<ClusterMember> claimed = cluster.claim(parked.networkKey(), resumed, was.networkName(), was.userName(),
                was.deviceType());
        Peer twin = registry.seatResumed(resumed, parked.networkKey(), was.networkName(), was.userName(),
                was.deviceType(), claimed == null ? List.of() : claimed, frame.requestId());
        if (twin != null) {
            transfers.peerLeft(twin); // its copy as the other node's member left: its transfers here fail
        }
    }

    private static Rejection failed() {
        return new Rejection(ErrorCode.RESUME_FAILED, FAILED, "resumeToken");
    }
}
