package io.peershare.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class JsonWireCodecTest {

    private final JsonWireCodec codec = new JsonWireCodec();

    @Test
    void decodesAnEnvelopeWithDataAndRequestId() throws FrameException {
        InboundFrame frame = codec.decode("{\"event\":\"send-message\",\"data\":{\"text\":\"hi\"},\"requestId\":\"r1\"}");
        assertEquals("send-message", frame.event());
        assertEquals("hi", frame.data().getString("text"));
        assertEquals(Json.createValue("r1"), frame.requestId());
    }

    @Test
    void missingDataIsAnEmptyObjectAndANumericRequestIdIsKept() throws FrameException {
        InboundFrame frame = codec.decode("{\"event\":\"heartbeat\",\"requestId\":42}");
        assertTrue(frame.data().isEmpty());
        assertEquals(42, ((jakarta.json.JsonNumber) frame.requestId()).intValue());
        assertNull(codec.decode("{\"event\":\"heartbeat\"}").requestId());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "{not json                                        | MALFORMED_JSON",
        "[1,2]                                            | INVALID_FRAME",
        "\"text\"                                         | INVALID_FRAME",
        "{\"data\":{}}                                    | INVALID_FRAME",
        "{\"event\":7}                                    | INVALID_FRAME",
        "{\"event\":\"heartbeat\",\"data\":[]}            | INVALID_FRAME",
        "{\"event\":\"heartbeat\",\"requestId\":true}     | INVALID_REQUEST_ID",
        "{\"event\":\"heartbeat\",\"requestId\":{}}       | INVALID_REQUEST_ID",
    })
    void refusesWhatIsNotAnEnvelope(String frame, ErrorCode expected) {
        FrameException e = assertThrows(FrameException.class, () -> codec.decode(frame.trim()));
        assertEquals(expected, e.code());
    }

    @Test
    void aRequestIdLongerThan64CharactersIsRefused() throws FrameException {
        codec.decode("{\"event\":\"heartbeat\",\"requestId\":\"" + "a".repeat(64) + "\"}");
        FrameException e = assertThrows(FrameException.class,
                () -> codec.decode("{\"event\":\"heartbeat\",\"requestId\":\"" + "a".repeat(65) + "\"}"));
        assertEquals(ErrorCode.INVALID_REQUEST_ID, e.code());
    }

    @Test
    void encodesWhatADecoderReadsBackIncludingCharactersThatNeedEscaping() {
        String text = "quote \" backslash \\ newline \n emoji 👋 nul \u0000 ünïcödé </script>";
        JsonObject data = Json.createObjectBuilder().add("text", text).build();
        String frame = codec.encode("new-message", data, Json.createValue("r9"));
        JsonObject parsed = Json.createReader(new StringReader(frame)).readObject();
        assertEquals("new-message", parsed.getString("event"));
        assertEquals(text, parsed.getJsonObject("data").getString("text"));
        assertEquals("r9", parsed.getString("requestId"));
        JsonObject withoutId = Json.createReader(new StringReader(codec.encode("heartbeat-ack", data, null))).readObject();
        assertTrue(!withoutId.containsKey("requestId"), "no requestId key when the request had none");
    }
}
