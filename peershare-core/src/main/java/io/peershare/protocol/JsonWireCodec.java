package io.peershare.protocol;

import static io.peershare.protocol.JsonTrees.JSON;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * PeerShare's native framing: one JSON object per text frame,
 * {@code {"event": "...", "data": {...}, "requestId": "..."}}, in any order of its fields.
 *
 * <p>Decoding reads the envelope with a streaming parser and keeps {@code data} as the span of bytes it occupies,
 * so the frame is parsed once and a signal can be relayed as it arrived.
 */
public final class JsonWireCodec implements WireCodec {

    /** Longest request id accepted, in characters. */
    public static final int MAX_REQUEST_ID_LENGTH = 64;
    /** Most top-level data fields whose place is noted; client events have at most six. */
    private static final int MAX_INDEXED_FIELDS = 8;

    private static final byte[] RELAYED_SIGNAL_HEAD =
            ("{\"event\":\"" + Events.SIGNAL_RECEIVED + "\",\"data\":{\"from\":").getBytes(StandardCharsets.UTF_8);
    private static final byte[] RELAYED_SIGNAL_MIDDLE = ",\"signal\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] RELAYED_SIGNAL_TAIL = "}}".getBytes(StandardCharsets.UTF_8);

    @Override
    public InboundFrame decode(byte[] frame, int offset, int length) throws FrameException {
        Envelope envelope = new Envelope();
        try (JsonParser parser = JsonReading.parser(frame, offset, length)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new FrameException(ErrorCode.MALFORMED_JSON, "frame is not valid JSON: it is empty", null, null);
            }
            if (first != JsonToken.START_OBJECT) {
                parser.skipChildren();
                requireEnd(parser);
                throw new FrameException(ErrorCode.INVALID_FRAME, "frame must be a JSON object", null, null);
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                envelope.read(field, parser, offset);
            }
            requireEnd(parser);
        } catch (StreamConstraintsException e) {
            throw new FrameException(ErrorCode.FRAME_TOO_COMPLEX, "frame nests deeper than " + JsonLimits.MAX_DEPTH
                    + " levels or holds a number longer than " + JsonLimits.MAX_NUMBER_LENGTH + " digits", null, null);
        } catch (JsonProcessingException e) {
            throw new FrameException(ErrorCode.MALFORMED_JSON, "frame is not valid JSON: " + e.getOriginalMessage()
                    + " at byte " + e.getLocation().getByteOffset(), null, null);
        } catch (IOException e) {
            throw new FrameException(ErrorCode.MALFORMED_JSON, "frame is not valid JSON", null, null);
        }
        return envelope.frame(frame);
    }

    /** A JSON value must be all there is: a reader that stopped after it would silently ignore the rest. */
    private static void requireEnd(JsonParser parser) throws IOException, FrameException {
        if (parser.nextToken() != null) {
            throw new FrameException(ErrorCode.MALFORMED_JSON, "frame has content after the JSON value", null, null);
        }
    }

    /** What the envelope's fields said, checked once the whole object has been read. */
    private static final class Envelope {
        private String event;
        private boolean eventPresent;
        private JsonValue requestId;
        private boolean requestIdInvalid;
        private int dataOffset = -1;
        private int dataLength;
        private boolean dataInvalid;
        private String[] fieldNames;
        private long[] fieldSpans;

        void read(String field, JsonParser parser, int frameOffset) throws IOException {
            switch (field) {
                case "event" -> {
                    eventPresent = true;
                    event = parser.currentToken() == JsonToken.VALUE_STRING ? parser.getText() : null;
                    parser.skipChildren();
                }
                case "requestId" -> readRequestId(parser);
                case "data" -> {
                    JsonToken token = parser.currentToken();
                    if (token == JsonToken.START_OBJECT) {
                        int start = (int) parser.currentTokenLocation().getByteOffset();
                        readDataFields(parser, frameOffset);
                        dataOffset = frameOffset + start;
                        dataLength = (int) parser.currentLocation().getByteOffset() - start;
                        dataInvalid = false;
                    } else {
                        dataOffset = -1;
                        dataInvalid = token != JsonToken.VALUE_NULL;
                        parser.skipChildren();
                    }
                }
                default -> parser.skipChildren();
            }
        }

        /**
         * Walks the data object's top-level fields, noting where each value lies, so that a handler reads a field
         * (a signal's target, the signal itself) without a second parse. Data with more fields than a client event
         * has is only walked.
         */
        private void readDataFields(JsonParser parser, int frameOffset) throws IOException {
            String[] names = new String[MAX_INDEXED_FIELDS];
            long[] spans = new long[MAX_INDEXED_FIELDS];
            int count = 0;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                long start = frameOffset + parser.currentTokenLocation().getByteOffset();
                parser.skipChildren();
                parser.finishToken(); // a string is read lazily; its end is known once it has been read
                long end = frameOffset + parser.currentLocation().getByteOffset();
                if (count < MAX_INDEXED_FIELDS) {
                    names[count] = name;
                    spans[count] = start << 32 | end;
                }
                count++;
            }
            fieldNames = count <= MAX_INDEXED_FIELDS ? java.util.Arrays.copyOf(names, count) : null;
            fieldSpans = count <= MAX_INDEXED_FIELDS ? java.util.Arrays.copyOf(spans, count) : null;
        }

        private void readRequestId(JsonParser parser) throws IOException {
            requestIdInvalid = false;
            requestId = null;
            switch (parser.currentToken()) {
                case VALUE_STRING -> {
                    String id = parser.getText();
                    requestIdInvalid = id.length() > MAX_REQUEST_ID_LENGTH;
                    requestId = requestIdInvalid ? null : JSON.createValue(id);
                }
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> requestId = JsonTrees.value(parser);
                case VALUE_NULL -> { }
                default -> {
                    requestIdInvalid = true;
                    parser.skipChildren();
                }
            }
        }

        InboundFrame frame(byte[] frame) throws FrameException {
            String name = eventPresent ? event : null;
            if (requestIdInvalid) {
                throw new FrameException(ErrorCode.INVALID_REQUEST_ID, "requestId must be a string of at most "
                        + MAX_REQUEST_ID_LENGTH + " characters or a number", name, null);
            }
            if (name == null) {
                throw new FrameException(ErrorCode.INVALID_FRAME, "frame needs a string field 'event'", null, requestId);
            }
            if (dataInvalid) {
                throw new FrameException(ErrorCode.INVALID_FRAME, "field 'data' must be an object", name, requestId);
            }
            return dataOffset < 0
                    ? InboundFrame.withoutData(name, requestId)
                    : new InboundFrame(name, requestId, frame, dataOffset, dataLength, fieldNames, fieldSpans);
        }
    }

    @Override
    public OutboundFrame encodeRelayedSignal(String fromPeerId, byte[] json, int offset, int length) {
        byte[] from = quoted(fromPeerId);
        int size = RELAYED_SIGNAL_HEAD.length + from.length + RELAYED_SIGNAL_MIDDLE.length + length
                + RELAYED_SIGNAL_TAIL.length;
        // Headroom, so that a transport can put its frame header in front without copying the frame.
        byte[] out = new byte[OutboundFrame.HEADROOM + size];
        int at = put(RELAYED_SIGNAL_HEAD, out, OutboundFrame.HEADROOM);
        at = put(from, out, at);
        at = put(RELAYED_SIGNAL_MIDDLE, out, at);
        System.arraycopy(json, offset, out, at, length);
        put(RELAYED_SIGNAL_TAIL, out, at + length);
        return OutboundFrame.ofUtf8(out, OutboundFrame.HEADROOM, size);
    }

    @Override
    public OutboundFrame encode(String event, JsonObject data, JsonValue requestId) {
        // Event names are PeerShare's own constants and need no escaping; data is already JSON.
        String payload = data.toString();
        StringBuilder out = new StringBuilder(payload.length() + event.length() + 40);
        out.append("{\"event\":\"").append(event).append("\",\"data\":").append(payload);
        if (requestId != null) {
            out.append(",\"requestId\":").append(requestId);
        }
        return OutboundFrame.ofText(out.append('}').toString());
    }

    /** A peer id as a JSON string; server-made ids need no escaping, anything else is escaped. */
    private static byte[] quoted(String id) {
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!plain) {
                return JSON.createValue(id).toString().getBytes(StandardCharsets.UTF_8);
            }
        }
        byte[] out = new byte[id.length() + 2];
        out[0] = '"';
        for (int i = 0; i < id.length(); i++) {
            out[i + 1] = (byte) id.charAt(i);
        }
        out[out.length - 1] = '"';
        return out;
    }

    private static int put(byte[] part, byte[] out, int at) {
        System.arraycopy(part, 0, out, at, part.length);
        return at + part.length;
    }
}
