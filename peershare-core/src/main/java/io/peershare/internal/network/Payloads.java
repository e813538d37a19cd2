package io.peershare.internal.network;

import static io.peershare.internal.json.Jsons.JSON;

import io.peershare.config.IceServer;
import io.peershare.config.PeerShareConfig;
import io.peershare.model.ChatMessage;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.ArrayList;
import java.util.List;

/** The JSON shapes of the server's events, each documented in {@code docs/protocol.md}. */
public final class Payloads {

    private Payloads() {
    }

    /**
     * The part of {@code network-joined} that is the same for every join: ICE servers, heartbeat interval and
     * limits. Built once per engine.
     */
    public static JsonObject welcome(PeerShareConfig config) {
        return JSON.createObjectBuilder()
                .add("iceServers", iceServers(config.iceServers()))
                .add("heartbeatIntervalMs", config.heartbeatInterval().toMillis())
                .add("limits", JSON.createObjectBuilder()
                        .add("maxFileSize", config.maxFileSize())
                        .add("maxMessageLength", config.maxMessageLength())
                        .add("maxUserNameLength", config.maxUserNameLength())
                        .add("maxNetworkNameLength", config.maxNetworkNameLength())
                        .add("maxFileNameLength", config.maxFileNameLength())
                        .add("maxUsersPerNetwork", config.maxUsersPerNetwork())
                        .add("maxSignalSize", config.maxSignalSize())
                        .add("maxFrameSize", config.maxFrameSize())
                        .add("maxTransfersPerPeer", config.maxTransfersPerPeer())
                        .add("transferRequestTimeoutMs", config.transferRequestTimeout().toMillis()))
                .build();
    }

    /**
     * {@code network-joined}: the shared {@link #welcome} part, who the peer now is and its token to resume with;
     * after a resume also {@code resumed} and the peer's transfers still going ({@code transfers}).
     */
    public static JsonObject joined(JsonObject welcome, Peer peer, Membership m, long serverTime, String resumeToken,
            JsonArray resumedTransfers, List<JsonObject> endedTransfers) {
        JsonObjectBuilder o = JSON.createObjectBuilder(welcome)
                .add("peerId", peer.id())
                .add("networkName", m.network().name())
                .add("userName", m.userName())
                .add("deviceType", m.deviceType())
                .add("serverTime", serverTime)
                .add("resumeToken", resumeToken);
        if (resumedTransfers != null) {
            o.add("resumed", true).add("transfers", resumedTransfers)
                    .add("endedTransfers", JSON.createArrayBuilder(endedTransfers));
        }
        return o.build();
    }

    /** {@code welcome} with one connection's ICE servers: the configured ones and its own TURN credentials. */
    public static JsonObject withIceServers(JsonObject welcome, List<IceServer> configured, IceServer own) {
        List<IceServer> all = new ArrayList<>(configured);
        all.add(own);
        return JSON.createObjectBuilder(welcome).add("iceServers", iceServers(all)).build();
    }

    /** {@code network-users-updated}. Caller holds the network's monitor. */
    public static JsonObject users(Network network) {
        JsonArrayBuilder users = JSON.createArrayBuilder();
        for (Peer member : network.members()) {
            Membership m = member.membership();
            JsonObjectBuilder user = JSON.createObjectBuilder()
                    .add("peerId", member.id())
                    .add("userName", m.userName())
                    .add("deviceType", m.deviceType());
            if (!member.isReachable()) {
                user.add("reachable", false); // on a server this one cannot reach right now
            }
            if (member.isAway()) {
                user.add("away", true); // its connection dropped; it may resume within the grace
            }
            users.add(user);
        }
        return JSON.createObjectBuilder().add("networkName", network.name()).add("users", users).build();
    }

    public static JsonObjectBuilder message(ChatMessage message) {
        JsonObjectBuilder o = JSON.createObjectBuilder()
                .add("id", message.id())
                .add("type", message.type() == ChatMessage.Type.USER ? "user" : "system");
        if (message.peerId() != null) {
            o.add("peerId", message.peerId());
        }
        if (message.userName() != null) {
            o.add("userName", message.userName());
        }
        return o.add("text", message.text()).add("timestamp", message.timestamp().toEpochMilli());
    }

    public static JsonObject history(List<ChatMessage> messages) {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        for (ChatMessage m : messages) {
            array.add(message(m));
        }
        return JSON.createObjectBuilder().add("messages", array).build();
    }

    /** ICE servers in the shape of {@code RTCConfiguration.iceServers}. */
    static JsonArray iceServers(List<IceServer> servers) {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        for (IceServer server : servers) {
            JsonObjectBuilder o = JSON.createObjectBuilder().add("urls", JSON.createArrayBuilder(server.urls()));
            if (server.username() != null) {
                o.add("username", server.username());
            }
            if (server.credential() != null) {
                o.add("credential", server.credential());
            }
            array.add(o);
        }
        return array.build();
    }
}
