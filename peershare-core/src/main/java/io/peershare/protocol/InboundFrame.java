package io.peershare.protocol;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * One decoded client frame.
 *
 * @param event     the event name
 * @param data      the event's payload; an empty object when the frame had none
 * @param requestId the client's correlation id (a string or number), or {@code null}
 */
public record InboundFrame(String event, JsonObject data, JsonValue requestId) {
}
