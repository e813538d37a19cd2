package io.peershare.protocol;

import jakarta.json.JsonValue;

/**
 * A frame that could not be decoded. Carries what could be read of it so that the error reply can still
 * name the event and echo the request id.
 */
public final class FrameException extends Exception {

    private final ErrorCode code;
    private final String event;
    private final JsonValue requestId;

    public FrameException(ErrorCode code, String message, String event, JsonValue requestId) {
        super(message, null, false, false);
        this.code = code;
        this.event = event;
        this.requestId = requestId;
    }

    public ErrorCode code() {
        return code;
    }

    /** The event name, if the frame got that far; otherwise {@code null}. */
    public String event() {
        return event;
    }

    /** The request id, if the frame had a valid one; otherwise {@code null}. */
    public JsonValue requestId() {
        return requestId;
    }
}
