package io.peershare.internal.signal;

import io.peershare.PeerShareConfig;
import io.peershare.internal.input.InputValidator;
import io.peershare.internal.input.Rejection;
import io.peershare.internal.network.Network;
import io.peershare.internal.network.Peer;
import io.peershare.internal.stats.EngineStats;
import io.peershare.internal.network.Outbound;
import io.peershare.protocol.ErrorCode;
import jakarta.json.JsonObject;

/**
 * Relays WebRTC signals (offers, answers, ICE candidates, anything else) from one peer to another peer of the
 * same network. The signal is opaque to the server; only its size is checked.
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

    public void relay(Peer from, JsonObject data, long nowMillis) {
        String to = InputValidator.requiredId(data, "to");
        JsonObject signal = InputValidator.requiredObject(data, "signal");
        String signalJson = signal.toString();
        if (signalJson.length() > config.maxSignalSize()) {
            throw new Rejection(ErrorCode.SIGNAL_TOO_LARGE, "signal is " + signalJson.length()
                    + " characters of JSON, more than the limit of " + config.maxSignalSize(), "signal");
        }
        Network network = from.requireMembership().network();
        synchronized (network) {
            Peer target = network.requireMember(from, to);
            out.deliver(target, out.codec().encodeRelayedSignal(from.id(), signal, signalJson));
        }
        stats.signals.increment();
        stats.signalsPerMinute.increment(nowMillis);
    }
}
