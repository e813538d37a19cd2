package io.peershare.internal.inbound;

import io.peershare.internal.network.Peer;
import io.peershare.internal.peers.PeerTable;
import io.peershare.spi.Connection;
import io.peershare.spi.Transport;
import java.nio.ByteBuffer;
import java.time.Clock;

/**
 * The {@link Connection} a transport holds for one of this node's connections: frames in, the close reported. The
 * connection speaks for the peer it was opened as until it resumes another ({@link Peer#current()}); a connection
 * whose peer was resumed by a newer one is deaf from then on.
 */
public final class LocalConnection implements Connection {

    private final Peer opened;
    private final Transport transport;
    private final InboundPipeline pipeline;
    private final PeerTable peers;
    private final Clock clock;
    /** The code of a close the transport reported, so that a plain close racing it still counts it; 0 if none. */
    private volatile int transportCloseCode;

    public LocalConnection(Peer opened, InboundPipeline pipeline, PeerTable peers, Clock clock) {
        this.opened = opened;
        this.transport = opened.transport();
        this.pipeline = pipeline;
        this.peers = peers;
        this.clock = clock;
    }

    @Override
    public String peerId() {
        return opened.current().id();
    }

    @Override
    public void receive(byte[] frame) {
        Peer peer = opened.current();
        if (peer.transport() != transport) {
            return; // a newer connection resumed this connection's peer
        }
        EngineCall.run(() -> pipeline.receive(peer, frame));
    }

    @Override
    public void receiveBinary(ByteBuffer frame) {
        Peer peer = opened.current();
        if (peer.transport() != transport) {
            return; // a newer connection resumed this connection's peer
        }
        EngineCall.run(() -> pipeline.receiveBinary(peer, frame));
    }

    @Override
    public void receiveBinary(int length) {
        EngineCall.run(() -> pipeline.receiveBinary(opened.current(), length));
    }

    @Override
    public void closed() {
        closedByClient(0); // no close code of the client's: the socket simply went
    }

    @Override
    public void closedByClient(int closeCode) {
        int code = transportCloseCode;
        // Possibly from inside one of the engine's own sends: see EngineCall. The transport's own close is deferred
        // too, and the socket may go before it runs: its code is remembered.
        EngineCall.closeSoon(() -> peers.connectionClosed(opened, transport, clock.millis(), code, closeCode));
    }

    @Override
    public void closedByTransport(int closeCode) {
        transportCloseCode = closeCode;
        EngineCall.closeSoon(() -> peers.connectionClosed(opened, transport, clock.millis(), closeCode));
    }
}
