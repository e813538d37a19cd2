package io.peershare.protocol;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * Turns client frames into events and events into frames. The engine speaks only to this interface, so another
 * framing (for example Socket.IO's) plugs in without touching it. Frames are UTF-8 bytes both ways.
 *
 * <p>Implementations must be thread-safe and stateless per frame.
 */
public interface WireCodec {

    /**
     * Decodes one frame, or explains precisely why it cannot. The returned frame may refer to {@code frame}'s
     * bytes, which the caller must then leave unchanged.
     */
    InboundFrame decode(byte[] frame, int offset, int length) throws FrameException;

    /**
     * Encodes one event.
     *
     * @param requestId the id to echo, or {@code null}
     */
    OutboundFrame encode(String event, JsonObject data, JsonValue requestId);

    /**
     * Encodes a relayed WebRTC signal ({@code webrtc-signal-received}), the engine's hottest frame: the signal is
     * the JSON object at {@code offset} in {@code json} as the sender wrote it, spliced in without being parsed
     * into objects and written again.
     */
    OutboundFrame encodeRelayedSignal(String fromPeerId, byte[] json, int offset, int length);
}
