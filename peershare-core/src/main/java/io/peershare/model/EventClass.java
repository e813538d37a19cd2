package io.peershare.model;

/** Groups of client events that share a rate limit. */
public enum EventClass {
    /** {@code join-wifi-network}, {@code leave-wifi-network}. */
    JOIN,
    /** {@code send-message}. */
    CHAT,
    /** {@code webrtc-signal}. */
    SIGNAL,
    /** Every {@code *-file-transfer} event, progress included. */
    TRANSFER,
    /** {@code heartbeat}, and frames that are malformed or name an unknown event. */
    CONTROL
}
