package io.peershare.socketio;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.peershare.protocol.OutboundFrame;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Socket.IO events and PeerShare frames, one into the other, with the event's data carried as the text it came in:
 * {@code 2["send-message",{"text":"hi"}]} with acknowledgement id 7 is the frame
 * {@code {"event":"send-message","data":{"text":"hi"},"requestId":7}}, and the engine's answer
 * {@code {"event":"new-message","data":{...},"requestId":"7"}} goes back as the event
 * {@code 2["new-message",{...}]} and the acknowledgement {@code 37[{"event":"new-message","data":{...}}]}.
 *
 * <p>A Socket.IO event has one data argument in PeerShare's protocol; further arguments are ignored, as the
 * Socket.IO server PeerShare replaces ignored them. Stateless and thread-safe.
 */
public final class SocketIoFrames {

    private SocketIoFrames() {
    }

    /**
     * What one engine frame is for a Socket.IO client: an event, and an acknowledgement when it answers one.
     *
     * @param requestId the frame's request id as text, or {@code null}
     */
    public record Outgoing(SocketIoPacket event, SocketIoPacket ack, String requestId) {
    }

    /** A decoded EVENT packet (see {@link SocketIoPacket#decode}) as the PeerShare frame the engine reads. */
    public static byte[] toPeerShare(SocketIoPacket event) {
        if (event.type() != SocketIoPacket.Type.EVENT) {
            throw new IllegalArgumentException("not an EVENT: " + event.type());
        }
        String args = event.payload();
        try (JsonParser parser = SocketIoJson.parser(args)) {
            parser.nextToken(); // [, checked by decode
            parser.nextToken(); // the name, a string or a number
            parser.finishToken(); // strings are read lazily: the location is past the token only once it is read
            int nameStart = (int) parser.currentTokenLocation().getCharOffset();
            int nameEnd = (int) parser.currentLocation().getCharOffset();
            StringBuilder frame = new StringBuilder(args.length() + 40).append("{\"event\":")
                    .append(args, nameStart, nameEnd);
            if (parser.nextToken() != JsonToken.END_ARRAY) {
                int dataStart = (int) parser.currentTokenLocation().getCharOffset();
                parser.skipChildren();
                parser.finishToken();
                int dataEnd = (int) parser.currentLocation().getCharOffset();
                frame.append(",\"data\":").append(args, dataStart, dataEnd);
            }
            if (event.hasAckId()) {
                frame.append(",\"requestId\":").append(event.ackId());
            }
            return frame.append('}').toString().getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("an EVENT that decode() accepted could not be read again", e);
        }
    }

    /** A frame of the engine (always {@code {"event":...,"data":...[,"requestId":...]}}) for a Socket.IO client. */
    public static Outgoing fromPeerShare(OutboundFrame frame) {
        ByteBuffer bytes = frame.bytes();
        byte[] utf8 = new byte[bytes.remaining()];
        bytes.get(utf8);
        String event = null;
        String data = null;
        long ackId = -1;
        String requestId = null;
        try (JsonParser parser = SocketIoJson.parser(utf8, 0, utf8.length)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("not a PeerShare frame: " + frame);
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "event" -> event = parser.getText();
                    case "data" -> {
                        int start = (int) parser.currentTokenLocation().getByteOffset();
                        parser.skipChildren();
                        parser.finishToken();
                        int end = (int) parser.currentLocation().getByteOffset();
                        data = new String(utf8, start, end - start, StandardCharsets.UTF_8);
                    }
                    case "requestId" -> {
                        requestId = parser.getText();
                        ackId = ackIdOf(requestId, value);
                    }
                    default -> parser.skipChildren();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the engine's own frame could not be read: " + frame, e);
        }
        if (event == null) {
            throw new IllegalArgumentException("a PeerShare frame without an event: " + frame);
        }
        String name = quote(event);
        String eventArgs = data == null ? "[" + name + "]" : "[" + name + "," + data + "]";
        SocketIoPacket ack = null;
        if (ackId >= 0) {
            String reply = data == null ? "{\"event\":" + name + "}" : "{\"event\":" + name + ",\"data\":" + data + "}";
            ack = SocketIoPacket.ack(ackId, "[" + reply + "]");
        }
        return new Outgoing(SocketIoPacket.event(eventArgs), ack, requestId);
    }

    /** The acknowledgement id a request id stands for; -1 for request ids a Socket.IO client did not make. */
    private static long ackIdOf(String text, JsonToken value) {
        if (value != JsonToken.VALUE_STRING && value != JsonToken.VALUE_NUMBER_INT || text.isEmpty()
                || text.length() > 15) {
            return -1;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return -1;
            }
        }
        return Long.parseLong(text);
    }

    /** An event name as a JSON string; names are the engine's own, plain ASCII words. */
    private static String quote(String name) {
        StringBuilder out = new StringBuilder(name.length() + 2).append('"');
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.append('"').toString();
    }
}
