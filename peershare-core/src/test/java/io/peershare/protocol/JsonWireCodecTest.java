package io.peershare.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonWireCodecTest {

    private final JsonWireCodec codec = new JsonWireCodec();

    private static JsonObject parse(String json) {
        return Json.createReader(new StringReader(json)).readObject();
    }

    private InboundFrame decode(String frame) throws FrameException {
        byte[] utf8 = frame.getBytes(StandardCharsets.UTF_8);
        return codec.decode(utf8, 0, utf8.length);
    }

    private FrameException refusal(String frame) {
        return assertThrows(FrameException.class, () -> decode(frame));
    }

    // --- decoding valid frames

    @Test
    void decodesAnEnvelopeWithEventDataAndRequestId() throws FrameException {
        InboundFrame frame = decode("{\"event\":\"send-message\",\"data\":{\"text\":\"hi\"},\"requestId\":\"r1\"}");
        assertEquals("send-message", frame.event());
        assertEquals("hi", frame.data().getString("text"));
        assertEquals(Json.createValue("r1"), frame.requestId());
    }

    @Test
    void missingDataDecodesAsAnEmptyObject() throws FrameException {
        assertEquals(JsonValue.EMPTY_JSON_OBJECT, decode("{\"event\":\"heartbeat\"}").data());
    }

    @Test
    void nullDataDecodesAsAnEmptyObject() throws FrameException {
        assertEquals(JsonValue.EMPTY_JSON_OBJECT, decode("{\"event\":\"heartbeat\",\"data\":null}").data());
    }

    @Test
    void missingOrNullRequestIdDecodesAsNull() throws FrameException {
        assertNull(decode("{\"event\":\"heartbeat\"}").requestId());
        assertNull(decode("{\"event\":\"heartbeat\",\"requestId\":null}").requestId());
    }

    @Test
    void whitespaceAroundTheObjectIsAllowed() throws FrameException {
        assertEquals("heartbeat", decode(" \n{\"event\":\"heartbeat\"}\t ").event());
    }

    // --- request ids

    @Test
    void aRequestIdOfExactly64CharactersIsAccepted() throws FrameException {
        String id = "a".repeat(JsonWireCodec.MAX_REQUEST_ID_LENGTH);
        assertEquals(64, JsonWireCodec.MAX_REQUEST_ID_LENGTH);
        assertEquals(Json.createValue(id), decode("{\"event\":\"heartbeat\",\"requestId\":\"" + id + "\"}").requestId());
    }

    @Test
    void anEmptyStringRequestIdIsAccepted() throws FrameException {
        assertEquals(Json.createValue(""), decode("{\"event\":\"heartbeat\",\"requestId\":\"\"}").requestId());
    }

    @Test
    void aRequestIdOf65CharactersIsRefusedAsInvalidRequestId() {
        FrameException e = refusal("{\"event\":\"heartbeat\",\"requestId\":\"" + "a".repeat(65) + "\"}");
        assertEquals(ErrorCode.INVALID_REQUEST_ID, e.code());
    }

    @ParameterizedTest
    @ValueSource(strings = {"42", "0", "-7", "3.25", "1e3"})
    void aNumericRequestIdIsAcceptedAndKeptAsANumber(String number) throws FrameException {
        JsonValue id = decode("{\"event\":\"heartbeat\",\"requestId\":" + number + "}").requestId();
        assertTrue(id instanceof JsonNumber, () -> "kept as a number: " + id);
        assertEquals(0, new BigDecimal(number).compareTo(((JsonNumber) id).bigDecimalValue()));
    }

    @ParameterizedTest(name = "requestId {0}")
    @ValueSource(strings = {"true", "false", "{}", "[]", "[\"r1\"]", "{\"id\":\"r1\"}"})
    void aRequestIdThatIsNeitherStringNorNumberIsRefused(String requestId) {
        FrameException e = refusal("{\"event\":\"heartbeat\",\"requestId\":" + requestId + "}");
        assertEquals(ErrorCode.INVALID_REQUEST_ID, e.code());
    }

    @Test
    void anInvalidRequestIdRefusalStillNamesTheEventButEchoesNoId() {
        FrameException e = refusal("{\"event\":\"send-message\",\"requestId\":true}");
        assertEquals("send-message", e.event());
        assertNull(e.requestId());
    }

    // --- malformed and non-envelope frames

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"{not json", "{\"event\":\"heartbeat\"", "", "   ", "{'event':'heartbeat'}",
            "{\"event\":\"heartbeat\",}"})
    void somethingThatIsNotJsonIsMalformedJson(String frame) {
        assertEquals(ErrorCode.MALFORMED_JSON, refusal(frame).code());
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"{\"event\":\"heartbeat\"} junk", "{\"event\":\"heartbeat\"}{\"event\":\"heartbeat\"}",
            "{\"event\":\"heartbeat\"}]"})
    void contentAfterTheObjectIsMalformedJsonRatherThanSilentlyIgnored(String frame) {
        assertEquals(ErrorCode.MALFORMED_JSON, refusal(frame).code());
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"[1,2]", "\"text\"", "42", "true", "null", "[{\"event\":\"heartbeat\"}]"})
    void jsonThatIsNotAnObjectIsAnInvalidFrame(String frame) {
        assertEquals(ErrorCode.INVALID_FRAME, refusal(frame).code());
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"{}", "{\"data\":{}}", "{\"event\":null}", "{\"event\":7}", "{\"event\":true}",
            "{\"event\":[\"heartbeat\"]}", "{\"event\":{}}", "{\"Event\":\"heartbeat\"}"})
    void aMissingOrNonStringEventIsAnInvalidFrame(String frame) {
        assertEquals(ErrorCode.INVALID_FRAME, refusal(frame).code());
    }

    @Test
    void aFrameWithoutEventStillEchoesAValidRequestId() {
        FrameException e = refusal("{\"data\":{},\"requestId\":\"r7\"}");
        assertEquals(ErrorCode.INVALID_FRAME, e.code());
        assertNull(e.event());
        assertEquals(Json.createValue("r7"), e.requestId());
    }

    @ParameterizedTest(name = "data {0}")
    @ValueSource(strings = {"[]", "\"text\"", "5", "true"})
    void dataThatIsNotAnObjectIsAnInvalidFrameNamingTheEventAndRequestId(String data) {
        FrameException e = refusal("{\"event\":\"heartbeat\",\"data\":" + data + ",\"requestId\":9}");
        assertEquals(ErrorCode.INVALID_FRAME, e.code());
        assertEquals("heartbeat", e.event());
        assertEquals(9, ((JsonNumber) e.requestId()).intValue());
    }

    @Test
    void malformedJsonCarriesNeitherEventNorRequestId() {
        FrameException e = refusal("{\"event\":\"heartbeat\",\"requestId\":\"r1\"");
        assertEquals(ErrorCode.MALFORMED_JSON, e.code());
        assertNull(e.event());
        assertNull(e.requestId());
    }

    // --- encoding

    @Test
    void encodesAnEnvelopeWithEventDataAndRequestId() {
        JsonObject data = Json.createObjectBuilder().add("n", 1).build();
        JsonObject parsed = parse(codec.encode("new-message", data, Json.createValue("r9")).text());
        assertEquals("new-message", parsed.getString("event"));
        assertEquals(data, parsed.getJsonObject("data"));
        assertEquals("r9", parsed.getString("requestId"));
    }

    @Test
    void encodingWithoutRequestIdLeavesTheKeyOut() {
        JsonObject parsed = parse(codec.encode("heartbeat-ack", JsonValue.EMPTY_JSON_OBJECT, null).text());
        assertFalse(parsed.containsKey("requestId"));
    }

    @Test
    void aNumericRequestIdIsEchoedAsANumber() {
        JsonObject parsed = parse(codec.encode("heartbeat-ack", JsonValue.EMPTY_JSON_OBJECT, Json.createValue(42)).text());
        assertEquals(42, parsed.getJsonNumber("requestId").intValue());
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {
        "quote \" backslash \\ slash / ",
        "newline \n tab \t carriage return \r",
        "nul \u0000 bell \u0007 unit separator \u001F delete \u007F",
        "</script><script>alert(1)</script>",
        "ünïcödé Ελληνικά 日本語 עברית",
        "emoji 👋🏽 and family 👨‍👩‍👧",
        "line separator \u2028 paragraph separator \u2029",
    })
    void encodedTextDecodesBackUnchanged(String text) throws FrameException {
        JsonObject data = Json.createObjectBuilder().add("text", text).build();
        String frame = codec.encode("new-message", data, Json.createValue("r1")).text();
        InboundFrame back = decode(frame);
        assertEquals("new-message", back.event());
        assertEquals(text, back.data().getString("text"));
        assertEquals(Json.createValue("r1"), back.requestId());
    }

    @Test
    void nestedDataSurvivesARoundTrip() throws FrameException {
        JsonObject data = Json.createObjectBuilder()
                .add("signal", Json.createObjectBuilder().add("type", "offer").add("sdp", "v=0\r\no=- 1 2 IN IP4 0.0.0.0\r\n"))
                .add("list", Json.createArrayBuilder().add(1).add("two").addNull().add(true))
                .build();
        assertEquals(data, decode(codec.encode("webrtc-signal", data, null).text()).data());
    }

    @Test
    void theSplicedRelayedSignalIsTheSignalAsTheSenderWroteIt() throws FrameException {
        String signal = "{ \"type\": \"offer\", \"sdp\": \"v=0\\r\\n\\\"quoted\\\" ünïcode 👋\", \"n\": 1 }";
        InboundFrame in = decode("{\"requestId\":1,\"data\":{\"to\":\"x\",\"signal\":" + signal + "},\"event\":\"webrtc-signal\"}");
        String data = new String(in.dataBuffer(), in.dataOffset(), in.dataLength(), StandardCharsets.UTF_8);
        int at = data.indexOf("{ \"type\"");
        byte[] dataBytes = data.getBytes(StandardCharsets.UTF_8);
        int offset = in.dataOffset() + new String(dataBytes, 0, dataBytes.length, StandardCharsets.UTF_8)
                .substring(0, at).getBytes(StandardCharsets.UTF_8).length;
        int length = signal.getBytes(StandardCharsets.UTF_8).length;

        String spliced = codec.encodeRelayedSignal("k3J9aQ2x7Lm4Np8Rs1Tu5w", in.dataBuffer(), offset, length).text();
        assertTrue(spliced.contains(signal), "the signal's bytes, whitespace and all");
        JsonObject generic = parse(codec.encode(Events.SIGNAL_RECEIVED, Json.createObjectBuilder()
                .add("from", "k3J9aQ2x7Lm4Np8Rs1Tu5w").add("signal", parse(signal)).build(), null).text());
        assertEquals(generic, parse(spliced));
    }

    @Test
    void aPeerIdThatNeedsEscapingIsEscapedInTheSplicedFrame() {
        byte[] signal = "{}".getBytes(StandardCharsets.UTF_8);
        JsonObject frame = parse(codec.encodeRelayedSignal("a\"b", signal, 0, signal.length).text());
        assertEquals("a\"b", frame.getJsonObject("data").getString("from"));
    }

    @Test
    void theDataOfAFrameInsideALargerBufferIsFoundAtItsOffset() throws FrameException {
        byte[] buffer = ("xxxx{\"event\":\"send-message\",\"data\":{\"text\":\"hé\"}}yy").getBytes(StandardCharsets.UTF_8);
        InboundFrame frame = codec.decode(buffer, 4, buffer.length - 6);
        assertEquals("hé", frame.data().getString("text"));
        assertEquals("{\"text\":\"hé\"}",
                new String(buffer, frame.dataOffset(), frame.dataLength(), StandardCharsets.UTF_8));
    }

    @Test
    void dataBeforeTheEventIsReadAsWell() throws FrameException {
        InboundFrame frame = decode("{\"data\":{\"text\":\"hi\"},\"event\":\"send-message\"}");
        assertEquals("send-message", frame.event());
        assertEquals("hi", frame.data().getString("text"));
    }

    private static String span(InboundFrame frame, String field) {
        long span = frame.dataFieldSpan(field);
        if (span == InboundFrame.NO_FIELD) {
            return null;
        }
        int start = (int) (span >>> 32);
        return new String(frame.dataBuffer(), start, (int) span - start, StandardCharsets.UTF_8);
    }

    @Test
    void theDataFieldsArePlacedExactlyWhateverTheirType() throws FrameException {
        InboundFrame frame = decode("{\"event\":\"x\",\"data\":{\"s\":\"a\\\"b\", \"o\" : {\"k\":[1,{}]},"
                + "\"n\":-12.5e3,\"z\":null,\"t\":true,\"a\":[\"ü\",2]}}");
        assertTrue(frame.isDataIndexed());
        assertEquals("\"a\\\"b\"", span(frame, "s"));
        assertEquals("{\"k\":[1,{}]}", span(frame, "o"));
        assertEquals("-12.5e3", span(frame, "n"));
        assertEquals("null", span(frame, "z"));
        assertEquals("true", span(frame, "t"));
        assertEquals("[\"ü\",2]", span(frame, "a"));
        assertNull(span(frame, "missing"));
    }

    @Test
    void aRepeatedFieldIsPlacedAtItsLastValueAsTheObjectReadsIt() throws FrameException {
        InboundFrame frame = decode("{\"event\":\"x\",\"data\":{\"to\":\"first\",\"to\":\"last\"}}");
        assertEquals("\"last\"", span(frame, "to"));
        assertEquals("last", frame.data().getString("to"));
    }

    @Test
    void dataWithMoreFieldsThanAnyEventHasIsNotIndexedButStillReadable() throws FrameException {
        StringBuilder data = new StringBuilder("{");
        for (int i = 0; i < 9; i++) {
            data.append(i == 0 ? "" : ",").append("\"f").append(i).append("\":").append(i);
        }
        InboundFrame frame = decode("{\"event\":\"x\",\"data\":" + data + "}}");
        assertFalse(frame.isDataIndexed());
        assertEquals(8, frame.data().getInt("f8"));
    }
}
