package io.peershare.protocol;

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
}
