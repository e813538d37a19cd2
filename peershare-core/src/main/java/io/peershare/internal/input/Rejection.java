package io.peershare.internal.input;

import io.peershare.protocol.ErrorCode;

/**
 * A client event refused for a reason the client should hear about. Thrown by validation and handlers,
 * turned into one {@code error} event by the engine. Carries no stack trace: it is expected, not a bug.
 */
public final class Rejection extends RuntimeException {

    private final ErrorCode code;
    private final String field;

    public Rejection(ErrorCode code, String message) {
        this(code, message, null);
    }

    public Rejection(ErrorCode code, String message, String field) {
        super(message, null, false, false);
        this.code = code;
        this.field = field;
    }

    public ErrorCode code() {
        return code;
    }

    /** The offending field of the event's data, or {@code null}. */
    public String field() {
        return field;
    }
}
