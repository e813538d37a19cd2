package io.peershare.socketio;

import com.fasterxml.jackson.core.JsonParser;
import io.peershare.protocol.JsonReading;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The reader of client JSON inside Socket.IO packets: the engine's own {@link JsonReading}, so a hostile packet is
 * refused under the same limits on nesting and number length (docs/protocol.md) before it costs more than its size.
 */
final class SocketIoJson {

    private SocketIoJson() {
    }

    static JsonParser parser(String json) {
        return JsonReading.parser(json);
    }

    static JsonParser parser(byte[] json, int offset, int length) {
        try {
            return JsonReading.parser(json, offset, length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
