package io.peershare.redis;

import io.peershare.spi.ClusterListener;
import io.peershare.model.ClusterMember;
import io.peershare.model.ParkedMember;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The JSON messages nodes exchange through Redis, and their dispatch to the engine. Every message names its
 * type ({@code t}) and the node that sent it ({@code n}); for a transfer's messages that node is the owner.
 */
final class ClusterMessages {

    private static final JsonProvider JSON = JsonProvider.provider();

    private ClusterMessages() {
    }

    static String member(ClusterMember m) {
        return memberJson(m).toString();
    }

    private static JsonObject memberJson(ClusterMember m) {
        return JSON.createObjectBuilder().add("peerId", m.peerId()).add("nodeId", m.nodeId())
                .add("networkName", m.networkName()).add("userName", m.userName()).add("deviceType", m.deviceType())
                .build();
    }

    static ClusterMember member(JsonObject o) {
        return new ClusterMember(o.getString("peerId"), o.getString("nodeId"), o.getString("networkName"),
                o.getString("userName"), o.getString("deviceType"));
    }

    static String parked(ParkedMember p) {
        return JSON.createObjectBuilder().add("networkKey", p.networkKey()).add("member", memberJson(p.member()))
                .add("resumableUntil", p.resumableUntilMillis()).build().toString();
    }

    static ParkedMember parked(String json) {
        JsonObject o = parse(json);
        return new ParkedMember(o.getString("networkKey"), member(o.getJsonObject("member")),
                o.getJsonNumber("resumableUntil").longValueExact());
    }

    static List<ClusterMember> members(Map<String, String> hash) {
        List<ClusterMember> result = new ArrayList<>(hash.size());
        for (String value : hash.values()) {
            result.add(member(parse(value)));
        }
        return result;
    }

    static String joined(String fromNode, ClusterMember m) {
        return JSON.createObjectBuilder().add("t", "join").add("n", fromNode).add("m", memberJson(m)).build().toString();
    }

    static String left(String fromNode, String peerId, boolean vanished) {
        return JSON.createObjectBuilder().add("t", "leave").add("n", fromNode).add("p", peerId).add("v", vanished)
                .build().toString();
    }

    static String deliver(String fromNode, String networkKey, String peerId, String frame) {
        return toNode("deliver", fromNode, networkKey, peerId).add("f", frame).build().toString();
    }

    static String forward(String fromNode, String networkKey, String fromPeerId, String frame) {
        return toNode("fwd", fromNode, networkKey, fromPeerId).add("f", frame).build().toString();
    }

    /** Node {@code fromNode} owns transfer {@code transferId}, offered to {@code peerId} on the receiving node. */
    static String transferOpened(String fromNode, String networkKey, String peerId, String transferId) {
        return toNode("transfer-opened", fromNode, networkKey, peerId).add("x", transferId).build().toString();
    }

    static String transferEnded(String fromNode, String networkKey, String peerId, String transferId) {
        return toNode("transfer-ended", fromNode, networkKey, peerId).add("x", transferId).build().toString();
    }

    /** A message on a node's own channel: about one peer ({@code p}) in one network ({@code k}). */
    private static JsonObjectBuilder toNode(String type, String fromNode, String networkKey, String peerId) {
        return JSON.createObjectBuilder().add("t", type).add("n", fromNode).add("k", networkKey).add("p", peerId);
    }

    /**
     * Hands one message to the engine. Presence messages name their network by channel; a node ignores its
     * own presence messages.
     */
    static void dispatch(String message, String selfNode, String channelNetwork, ClusterListener listener) {
        JsonObject o = parse(message);
        String from = o.getString("n");
        switch (o.getString("t")) {
            case "join" -> {
                if (!from.equals(selfNode) && channelNetwork != null) {
                    listener.remoteJoined(channelNetwork, member(o.getJsonObject("m")));
                }
            }
            case "leave" -> {
                if (channelNetwork != null && (!from.equals(selfNode) || o.getBoolean("v", false))) {
                    listener.remoteLeft(channelNetwork, o.getString("p"), o.getBoolean("v", false));
                }
            }
            case "deliver" -> listener.deliver(o.getString("k"), o.getString("p"), o.getString("f"), from);
            case "fwd" -> listener.forwarded(o.getString("k"), o.getString("p"), o.getString("f"), from);
            case "transfer-opened" -> listener.transferOpened(o.getString("k"), o.getString("p"), o.getString("x"), from);
            case "transfer-ended" -> listener.transferEnded(o.getString("k"), o.getString("p"), o.getString("x"), from);
            default -> throw new IllegalArgumentException("unknown cluster message type " + o.getString("t"));
        }
    }

    static JsonObject parse(String json) {
        return JSON.createReader(new StringReader(json)).readObject();
    }
}
