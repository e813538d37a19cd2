package io.peershare.internal.signal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.peershare.internal.input.InputValidator;
import io.peershare.internal.input.Rejection;
import io.peershare.protocol.ErrorCode;
import io.peershare.protocol.InboundFrame;
import io.peershare.protocol.JsonReading;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The two fields of {@code webrtc-signal}, read from the frame's bytes without building objects: {@code to}, and
 * where the {@code signal} object lies, so that it can be relayed as it arrived. Checks and error messages are the
 * same as {@link InputValidator}'s.
 *
 * @param to           the peer id the signal is for
 * @param signalOffset where the signal's JSON object starts in the frame's data buffer
 * @param signalLength its length in bytes
 */
record SignalFields(String to, int signalOffset, int signalLength) {

    static SignalFields read(InboundFrame frame) {
        return frame.isDataIndexed() ? fromIndex(frame) : parse(frame);
    }

    /** From the spans the codec noted while decoding: no second parse. */
    private static SignalFields fromIndex(InboundFrame frame) {
        byte[] buffer = frame.dataBuffer();
        long to = frame.dataFieldSpan("to");
        long signal = frame.dataFieldSpan("signal");
        int toStart = (int) (to >>> 32);
        if (to == InboundFrame.NO_FIELD || buffer[toStart] == 'n') {
            throw new Rejection(ErrorCode.MISSING_FIELD, "'to' is required", "to");
        }
        if (buffer[toStart] != '"') {
            throw new Rejection(ErrorCode.INVALID_FIELD_TYPE, "'to' must be a string", "to");
        }
        String id = InputValidator.checkId(string(buffer, toStart, (int) to), "to");
        int signalStart = (int) (signal >>> 32);
        if (signal == InboundFrame.NO_FIELD || buffer[signalStart] == 'n') {
            throw new Rejection(ErrorCode.MISSING_FIELD, "'signal' is required", "signal");
        }
        if (buffer[signalStart] != '{') {
            throw new Rejection(ErrorCode.INVALID_FIELD_TYPE, "'signal' must be an object", "signal");
        }
        return new SignalFields(id, signalStart, (int) signal - signalStart);
    }

    /** The JSON string in {@code [start, end)} of {@code buffer}, quotes included. */
    private static String string(byte[] buffer, int start, int end) {
        for (int i = start + 1; i < end - 1; i++) {
            if (buffer[i] == '\\') {
                try (JsonParser parser = JsonReading.parser(buffer, start, end - start)) {
                    parser.nextToken();
                    return parser.getText(); // escapes, rare in an id: let the parser undo them
                } catch (IOException e) {
                    throw new UncheckedIOException("checked JSON failed to parse again", e);
                }
            }
        }
        return new String(buffer, start + 1, end - start - 2, StandardCharsets.UTF_8);
    }

    /** For frames a codec did not index. */
    private static SignalFields parse(InboundFrame frame) {
        String to = null;
        boolean toPresent = false;
        boolean toNotString = false;
        int signalOffset = -1;
        int signalLength = 0;
        boolean signalNotObject = false;
        try (JsonParser parser = JsonReading.parser(frame.dataBuffer(), frame.dataOffset(), frame.dataLength())) {
            parser.nextToken(); // the data object, checked by the codec
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals("to")) {
                    toPresent = value != JsonToken.VALUE_NULL;
                    toNotString = toPresent && value != JsonToken.VALUE_STRING;
                    to = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                } else if (field.equals("signal")) {
                    signalNotObject = value != JsonToken.START_OBJECT && value != JsonToken.VALUE_NULL;
                    signalOffset = -1;
                    if (value == JsonToken.START_OBJECT) {
                        int start = (int) parser.currentTokenLocation().getByteOffset();
                        parser.skipChildren();
                        signalOffset = frame.dataOffset() + start;
                        signalLength = (int) parser.currentLocation().getByteOffset() - start;
                    }
                }
                parser.skipChildren();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("checked JSON failed to parse again", e);
        }
        if (!toPresent) {
            throw new Rejection(ErrorCode.MISSING_FIELD, "'to' is required", "to");
        }
        if (toNotString) {
            throw new Rejection(ErrorCode.INVALID_FIELD_TYPE, "'to' must be a string", "to");
        }
        InputValidator.checkId(to, "to");
        if (signalNotObject) {
            throw new Rejection(ErrorCode.INVALID_FIELD_TYPE, "'signal' must be an object", "signal");
        }
        if (signalOffset < 0) {
            throw new Rejection(ErrorCode.MISSING_FIELD, "'signal' is required", "signal");
        }
        return new SignalFields(to, signalOffset, signalLength);
    }
}
