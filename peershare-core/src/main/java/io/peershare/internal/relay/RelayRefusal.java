package io.peershare.internal.relay;

/** Why the server refuses to open a relay, or to pass on a relay's chunk or acknowledgement. */
public enum RelayRefusal {
    /** The server relays nothing ({@code RELAY_ENABLED=false}, or an embedder that did not turn it on). */
    DISABLED,
    /** One side's connection carries no binary frames (Socket.IO), or the receiver is on another node. */
    UNAVAILABLE,
    /** The peer already has as many relays as it may have at once. */
    TOO_MANY_RELAYS,
    /** The peer's address has used its relay bytes for the day. */
    QUOTA_EXCEEDED,
    /** The relay is over (finished, cancelled or idle for too long). */
    NOT_OPEN,
    /** A chunk does not start where the last one ended. */
    OUT_OF_ORDER,
    /** A chunk would take the transfer past its announced size and the cipher's framing. */
    SIZE_EXCEEDED,
    /** A chunk would take the sender past the credit its receiver gave. */
    WINDOW_EXCEEDED,
    /** An acknowledgement goes backwards, or past what was relayed. */
    INVALID_ACK
}
