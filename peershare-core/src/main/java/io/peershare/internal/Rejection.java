package io.peershare.internal;

import io.peershare.protocol.ErrorCode;

/**
 * A client event refused for a reason the client should hear about. Thrown by validation and handlers,
 * turned into one {@code error} event by the engine. Carries no stack trace: it is expected, not a bug.
 */
final class Rejection extends RuntimeException {

    private final ErrorCode code;
    private final String field;

    Rejection(ErrorCode code, String message) {
        this(code, message, null);
    }

    Rejection(ErrorCode code, String message, String field) {
        super(message, null, false, false);
        this.code = code;
        this.field = field;
    }

    ErrorCode code() {
        return code;
    }

    /** The offending field of the event's data, or {@code null}. */
    String field() {
        return field;
    }
}
