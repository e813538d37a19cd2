package io.peershare.protocol;

import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * PeerShare's native framing: one JSON object per text frame,
 * {@code {"event": "...", "data": {...}, "requestId": "..."}}.
 */
public final class JsonWireCodec implements WireCodec {

    /** Longest request id accepted, in characters. */
    public static final int MAX_REQUEST_ID_LENGTH = 64;

    private static final JsonProvider JSON = JsonProvider.provider();

    private final JsonParserFactory parsers = JSON.createParserFactory(Map.of());

    @Override
    public InboundFrame decode(String frame) throws FrameException {
        JsonValue root;
        try (JsonParser parser = parsers.createParser(new StringReader(frame))) {
            parser.next();
            root = parser.getValue();
            if (parser.hasNext()) { // a JsonReader would silently ignore anything after the first value
                throw new FrameException(ErrorCode.MALFORMED_JSON, "frame has content after the JSON value", null, null);
            }
        } catch (JsonParsingException e) {
            throw new FrameException(ErrorCode.MALFORMED_JSON,
                    "frame is not valid JSON: " + e.getMessage(), null, null);
        } catch (JsonException | NoSuchElementException e) {
            throw new FrameException(ErrorCode.MALFORMED_JSON, "frame is not valid JSON", null, null);
        }
        if (root.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new FrameException(ErrorCode.INVALID_FRAME, "frame must be a JSON object", null, null);
        }
        JsonObject envelope = root.asJsonObject();

        JsonValue rawRequestId = envelope.get("requestId");
        JsonValue requestId = null;
        if (rawRequestId != null && rawRequestId.getValueType() != JsonValue.ValueType.NULL) {
            if (!isValidRequestId(rawRequestId)) {
                throw new FrameException(ErrorCode.INVALID_REQUEST_ID, "requestId must be a string of at most "
                        + MAX_REQUEST_ID_LENGTH + " characters or a number", eventName(envelope), null);
            }
            requestId = rawRequestId;
        }

        String event = eventName(envelope);
        if (event == null) {
            throw new FrameException(ErrorCode.INVALID_FRAME, "frame needs a string field 'event'", null, requestId);
        }

        JsonValue data = envelope.get("data");
        if (data == null || data.getValueType() == JsonValue.ValueType.NULL) {
            return new InboundFrame(event, JsonValue.EMPTY_JSON_OBJECT, requestId);
        }
        if (data.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new FrameException(ErrorCode.INVALID_FRAME, "field 'data' must be an object", event, requestId);
        }
        return new InboundFrame(event, data.asJsonObject(), requestId);
    }

    /** Splices the already serialized signal into the frame instead of serializing it a second time. */
    @Override
    public String encodeRelayedSignal(String fromPeerId, JsonObject signal, String signalJson) {
        String from = JSON.createValue(fromPeerId).toString();
        return new StringBuilder(signalJson.length() + from.length() + 64)
                .append("{\"event\":\"").append(Events.SIGNAL_RECEIVED).append("\",\"data\":{\"from\":").append(from)
                .append(",\"signal\":").append(signalJson).append("}}").toString();
    }

    @Override
    public String encode(String event, JsonObject data, JsonValue requestId) {
        // Event names are PeerShare's own constants and need no escaping; data is already JSON.
        String payload = data.toString();
        StringBuilder out = new StringBuilder(payload.length() + event.length() + 40);
        out.append("{\"event\":\"").append(event).append("\",\"data\":").append(payload);
        if (requestId != null) {
            out.append(",\"requestId\":").append(requestId);
        }
        return out.append('}').toString();
    }

    private static String eventName(JsonObject envelope) {
        JsonValue event = envelope.get("event");
        return event instanceof JsonString s ? s.getString() : null;
    }

    private static boolean isValidRequestId(JsonValue value) {
        if (value instanceof JsonString s) {
            return s.getString().length() <= MAX_REQUEST_ID_LENGTH;
        }
        return value instanceof JsonNumber;
    }
}
