package io.peershare.socketio;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Objects;
import java.util.Set;

/**
 * One Socket.IO v5 packet, as carried in an Engine.IO message: {@code <type>[<attachments>-][<namespace>,][<ack
 * id>][<JSON>]}, for example {@code 2["send-message",{"text":"hi"}]} or {@code 312[{"event":"error",...}]}. The
 * payload is kept as the JSON text it arrived as. Immutable.
 *
 * @param namespace   {@code "/"} for the main namespace
 * @param attachments binary attachments announced by a binary packet; 0 for the others
 * @param ackId       the acknowledgement id, or {@code -1} for none
 * @param payload     the JSON text, or {@code null} for none
 */
public record SocketIoPacket(Type type, String namespace, int attachments, long ackId, String payload) {

    /** Attachments a binary packet may announce, as Socket.IO's own parser allows by default. */
    public static final int MAX_ATTACHMENTS = 10;
    /** Digits of an acknowledgement id: ids count up from 0 per connection. */
    private static final int MAX_ACK_ID_DIGITS = 15;
    /** Event names Socket.IO keeps for itself. */
    private static final Set<String> RESERVED_EVENTS = Set.of("connect", "connect_error", "disconnect",
            "disconnecting", "newListener", "removeListener");

    /** Socket.IO v5 packet types, with the digit each is written as. */
    public enum Type {
        CONNECT, DISCONNECT, EVENT, ACK, CONNECT_ERROR, BINARY_EVENT, BINARY_ACK;

        char digit() {
            return (char) ('0' + ordinal());
        }

        boolean isBinary() {
            return this == BINARY_EVENT || this == BINARY_ACK;
        }
    }

    public SocketIoPacket {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(namespace, "namespace");
    }

    /** An EVENT to the main namespace: {@code 2["name",...]} from the JSON array {@code args}. */
    public static SocketIoPacket event(String argsArray) {
        return new SocketIoPacket(Type.EVENT, "/", 0, -1, argsArray);
    }

    /** An ACK to the main namespace: {@code 3<id>[...]}. */
    public static SocketIoPacket ack(long ackId, String argsArray) {
        return new SocketIoPacket(Type.ACK, "/", 0, ackId, argsArray);
    }

    public boolean hasAckId() {
        return ackId >= 0;
    }

    /** Parses and checks a packet as the specification requires; any violation is malformed. */
    public static SocketIoPacket decode(String encoded) throws MalformedPacketException {
        if (encoded.isEmpty()) {
            throw new MalformedPacketException("empty Socket.IO packet");
        }
        char first = encoded.charAt(0);
        if (first < '0' || first > '6') {
            throw new MalformedPacketException("unknown Socket.IO packet type");
        }
        Type type = Type.values()[first - '0'];
        int at = 1;
        int attachments = 0;
        if (type.isBinary()) {
            int dash = encoded.indexOf('-', at);
            if (dash < 0 || dash == at || dash - at > 2 || !digits(encoded, at, dash)) {
                throw new MalformedPacketException("illegal attachments");
            }
            attachments = Integer.parseInt(encoded, at, dash, 10);
            if (attachments > MAX_ATTACHMENTS) {
                throw new MalformedPacketException("too many attachments");
            }
            at = dash + 1;
        }
        String namespace = "/";
        if (at < encoded.length() && encoded.charAt(at) == '/') {
            int comma = encoded.indexOf(',', at);
            int end = comma < 0 ? encoded.length() : comma;
            namespace = encoded.substring(at, end);
            at = comma < 0 ? end : comma + 1;
        }
        long ackId = -1;
        int idStart = at;
        while (at < encoded.length() && encoded.charAt(at) >= '0' && encoded.charAt(at) <= '9') {
            at++;
        }
        if (at > idStart) {
            if (at - idStart > MAX_ACK_ID_DIGITS) {
                throw new MalformedPacketException("acknowledgement id too long");
            }
            ackId = Long.parseLong(encoded, idStart, at, 10);
        }
        String payload = at < encoded.length() ? encoded.substring(at) : null;
        checkPayload(type, payload);
        return new SocketIoPacket(type, namespace, attachments, ackId, payload);
    }

    /** The text form, for an Engine.IO message. */
    public String encode() {
        StringBuilder out = new StringBuilder().append(type.digit());
        if (type.isBinary()) {
            out.append(attachments).append('-');
        }
        if (!"/".equals(namespace)) {
            out.append(namespace).append(',');
        }
        if (ackId >= 0) {
            out.append(ackId);
        }
        if (payload != null) {
            out.append(payload);
        }
        return out.toString();
    }

    private static boolean digits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** The payload's shape for each type (Socket.IO's {@code isPayloadValid}), read within the engine's limits. */
    private static void checkPayload(Type type, String payload) throws MalformedPacketException {
        if (payload == null) {
            if (type == Type.EVENT || type == Type.BINARY_EVENT || type == Type.ACK || type == Type.BINARY_ACK
                    || type == Type.CONNECT_ERROR) {
                throw new MalformedPacketException("a " + type + " packet needs a payload");
            }
            return;
        }
        if (type == Type.DISCONNECT) {
            throw new MalformedPacketException("a DISCONNECT packet has no payload");
        }
        try (JsonParser parser = SocketIoJson.parser(payload)) {
            JsonToken first = parser.nextToken();
            switch (type) {
                case CONNECT -> require(first == JsonToken.START_OBJECT, "a CONNECT payload is an object");
                case CONNECT_ERROR -> require(first == JsonToken.START_OBJECT || first == JsonToken.VALUE_STRING,
                        "a CONNECT_ERROR payload is an object or a string");
                case ACK, BINARY_ACK -> require(first == JsonToken.START_ARRAY, "an ACK payload is an array");
                default -> {
                    require(first == JsonToken.START_ARRAY, "an EVENT payload is an array");
                    JsonToken name = parser.nextToken();
                    require(name == JsonToken.VALUE_STRING && !RESERVED_EVENTS.contains(parser.getText())
                            || name == JsonToken.VALUE_NUMBER_INT, "an EVENT starts with its name");
                }
            }
            if (first == JsonToken.START_OBJECT || first == JsonToken.START_ARRAY) {
                if (type == Type.EVENT || type == Type.BINARY_EVENT) {
                    JsonToken next;
                    while ((next = parser.nextToken()) != JsonToken.END_ARRAY && next != null) {
                        parser.skipChildren();
                    }
                    require(next == JsonToken.END_ARRAY, "an unfinished array");
                } else {
                    parser.skipChildren();
                }
            }
            require(parser.nextToken() == null, "text after the payload");
        } catch (IOException e) {
            throw new MalformedPacketException("invalid payload: " + firstLine(e.getMessage()));
        }
    }

    private static void require(boolean condition, String what) throws MalformedPacketException {
        if (!condition) {
            throw new MalformedPacketException("invalid payload: " + what);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable JSON";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
