package io.peershare.internal.inbound;

import io.peershare.Connection;
import io.peershare.internal.network.Peer;

/** The {@link Connection} a transport holds for one of this node's peers: frames in, the close reported. */
public final class LocalConnection implements Connection {

    private final Peer peer;
    private final InboundPipeline pipeline;
    private final PeerTable peers;

    public LocalConnection(Peer peer, InboundPipeline pipeline, PeerTable peers) {
        this.peer = peer;
        this.pipeline = pipeline;
        this.peers = peers;
    }

    @Override
    public String peerId() {
        return peer.id();
    }

    @Override
    public void receive(String frame) {
        EngineCall.run(() -> pipeline.receive(peer, frame));
    }

    @Override
    public void closed() {
        // Possibly from inside one of the engine's own sends: see EngineCall.
        EngineCall.closeSoon(() -> peers.disconnect(peer, 0, null, null));
    }
}
