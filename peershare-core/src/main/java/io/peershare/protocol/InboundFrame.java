package io.peershare.protocol;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.Objects;

/**
 * One decoded client frame: the event, the request id, and the event's data as the bytes it arrived in. The data
 * is turned into a {@link JsonObject} only when a handler asks for it, so a relayed signal can go on as the bytes
 * it came in (see {@link WireCodec#encodeRelayedSignal}).
 *
 * <p>Not thread-safe: one frame is handled by one thread.
 */
public final class InboundFrame {

    private static final byte[] EMPTY_OBJECT = {'{', '}'};

    /** {@link #dataFieldSpan}: the data has no such field. */
    public static final long NO_FIELD = -1;

    private final String event;
    private final JsonValue requestId;
    private final byte[] buffer;
    private final int dataOffset;
    private final int dataLength;
    private final String[] fieldNames;
    private final long[] fieldSpans;
    private JsonObject data;

    /**
     * @param event      the event name
     * @param requestId  the client's correlation id (a string or number), or {@code null}
     * @param buffer     the bytes that hold the event's data
     * @param dataOffset where the data's JSON object starts in {@code buffer}
     * @param dataLength its length in bytes; the codec has checked that it is one well-formed JSON object
     */
    public InboundFrame(String event, JsonValue requestId, byte[] buffer, int dataOffset, int dataLength) {
        this(event, requestId, buffer, dataOffset, dataLength, null, null);
    }

    /**
     * A frame whose codec also noted where the data's top-level fields lie, so that a handler can read a field
     * without parsing the data again.
     *
     * @param fieldNames the data's top-level field names
     * @param fieldSpans where each one's value lies in {@code buffer}, as {@code start << 32 | end}
     */
    public InboundFrame(String event, JsonValue requestId, byte[] buffer, int dataOffset, int dataLength,
            String[] fieldNames, long[] fieldSpans) {
        this.event = Objects.requireNonNull(event, "event");
        this.requestId = requestId;
        this.buffer = Objects.requireNonNull(buffer, "buffer");
        Objects.checkFromIndexSize(dataOffset, dataLength, buffer.length);
        this.dataOffset = dataOffset;
        this.dataLength = dataLength;
        if ((fieldNames == null) != (fieldSpans == null)
                || (fieldNames != null && fieldNames.length != fieldSpans.length)) {
            throw new IllegalArgumentException("one span per field name");
        }
        this.fieldNames = fieldNames;
        this.fieldSpans = fieldSpans;
    }

    /** A frame whose data had no object ({@code "data"} absent or null): the data is an empty object. */
    public static InboundFrame withoutData(String event, JsonValue requestId) {
        return new InboundFrame(event, requestId, EMPTY_OBJECT, 0, EMPTY_OBJECT.length);
    }

    public String event() {
        return event;
    }

    /** The client's correlation id (a string or number), or {@code null}. */
    public JsonValue requestId() {
        return requestId;
    }

    /** The event's payload; an empty object when the frame had none. Parsed on first use. */
    public JsonObject data() {
        if (data == null) {
            data = JsonTrees.readObject(buffer, dataOffset, dataLength);
        }
        return data;
    }

    /** Whether the codec noted where the data's top-level fields lie ({@link #dataFieldSpan}). */
    public boolean isDataIndexed() {
        return fieldNames != null;
    }

    /**
     * Where the value of the data's top-level field {@code name} lies in {@link #dataBuffer()}, as
     * {@code start << 32 | end} (end exclusive), or {@link #NO_FIELD}. With a repeated name, the last one counts, as
     * in {@link #data()}. Only for an {@linkplain #isDataIndexed() indexed} frame.
     */
    public long dataFieldSpan(String name) {
        if (fieldNames == null) {
            throw new IllegalStateException("the codec did not index this frame's data");
        }
        for (int i = fieldNames.length - 1; i >= 0; i--) {
            if (fieldNames[i].equals(name)) {
                return fieldSpans[i];
            }
        }
        return NO_FIELD;
    }

    /** The bytes that hold the data: see {@link #dataOffset()} and {@link #dataLength()}. Do not change them. */
    public byte[] dataBuffer() {
        return buffer;
    }

    public int dataOffset() {
        return dataOffset;
    }

    public int dataLength() {
        return dataLength;
    }
}
