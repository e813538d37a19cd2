package io.peershare.protocol;

import java.nio.charset.StandardCharsets;

/** WebSocket close codes PeerShare uses. Codes 4000-4999 are PeerShare's own. */
public final class CloseCodes {

    /** The server is shutting down (standard "going away"). */
    public static final int GOING_AWAY = 1001;
    /** The client broke the WebSocket protocol, such as fragments out of order (standard "protocol error"). */
    public static final int PROTOCOL_ERROR = 1002;
    /** The client sent a binary frame; the protocol is text (standard "unsupported data"). */
    public static final int UNSUPPORTED_DATA = 1003;
    /** A text frame was not valid UTF-8 (standard "invalid frame payload data"). */
    public static final int INVALID_PAYLOAD = 1007;
    /** A frame was larger than the transport accepts (standard "message too big"). */
    public static final int MESSAGE_TOO_BIG = 1009;
    /** An unexpected server error (standard "internal error"). */
    public static final int INTERNAL_ERROR = 1011;
    /**
     * The client's address opens connections faster than the server allows one address, or cools down after
     * repeated abuse; the reason says for how long (standard "try again later"). Reconnect after a pause.
     */
    public static final int TRY_AGAIN_LATER = 1013;
    /** Nothing was received for longer than the heartbeat timeout. */
    public static final int HEARTBEAT_TIMEOUT = 4000;
    /** The client kept sending after being told it was rate limited. */
    public static final int RATE_LIMIT_ABUSE = 4008;
    /** The client did not read its frames fast enough and its outbound queue overflowed. */
    public static final int SLOW_CONSUMER = 4009;
    /**
     * Another connection resumed this connection's session with its token (the client came back on a new socket
     * before the server noticed this one was dead). A client must not reconnect after it.
     */
    public static final int RESUMED_ELSEWHERE = 4010;
    /** The client's address already has as many connections open as the server allows one address. */
    public static final int TOO_MANY_CONNECTIONS = 4029;

    /** Longest close reason a WebSocket close frame carries, in bytes of UTF-8 (RFC 6455, section 5.5). */
    public static final int MAX_REASON_BYTES = 123;

    private CloseCodes() {
    }

    /** Whether a close with {@code code} is for something no well-behaved client does, which counts toward a cooldown. */
    public static boolean isAbuse(int code) {
        return code == RATE_LIMIT_ABUSE || code == MESSAGE_TOO_BIG || code == UNSUPPORTED_DATA
                || code == INVALID_PAYLOAD || code == PROTOCOL_ERROR;
    }

    /** The name under which closes with {@code code} are counted in the statistics. */
    public static String statisticName(int code) {
        return switch (code) {
            case GOING_AWAY -> "shutdown";
            case PROTOCOL_ERROR -> "protocolError";
            case UNSUPPORTED_DATA -> "binaryFrame";
            case INVALID_PAYLOAD -> "invalidUtf8";
            case MESSAGE_TOO_BIG -> "messageTooBig";
            case INTERNAL_ERROR -> "sendFailed";
            case TRY_AGAIN_LATER -> "tryAgainLater";
            case HEARTBEAT_TIMEOUT -> "heartbeatTimeout";
            case RATE_LIMIT_ABUSE -> "rateLimitAbuse";
            case SLOW_CONSUMER -> "slowConsumer";
            case RESUMED_ELSEWHERE -> "resumedElsewhere";
            case TOO_MANY_CONNECTIONS -> "tooManyConnections";
            default -> "code" + code;
        };
    }

    /** {@code reason} cut to {@link #MAX_REASON_BYTES} bytes of UTF-8 without splitting a character; "" for null. */
    public static String fitReason(String reason) {
        if (reason == null) {
            return "";
        }
        if (reason.getBytes(StandardCharsets.UTF_8).length <= MAX_REASON_BYTES) {
            return reason;
        }
        int end = reason.length();
        while (reason.substring(0, end).getBytes(StandardCharsets.UTF_8).length > MAX_REASON_BYTES) {
            end = Character.isLowSurrogate(reason.charAt(end - 1)) ? end - 2 : end - 1;
        }
        return reason.substring(0, end);
    }
}
