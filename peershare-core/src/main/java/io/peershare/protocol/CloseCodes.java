package io.peershare.protocol;

/** WebSocket close codes PeerShare uses. Codes 4000-4999 are PeerShare's own. */
public final class CloseCodes {

    /** The server is shutting down (standard "going away"). */
    public static final int GOING_AWAY = 1001;
    /** A frame was larger than the transport accepts (standard "message too big"). */
    public static final int MESSAGE_TOO_BIG = 1009;
    /** An unexpected server error (standard "internal error"). */
    public static final int INTERNAL_ERROR = 1011;
    /** Nothing was received for longer than the heartbeat timeout. */
    public static final int HEARTBEAT_TIMEOUT = 4000;
    /** The client kept sending after being told it was rate limited. */
    public static final int RATE_LIMIT_ABUSE = 4008;
    /** The client did not read its frames fast enough and its outbound queue overflowed. */
    public static final int SLOW_CONSUMER = 4009;

    private CloseCodes() {
    }
}
