package io.peershare.internal.inbound;

import io.peershare.Connection;
import io.peershare.internal.network.Peer;

/** The {@link Connection} a transport holds for one of this node's peers: frames in, the close reported. */
public final class LocalConnection implements Connection {

    private final Peer peer;
    private final InboundPipeline pipeline;
    private final PeerTable peers;
    /** The code of a close the transport reported, so that a plain close racing it still counts it; 0 if none. */
    private volatile int transportCloseCode;

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
    public void receive(byte[] frame) {
        EngineCall.run(() -> pipeline.receive(peer, frame));
    }

    @Override
    public void receiveBinary(int length) {
        EngineCall.run(() -> pipeline.receiveBinary(peer, length));
    }

    @Override
    public void closed() {
        int code = transportCloseCode;
        if (code != 0) {
            // The transport's own close is deferred (see EngineCall); the socket may go before it runs.
            closedByTransport(code);
            return;
        }
        // Possibly from inside one of the engine's own sends: see EngineCall.
        EngineCall.closeSoon(() -> peers.disconnect(peer, 0, null, null));
    }

    @Override
    public void closedByTransport(int closeCode) {
        transportCloseCode = closeCode;
        EngineCall.closeSoon(() -> peers.closedByTransport(peer, closeCode));
    }
}
