package io.peershare.protocol;

/**
 * Limits every reader of client JSON keeps while parsing, before a hostile frame can cost more than its size:
 * the engine's, and those of layers in front of it (Socket.IO packets). Exceeding one is
 * {@link ErrorCode#FRAME_TOO_COMPLEX}.
 */
public final class JsonLimits {

    /** Deepest nesting a client frame may have; signals from browsers nest a handful of levels. */
    public static final int MAX_DEPTH = 64;
    /** Longest number, in characters; a size in bytes needs at most 19 digits. */
    public static final int MAX_NUMBER_LENGTH = 100;

    private JsonLimits() {
    }
}
