package io.peershare.protocol;

/** Event names on the wire. Each is documented, with its fields, in {@code docs/protocol.md}. */
public final class Events {

    // Client to server.
    public static final String JOIN = "join-wifi-network";
    public static final String LEAVE = "leave-wifi-network";
    public static final String RESUME = "resume";
    public static final String SEND_MESSAGE = "send-message";
    public static final String SIGNAL = "webrtc-signal";
    public static final String INITIATE_TRANSFER = "initiate-file-transfer";
    public static final String ACCEPT_TRANSFER = "accept-file-transfer";
    public static final String REJECT_TRANSFER = "reject-file-transfer";
    public static final String TRANSFER_PROGRESS = "file-transfer-progress";
    public static final String COMPLETE_TRANSFER = "complete-file-transfer";
    public static final String CANCEL_TRANSFER = "cancel-file-transfer";
    public static final String HEARTBEAT = "heartbeat";
    public static final String REQUEST_RELAY = "request-relay";
    public static final String RELAY_ACK = "relay-ack";
    /** Not an event a client sends: the name errors about a relayed chunk (a binary frame) carry. */
    public static final String RELAY_CHUNK = "relay-chunk";

    // Server to client.
    public static final String JOINED = "network-joined";
    public static final String LEFT = "network-left";
    public static final String HISTORY = "message-history";
    public static final String USERS_UPDATED = "network-users-updated";
    public static final String NEW_MESSAGE = "new-message";
    public static final String SIGNAL_RECEIVED = "webrtc-signal-received";
    public static final String TRANSFER_REQUEST = "file-transfer-request";
    public static final String TRANSFER_INITIATED = "file-transfer-initiated";
    public static final String TRANSFER_ACCEPTED = "file-transfer-accepted";
    public static final String TRANSFER_REJECTED = "file-transfer-rejected";
    public static final String TRANSFER_PROGRESSED = "file-transfer-progress";
    public static final String TRANSFER_COMPLETED = "file-transfer-completed";
    public static final String TRANSFER_CANCELLED = "file-transfer-cancelled";
    public static final String TRANSFER_FAILED = "file-transfer-failed";
    public static final String HEARTBEAT_ACK = "heartbeat-ack";
    public static final String ICE_SERVERS_UPDATED = "ice-servers-updated";
    public static final String RELAY_GRANTED = "relay-granted";
    public static final String RELAY_CREDIT = "relay-credit";
    public static final String RELAY_ENDED = "relay-ended";
    public static final String ERROR = "error";

    private Events() {
    }
}
