package io.peershare.internal.signal;

import io.peershare.config.PeerShareConfig;
import io.peershare.internal.input.Rejection;
import io.peershare.internal.network.Network;
import io.peershare.internal.network.Outbound;
import io.peershare.internal.network.Peer;
import io.peershare.internal.stats.EngineStats;
import io.peershare.protocol.ErrorCode;
import io.peershare.protocol.InboundFrame;
import io.peershare.protocol.OutboundFrame;

/**
 * Relays WebRTC signals (offers, answers, ICE candidates, anything else) from one peer to another peer of the
 * same network. The signal is opaque to the server: it is neither parsed into objects nor written again, only
 * measured and spliced into the outgoing frame.
 *
 * <p>Threading: the target is looked up and sent to under the network's monitor, so a signal never reaches a
 * peer that has just left for another network.
 */
public final class SignalRouter {

    private final PeerShareConfig config;
    private final Outbound out;
    private final EngineStats stats;

    public SignalRouter(PeerShareConfig config, Outbound out, EngineStats stats) {
        this.config = config;
        this.out = out;
        this.stats = stats;
    }

    /** Relays the signal in {@code frame} as the bytes it arrived in; only its size and its target are checked. */
    public void relay(Peer from, InboundFrame frame, long nowMillis) {
        SignalFields fields = SignalFields.read(frame);
        if (fields.signalLength() > config.maxSignalSize()) {
            throw new Rejection(ErrorCode.SIGNAL_TOO_LARGE, "signal is " + fields.signalLength()
                    + " bytes of JSON, more than the limit of " + config.maxSignalSize(), "signal");
        }
        Network network = from.requireMembership().network();
        OutboundFrame relayed = out.codec().encodeRelayedSignal(from.id(), frame.dataBuffer(), fields.signalOffset(),
                fields.signalLength());
        synchronized (network) {
            Peer to = network.requireMember(from, fields.to()).requireReachable().requirePresent();
            // Counted before the peer can receive it, so that statistics read after a delivery include it.
            stats.signals.increment();
            stats.signalsPerMinute.increment(nowMillis);
            out.deliver(to, relayed);
        }
    }
}
