package io.peershare.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.peershare.protocol.ErrorCode;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

class InputValidatorTest {

    private static JsonObject data(String field, String value) {
        return Json.createObjectBuilder().add(field, value).build();
    }

    private static ErrorCode refusal(Runnable validation) {
        return assertThrows(Rejection.class, validation::run).code();
    }

    @Test
    void textIsNormalizedToNfcAndTrimmed() {
        String decomposed = "  Cafe\u0301  ";
        assertEquals("Caf\u00e9", InputValidator.requiredText(data("userName", decomposed), "userName", 30));
    }

    @Test
    void controlAndBidiCharactersAreStrippedAndLineBreaksKeptOnlyInChat() {
        String raw = "a\u0000b\u0007c\u202Ed\u2066e\r\nf";
        assertEquals("abcdef", InputValidator.requiredText(data("userName", raw), "userName", 30));
        assertEquals("abcde\nf", InputValidator.requiredMultilineText(data("text", raw), "text", 2000));
    }

    @Test
    void loneSurrogatesAreRemoved() {
        assertEquals("ok", InputValidator.requiredText(data("userName", "o\uD800k"), "userName", 30));
    }

    @Test
    void lengthsCountCodePointsNotUtf16Units() {
        String thirty = "👋".repeat(30);
        assertEquals(thirty, InputValidator.requiredText(data("userName", thirty), "userName", 30));
        assertEquals(ErrorCode.FIELD_TOO_LONG,
                refusal(() -> InputValidator.requiredText(data("userName", thirty + "👋"), "userName", 30)));
    }

    @Test
    void textThatIsEmptyAfterCleaningIsRefused() {
        assertEquals(ErrorCode.EMPTY_FIELD,
                refusal(() -> InputValidator.requiredText(data("userName", " \u202E\u0000 "), "userName", 30)));
    }

    @Test
    void typesAreChecked() {
        JsonObject number = Json.createObjectBuilder().add("userName", 5).build();
        assertEquals(ErrorCode.INVALID_FIELD_TYPE, refusal(() -> InputValidator.requiredText(number, "userName", 30)));
        assertEquals(ErrorCode.MISSING_FIELD,
                refusal(() -> InputValidator.requiredText(JsonObject.EMPTY_JSON_OBJECT, "userName", 30)));
        JsonObject fractional = Json.createObjectBuilder().add("fileSize", 1.5).build();
        assertEquals(ErrorCode.INVALID_FIELD_VALUE,
                refusal(() -> InputValidator.requiredSize(fractional, "fileSize", 100, ErrorCode.FILE_TOO_LARGE)));
    }

    @Test
    void sizesAreBoundedWithTheCallersCode() {
        JsonObject big = Json.createObjectBuilder().add("fileSize", 101).build();
        assertEquals(ErrorCode.FILE_TOO_LARGE,
                refusal(() -> InputValidator.requiredSize(big, "fileSize", 100, ErrorCode.FILE_TOO_LARGE)));
        JsonObject negative = Json.createObjectBuilder().add("fileSize", -1).build();
        assertEquals(ErrorCode.INVALID_FIELD_VALUE,
                refusal(() -> InputValidator.requiredSize(negative, "fileSize", 100, ErrorCode.FILE_TOO_LARGE)));
        JsonObject hugeNegative = Json.createObjectBuilder().add("fileSize", new java.math.BigInteger("-1" + "0".repeat(30))).build();
        assertEquals(ErrorCode.INVALID_FIELD_VALUE,
                refusal(() -> InputValidator.requiredSize(hugeNegative, "fileSize", 100, ErrorCode.FILE_TOO_LARGE)),
                "a negative size is invalid however large its magnitude");
        assertEquals(100, InputValidator.requiredSize(Json.createObjectBuilder().add("fileSize", 100).build(),
                "fileSize", 100, ErrorCode.FILE_TOO_LARGE));
    }

    @Test
    void deviceAndMimeTypesFollowTheirGrammar() {
        assertEquals("unknown", InputValidator.deviceType(JsonObject.EMPTY_JSON_OBJECT, "deviceType"));
        assertEquals("phone", InputValidator.deviceType(data("deviceType", "phone"), "deviceType"));
        assertEquals(ErrorCode.INVALID_FIELD_VALUE,
                refusal(() -> InputValidator.deviceType(data("deviceType", "<b>"), "deviceType")));
        assertEquals("application/octet-stream", InputValidator.mimeType(JsonObject.EMPTY_JSON_OBJECT, "mimeType"));
        assertEquals("image/png", InputValidator.mimeType(data("mimeType", "image/png"), "mimeType"));
        assertEquals(ErrorCode.INVALID_FIELD_VALUE,
                refusal(() -> InputValidator.mimeType(data("mimeType", "text/html\"><script>"), "mimeType")));
    }
}
