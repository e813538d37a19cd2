package io.peershare.protocol;

/**
 * Stable machine-readable codes of {@code error} events. Clients may switch on them; new codes may be
 * added, existing ones are never renamed.
 */
public enum ErrorCode {
    /** The frame is not valid JSON. */
    MALFORMED_JSON,
    /** The frame is JSON but not an event envelope: not an object, or no string {@code event}. */
    INVALID_FRAME,
    /** The frame is larger than the engine accepts. */
    FRAME_TOO_LARGE,
    /** The frame's JSON nests deeper, or holds a longer number, than a client event ever needs. */
    FRAME_TOO_COMPLEX,
    /** The {@code event} names no event the server knows. */
    UNKNOWN_EVENT,
    /** {@code requestId} is neither a string of at most 64 characters nor a number. */
    INVALID_REQUEST_ID,
    /** A required field is absent or null. */
    MISSING_FIELD,
    /** A field has the wrong JSON type. */
    INVALID_FIELD_TYPE,
    /** A field has the right type but a value outside what is allowed. */
    INVALID_FIELD_VALUE,
    /** A text field is longer than its limit. */
    FIELD_TOO_LONG,
    /** A text field is empty once trimmed and stripped of control characters. */
    EMPTY_FIELD,
    /** The event needs the client to have joined a network first. */
    NOT_IN_NETWORK,
    /** The network already holds its maximum number of users. */
    NETWORK_FULL,
    /**
     * The join would make a new network, and the client's address already keeps as many networks with people in them
     * as the server allows one address; join one of them, or leave one.
     */
    TOO_MANY_NETWORKS,
    /** The host application's admission policy refused the join. */
    JOIN_DENIED,
    /** The resume token is unknown, already used or expired: join again. */
    RESUME_FAILED,
    /** The target lost its connection and may resume within the grace; try again in a few seconds. */
    PEER_AWAY,
    /** No such peer in the sender's network (including peers that exist in another network). */
    PEER_NOT_FOUND,
    /** The target of a signal or transfer is the sender itself. */
    CANNOT_TARGET_SELF,
    /** A WebRTC signal is larger than the limit. */
    SIGNAL_TOO_LARGE,
    /** A file is larger than the maximum file size. */
    FILE_TOO_LARGE,
    /** The sender or the target already has the maximum number of active transfers. */
    TRANSFER_LIMIT_REACHED,
    /** No such transfer involving the sender (including transfers of other peers). */
    TRANSFER_NOT_FOUND,
    /** The transfer is not in a state that allows this event, or the sender has the wrong role for it. */
    INVALID_TRANSFER_STATE,
    /**
     * The server cannot relay this transfer: it relays none, or one side's connection cannot carry binary frames
     * (Socket.IO over long-polling), or the receiver is on another node of the cluster.
     */
    RELAY_UNAVAILABLE,
    /** The sender or the receiver already has as many relays open as the server allows one peer. */
    RELAY_LIMIT_REACHED,
    /** The sender's or the receiver's address has relayed as many bytes today as the server allows. */
    RELAY_QUOTA_EXCEEDED,
    /**
     * A relayed chunk was refused (out of order, past the file's size, past the receiver's credit, or for a relay
     * that is not open); the relay has ended.
     */
    RELAY_CHUNK_REFUSED,
    /** The event needs another node of the cluster, which cannot be reached right now; try again. */
    CLUSTER_UNAVAILABLE,
    /** Too many events of this kind; slow down. */
    RATE_LIMITED,
    /** The server failed while handling the event; other clients are unaffected. */
    INTERNAL_ERROR
}
