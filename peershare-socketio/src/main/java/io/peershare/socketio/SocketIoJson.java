package io.peershare.socketio;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.peershare.protocol.JsonLimits;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The reader of client JSON inside Socket.IO packets: Jackson's streaming parser with the engine's limits on nesting
 * and number length (docs/protocol.md), so a hostile packet is refused before it costs more than its size.
 */
final class SocketIoJson {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(JsonLimits.MAX_DEPTH)
                    .maxNumberLength(JsonLimits.MAX_NUMBER_LENGTH)
                    .build())
            .build();

    private SocketIoJson() {
    }

    static JsonParser parser(String json) {
        try {
            return FACTORY.createParser(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a string source does no I/O
        }
    }

    static JsonParser parser(byte[] json, int offset, int length) {
        try {
            return FACTORY.createParser(json, offset, length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
