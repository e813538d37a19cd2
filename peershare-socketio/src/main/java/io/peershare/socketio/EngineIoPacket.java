package io.peershare.socketio;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * One Engine.IO v4 packet: a type and its data. A message carries text or, rarely, binary data; the other types
 * carry text or nothing ({@code 2probe}, {@code 3probe} during an upgrade). Immutable.
 *
 * <p>Text form: the type's digit, then the data ({@code 4hello}); a binary message is {@code b} and the data in
 * base64 on HTTP long-polling, and a binary WebSocket frame of the bytes alone on WebSocket. Several packets in one
 * polling body are separated by the record separator {@code \x1e}.
 */
public record EngineIoPacket(Type type, String text, byte[] binary) {

    /** The separator of packets in an HTTP long-polling body. */
    public static final char SEPARATOR = '\u001e';

    /** Engine.IO v4 packet types, with the digit each is written as. */
    public enum Type {
        OPEN, CLOSE, PING, PONG, MESSAGE, UPGRADE, NOOP;

        char digit() {
            return (char) ('0' + ordinal());
        }
    }

    public EngineIoPacket {
        Objects.requireNonNull(type, "type");
        if (binary != null && (type != Type.MESSAGE || text != null)) {
            throw new IllegalArgumentException("only a message carries binary data, and then no text");
        }
    }

    public static EngineIoPacket of(Type type) {
        return new EngineIoPacket(type, null, null);
    }

    public static EngineIoPacket of(Type type, String text) {
        return new EngineIoPacket(type, text, null);
    }

    public static EngineIoPacket message(String text) {
        return new EngineIoPacket(Type.MESSAGE, text, null);
    }

    public static EngineIoPacket binaryMessage(byte[] data) {
        return new EngineIoPacket(Type.MESSAGE, null, data.clone());
    }

    @Override
    public byte[] binary() {
        return binary == null ? null : binary.clone();
    }

    public boolean isBinary() {
        return binary != null;
    }

    /** The text form of a packet from a WebSocket text frame or one part of a polling body. */
    public static EngineIoPacket decode(String encoded) throws MalformedPacketException {
        if (encoded.isEmpty()) {
            throw new MalformedPacketException("empty Engine.IO packet");
        }
        char first = encoded.charAt(0);
        if (first == 'b') {
            try {
                return new EngineIoPacket(Type.MESSAGE, null, Base64.getDecoder().decode(encoded.substring(1)));
            } catch (IllegalArgumentException e) {
                throw new MalformedPacketException("binary Engine.IO packet that is not base64");
            }
        }
        if (first < '0' || first > '6') {
            throw new MalformedPacketException("unknown Engine.IO packet type '" + printable(first) + "'");
        }
        Type type = Type.values()[first - '0'];
        return new EngineIoPacket(type, encoded.length() == 1 ? null : encoded.substring(1), null);
    }

    /** The packets of an HTTP long-polling body; {@code maxPackets} bounds how many one body may hold. */
    public static List<EngineIoPacket> decodePayload(String body, int maxPackets) throws MalformedPacketException {
        List<EngineIoPacket> packets = new ArrayList<>();
        int start = 0;
        while (start <= body.length()) {
            int end = body.indexOf(SEPARATOR, start);
            if (end < 0) {
                end = body.length();
            }
            if (packets.size() == maxPackets) {
                throw new MalformedPacketException("more than " + maxPackets + " packets in one body");
            }
            packets.add(decode(body.substring(start, end)));
            start = end + 1;
        }
        return packets;
    }

    /** The text form: for WebSocket text frames and polling bodies (binary as {@code b} and base64). */
    public String encode() {
        if (binary != null) {
            return "b" + Base64.getEncoder().encodeToString(binary);
        }
        return text == null ? String.valueOf(type.digit()) : type.digit() + text;
    }

    /**
     * The bytes this packet takes in a polling body, as UTF-8 with its separator: what it costs to hold it for a
     * client until its next poll.
     */
    public long pollingBytes() {
        if (binary != null) {
            return 2 + (binary.length + 2L) / 3 * 4; // 'b', base64, separator
        }
        return 2 + (text == null ? 0 : utf8Length(text));
    }

    /** The bytes {@code packets} take in a polling body. */
    static long pollingBytes(List<EngineIoPacket> packets) {
        long bytes = 0;
        for (EngineIoPacket packet : packets) {
            bytes += packet.pollingBytes();
        }
        return bytes;
    }

    /** The length of {@code text} in UTF-8, without encoding it: what a text frame of it costs to hold. */
    public static long utf8Length(String text) {
        long bytes = text.length();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                // Two bytes below U+0800, three above; a surrogate pair (two chars) is four bytes in all.
                bytes += c < 0x800 ? 1 : Character.isSurrogate(c) ? 1 : 2;
            }
        }
        return bytes;
    }

    /** Several packets as one polling body. */
    public static String encodePayload(List<EngineIoPacket> packets) {
        StringBuilder body = new StringBuilder();
        for (EngineIoPacket packet : packets) {
            if (!body.isEmpty()) {
                body.append(SEPARATOR);
            }
            body.append(packet.encode());
        }
        return body.toString();
    }

    private static String printable(char c) {
        return c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EngineIoPacket p && type == p.type && Objects.equals(text, p.text)
                && Arrays.equals(binary, p.binary);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, text, Arrays.hashCode(binary));
    }

    @Override
    public String toString() {
        return binary != null ? "EngineIoPacket[binary message, " + binary.length + " bytes]" : encode();
    }
}
