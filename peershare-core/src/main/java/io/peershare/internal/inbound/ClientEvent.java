package io.peershare.internal.inbound;

import io.peershare.model.EventClass;
import io.peershare.protocol.Events;
import java.util.HashMap;
import java.util.Map;

/** The events a client may send, each with the rate-limit class it counts against. */
enum ClientEvent {
    JOIN(Events.JOIN, EventClass.JOIN),
    LEAVE(Events.LEAVE, EventClass.JOIN),
    RESUME(Events.RESUME, EventClass.JOIN),
    SEND_MESSAGE(Events.SEND_MESSAGE, EventClass.CHAT),
    SIGNAL(Events.SIGNAL, EventClass.SIGNAL),
    INITIATE_TRANSFER(Events.INITIATE_TRANSFER, EventClass.TRANSFER),
    ACCEPT_TRANSFER(Events.ACCEPT_TRANSFER, EventClass.TRANSFER),
    REJECT_TRANSFER(Events.REJECT_TRANSFER, EventClass.TRANSFER),
    TRANSFER_PROGRESS(Events.TRANSFER_PROGRESS, EventClass.TRANSFER),
    COMPLETE_TRANSFER(Events.COMPLETE_TRANSFER, EventClass.TRANSFER),
    CANCEL_TRANSFER(Events.CANCEL_TRANSFER, EventClass.TRANSFER),
    REQUEST_RELAY(Events.REQUEST_RELAY, EventClass.TRANSFER),
    /** Not rate-limited: each must move its relay's window by a chunk or to its end (see InboundPipeline). */
    RELAY_ACK(Events.RELAY_ACK, EventClass.SIGNAL),
    HEARTBEAT(Events.HEARTBEAT, EventClass.CONTROL);

    private static final Map<String, ClientEvent> BY_NAME = new HashMap<>();

    static {
        for (ClientEvent event : values()) {
            BY_NAME.put(event.wireName, event);
        }
    }

    private final String wireName;
    private final EventClass eventClass;

    ClientEvent(String wireName, EventClass eventClass) {
        this.wireName = wireName;
        this.eventClass = eventClass;
    }

    /** The event with this name on the wire, or {@code null} for a name the server does not know. */
    static ClientEvent named(String wireName) {
        return BY_NAME.get(wireName);
    }

    EventClass eventClass() {
        return eventClass;
    }

    /** An answer to a transfer someone else offered, or a report on it: the node that keeps the transfer runs it. */
    boolean concernsExistingTransfer() {
        return eventClass == EventClass.TRANSFER && this != INITIATE_TRANSFER && this != REQUEST_RELAY;
    }
}
