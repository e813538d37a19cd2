package io.peershare.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one configured reader of client JSON: Jackson's streaming parser over the frame's bytes, with the
 * {@link JsonLimits} on nesting and on the length of numbers and strings holding while parsing, so a hostile frame
 * is refused with a parse error instead of costing the parser stack or CPU. Public so that a layer in front of the
 * engine (Socket.IO packets) reads client JSON with the same limits instead of configuring its own parser.
 */
public final class JsonReading {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(JsonLimits.MAX_DEPTH)
                    .maxNumberLength(JsonLimits.MAX_NUMBER_LENGTH)
                    .build())
            .build();

    private JsonReading() {
    }

    /**
     * A parser over {@code length} bytes of UTF-8 at {@code offset}; its byte offsets count from {@code offset}.
     *
     * @throws IOException when the first bytes cannot be read as JSON at all: Jackson looks at them to tell the
     *                     encoding, and refuses some (a frame that starts like UCS-4, say) before parsing begins
     */
    public static JsonParser parser(byte[] json, int offset, int length) throws IOException {
        return FACTORY.createParser(json, offset, length);
    }

    /** A parser over a string of JSON, for a layer that receives text rather than bytes. */
    public static JsonParser parser(String json) {
        try {
            return FACTORY.createParser(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a string source does no I/O
        }
    }
}
