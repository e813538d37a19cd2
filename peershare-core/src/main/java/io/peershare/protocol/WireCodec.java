package io.peershare.protocol;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * Turns text frames into events and events into text frames. The engine speaks only to this interface,
 * so another framing (for example Socket.IO's) can be added without touching it.
 *
 * <p>Implementations must be thread-safe and stateless per frame.
 */
public interface WireCodec {

    /** Decodes one frame, or explains precisely why it cannot. */
    InboundFrame decode(String frame) throws FrameException;

    /**
     * Encodes one event.
     *
     * @param requestId the id to echo, or {@code null}
     */
    String encode(String event, JsonObject data, JsonValue requestId);

    /**
     * Encodes a relayed WebRTC signal ({@code webrtc-signal-received}), the engine's hottest frame.
     * {@code signalJson} is {@code signal} already serialized (the engine needs it for the size check); a codec
     * may splice it in rather than serialize the signal again.
     */
    default String encodeRelayedSignal(String fromPeerId, JsonObject signal, String signalJson) {
        return encode(Events.SIGNAL_RECEIVED, Json.createObjectBuilder().add("from", fromPeerId).add("signal", signal)
                .build(), null);
    }
}
