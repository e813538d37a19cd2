package io.peershare.internal;

import static io.peershare.internal.Jsons.JSON;

import io.peershare.spi.ChatMessage;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.List;

/** The JSON shapes of the server's events, each documented in {@code docs/protocol.md}. */
final class Payloads {

    private Payloads() {
    }

    /** {@code network-users-updated}. Caller holds the network's monitor. */
    static JsonObject users(Network network) {
        JsonArrayBuilder users = JSON.createArrayBuilder();
        for (Peer member : network.members()) {
            Peer.Membership m = member.membership();
            users.add(JSON.createObjectBuilder()
                    .add("peerId", member.id())
                    .add("userName", m.userName())
                    .add("deviceType", m.deviceType()));
        }
        return JSON.createObjectBuilder().add("networkName", network.name()).add("users", users).build();
    }

    static JsonObjectBuilder message(ChatMessage message) {
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

    static JsonObject history(List<ChatMessage> messages) {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        for (ChatMessage m : messages) {
            array.add(message(m));
        }
        return JSON.createObjectBuilder().add("messages", array).build();
    }

    static JsonObject transfer(Transfer t, String by, String reason) {
        JsonObjectBuilder o = JSON.createObjectBuilder()
                .add("transferId", t.id())
                .add("from", t.sender().id())
                .add("to", t.receiver().id())
                .add("fileName", t.fileName())
                .add("fileSize", t.fileSize())
                .add("mimeType", t.mimeType())
                .add("state", t.state().name().toLowerCase(java.util.Locale.ROOT))
                .add("bytesTransferred", t.bytesTransferred());
        if (by != null) {
            o.add("by", by);
        }
        if (reason != null) {
            o.add("reason", reason);
        }
        return o.build();
    }
}
