package io.peershare.internal.network;

import static io.peershare.internal.json.Jsons.JSON;

import io.peershare.internal.stats.EngineStats;
import io.peershare.protocol.ErrorCode;
import io.peershare.protocol.Events;
import io.peershare.protocol.OutboundFrame;
import io.peershare.protocol.WireCodec;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.lang.System.Logger.Level;

/**
 * Encodes events and hands frames to transports. A transport that throws is logged and skipped, so one
 * broken connection never stops a broadcast to the others.
 */
public final class Outbound {

    private static final System.Logger LOG = System.getLogger(Outbound.class.getName());
    /** Longest event name echoed back in an error; a client's invented name could be long. */
    private static final int MAX_ECHOED_EVENT_LENGTH = 64;

    private final WireCodec codec;
    private final EngineStats stats;

    public Outbound(WireCodec codec, EngineStats stats) {
        this.codec = codec;
        this.stats = stats;
    }

    public WireCodec codec() {
        return codec;
    }

    /** One frame, encoded once, for sending to many members. */
    public OutboundFrame encode(String event, JsonObject data) {
        return codec.encode(event, data, null);
    }

    public void send(Peer to, String event, JsonObject data, JsonValue requestId) {
        deliver(to, codec.encode(event, data, requestId));
    }

    public void deliver(Peer to, OutboundFrame frame) {
        if (!to.isReachable()) {
            return; // a member of a node this one cannot reach; it is shown as unreachable
        }
        try {
            to.transport().send(frame);
            stats.framesSent.increment();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "transport of peer " + to.id() + " failed to send; skipping it", e);
        }
    }

    /** Sends one frame to every member. Caller holds the network's monitor. */
    public void broadcast(Network network, OutboundFrame frame) {
        for (Peer member : network.members()) {
            deliver(member, frame);
        }
    }

    /**
     * Sends one frame to the members connected to this node only: presence is told by each node to its own
     * members. Caller holds the network's monitor.
     */
    public void broadcastLocal(Network network, OutboundFrame frame) {
        for (Peer member : network.members()) {
            if (!member.isRemote()) {
                deliver(member, frame);
            }
        }
    }

    /** Tells this node's members of a network who is in it now. Caller holds the network's monitor. */
    public void usersUpdated(Network network) {
        broadcastLocal(network, encode(Events.USERS_UPDATED, Payloads.users(network)));
    }

    public void error(Peer to, ErrorCode code, String message, String event, JsonValue requestId, String field) {
        stats.error(code);
        JsonObjectBuilder data = JSON.createObjectBuilder().add("code", code.name()).add("message", message);
        if (event != null) {
            data.add("event", event.length() > MAX_ECHOED_EVENT_LENGTH ? event.substring(0, MAX_ECHOED_EVENT_LENGTH) : event);
        }
        if (field != null) {
            data.add("field", field);
        }
        if (requestId != null) {
            data.add("requestId", requestId);
        }
        send(to, Events.ERROR, data.build(), requestId);
    }
}
