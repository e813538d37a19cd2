package io.peershare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peershare.testing.TestClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Validation through the engine (issue item 8): every failure is one clear error; nothing else changes. */
class ValidationTest {

    private final EngineFixture fx = new EngineFixture();

    @AfterEach
    void close() {
        fx.close();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "not json at all                                   | MALFORMED_JSON     | ",
        "{\"event\": \"send-message\", \"data\": {\"text\": \"x\"  | MALFORMED_JSON     | ",
        "[1, 2, 3]                                         | INVALID_FRAME      | ",
        "\"just a string\"                                   | INVALID_FRAME      | ",
        "{\"data\": {}}                                      | INVALID_FRAME      | ",
        "{\"event\": 12}                                     | INVALID_FRAME      | ",
        "{\"event\": \"send-message\", \"data\": [1]}            | INVALID_FRAME      | send-message",
        "{\"event\": \"teleport\", \"data\": {}}                 | UNKNOWN_EVENT      | teleport",
        "{\"event\": \"heartbeat\", \"requestId\": true}         | INVALID_REQUEST_ID | heartbeat",
    })
    void badFramesGetAnErrorNamingWhatWasWrong(String frame, String code, String event) {
        TestClient client = fx.client();
        client.sendRaw(frame.strip());
        List<JsonObject> errors = client.errors();
        assertEquals(1, errors.size(), "exactly one reply");
        assertEquals(code, errors.get(0).getString("code"));
        assertFalse(errors.get(0).getString("message").isBlank());
        if (event != null) {
            assertEquals(event, errors.get(0).getString("event"));
        }
    }

    @Test
    void errorEchoesTheRequestIdStringOrNumber() {
        TestClient client = fx.client();
        client.sendRaw("{\"event\":\"send-message\",\"data\":{\"text\":\"hi\"},\"requestId\":42}");
        assertEquals(42, client.lastError().getInt("requestId"));
        assertEquals(42, client.transport().last("error").getInt("requestId"));
        client.sendRaw("{\"event\":\"nope\",\"requestId\":\"abc\"}");
        assertEquals("abc", client.lastError().getString("requestId"));
    }

    @Test
    void oversizedFrameIsRefusedBeforeParsing() {
        TestClient client = fx.client().join("Home", "Alice");
        client.sendRaw("{\"event\":\"send-message\",\"data\":{\"text\":\"" + "x".repeat(100_000) + "\"}}");
        assertEquals("FRAME_TOO_LARGE", client.lastError().getString("code"));
        assertEquals(1, client.events("new-message").size(), "only the join message");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{}                                                    | MISSING_FIELD      | userName",
        "{\"networkName\": \"Home\"}                             | MISSING_FIELD      | userName",
        "{\"networkName\": 5, \"userName\": \"A\"}                 | INVALID_FIELD_TYPE | networkName",
        "{\"networkName\": \"Home\", \"userName\": [\"A\"]}          | INVALID_FIELD_TYPE | userName",
        "{\"networkName\": \"   \", \"userName\": \"A\"}             | EMPTY_FIELD        | networkName",
        "{\"networkName\": \"\\u202e\\u0000\", \"userName\": \"A\"}  | EMPTY_FIELD        | networkName",
        "{\"networkName\": \"Home\", \"userName\": \"A\", \"deviceType\": \"<b>\"} | INVALID_FIELD_VALUE | deviceType",
    })
    void badJoinNamesTheField(String data, String code, String field) {
        TestClient client = fx.client();
        client.sendRaw("{\"event\":\"join-wifi-network\",\"data\":" + data.strip() + "}");
        assertEquals(code, client.lastError().getString("code"));
        assertEquals(field, client.lastError().getString("field"));
        assertTrue(client.events("network-joined").isEmpty());
    }

    @Test
    void lengthLimitsCountCodePointsAfterCleaning() {
        TestClient client = fx.client();
        String fiftyEmoji = "\uD83D\uDE00".repeat(50);
        client.join(fiftyEmoji, "\u202E" + "a".repeat(30) + "\u0007");
        assertEquals(fiftyEmoji, client.last("network-joined").getJsonObject("data").getString("networkName"));
        assertEquals("a".repeat(30), client.last("network-joined").getJsonObject("data").getString("userName"));

        TestClient tooLong = fx.client().join("n".repeat(51), "A");
        assertEquals("FIELD_TOO_LONG", tooLong.lastError().getString("code"));
        assertEquals("networkName", tooLong.lastError().getString("field"));
        tooLong.join("Home", "u".repeat(31));
        assertEquals("userName", tooLong.lastError().getString("field"));
        tooLong.join("Home", "Ok");
        tooLong.chat("m".repeat(2001));
        assertEquals("FIELD_TOO_LONG", tooLong.lastError().getString("code"));
        tooLong.chat("m".repeat(2000));
        assertEquals(2000, tooLong.last("new-message").getJsonObject("data").getString("text").length());
    }

    @Test
    void aBadFrameNeverAffectsOtherConnections() {
        TestClient alice = fx.client().join("Home", "Alice");
        TestClient bob = fx.client().join("Home", "Bob");
        alice.clear();
        bob.sendRaw("{\"event\":\"send-message\",\"data\":{\"text\":");
        bob.sendRaw("\u0000\uFFFF garbage");
        bob.sendRaw("{\"event\":\"webrtc-signal\",\"data\":{\"to\":\"" + alice.peerId() + "\",\"signal\":null}}");
        assertTrue(alice.transport().frames().isEmpty(), "alice hears nothing of bob's bad frames");
        assertEquals(3, bob.errors().size());
        bob.chat("after the garbage");
        assertEquals("after the garbage", alice.last("new-message").getJsonObject("data").getString("text"));
        assertFalse(bob.transport().isClosed());
    }

    @Test
    void hostileFieldsAreTreatedAsTextNotMarkup() {
        TestClient alice = fx.client().join("Home", "<img src=x onerror=alert(1)>");
        alice.chat("<script>alert(1)</script>");
        JsonObject message = alice.last("new-message").getJsonObject("data");
        assertEquals("<script>alert(1)</script>", message.getString("text"), "stored as text; rendering escapes it");
        assertEquals("<img src=x onerror=alert(1)>", message.getString("userName"));
    }

    @Test
    void ignoresUnknownExtraFieldsInData() {
        TestClient alice = fx.client();
        alice.send("join-wifi-network", Json.createObjectBuilder().add("networkName", "Home").add("userName", "A")
                .add("color", "blue"));
        assertTrue(alice.errors().isEmpty());
    }
}
