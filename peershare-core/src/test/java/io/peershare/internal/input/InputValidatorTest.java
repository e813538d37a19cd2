package io.peershare.internal.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peershare.protocol.ErrorCode;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.math.BigInteger;
import java.text.Normalizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InputValidatorTest {

    private static JsonObject data(String field, String value) {
        return Json.createObjectBuilder().add(field, value).build();
    }

    private static JsonObject data(String field, JsonValue value) {
        return Json.createObjectBuilder().add(field, value).build();
    }

    private static String userName(String raw) {
        return InputValidator.requiredText(data("userName", raw), "userName", 30);
    }

    private static String chatText(String raw) {
        return InputValidator.requiredMultilineText(data("text", raw), "text", 2000);
    }

    private static Rejection refusal(Runnable validation) {
        return assertThrows(Rejection.class, validation::run);
    }

    // --- normalization and trimming

    @Test
    void textIsNormalizedToNfc() {
        assertEquals("Caf\u00e9", userName("Cafe\u0301"));
    }

    @Test
    void textIsNfcEvenWhenAStrippedCharacterSeparatedALetterFromItsAccent() {
        String clean = userName("Cafe\u0000\u0301");
        assertEquals("Caf\u00e9", clean);
        assertTrue(Normalizer.isNormalized(clean, Normalizer.Form.NFC));
    }

    @Test
    void surroundingWhitespaceIsTrimmed() {
        assertEquals("Alice Smith", userName(" \t Alice Smith \u2003 "));
    }

    @Test
    void innerWhitespaceIsKept() {
        assertEquals("Alice  Smith", userName("Alice  Smith"));
    }

    // --- control characters

    @ParameterizedTest(name = "U+{0}")
    @ValueSource(ints = {0x00, 0x07, 0x08, 0x09, 0x0B, 0x0C, 0x0D, 0x1B, 0x1F, 0x7F, 0x85, 0x9F})
    void controlCharactersAreStripped(int control) {
        assertEquals("ab", userName("a" + (char) control + "b"));
    }

    @Test
    void aNewlineIsStrippedFromANameButKeptInAChatMessage() {
        assertEquals("ab", userName("a\nb"));
        assertEquals("a\nb", chatText("a\nb"));
    }

    @Test
    void aCarriageReturnIsStrippedEvenInAChatMessage() {
        assertEquals("a\nb", chatText("a\r\nb"));
    }

    @Test
    void leadingAndTrailingNewlinesOfAChatMessageAreTrimmed() {
        assertEquals("hello\n\nworld", chatText("\n\nhello\n\nworld\n"));
    }

    // --- bidi controls

    @ParameterizedTest(name = "U+{0}")
    @ValueSource(ints = {0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x061C})
    void bidiOverridesIsolatesAndEmbeddingsAreStripped(int bidi) {
        assertEquals("abc", userName("a" + (char) bidi + "bc"));
        assertEquals("abc", chatText("a" + (char) bidi + "bc"));
    }

    @Test
    void theTrojanSourceFileNameTrickIsDefused() {
        assertEquals("invoicefdp.exe", userName("invoice\u202Efdp.exe"));
    }

    // --- surrogates

    @Test
    void aLoneHighSurrogateIsRemoved() {
        assertEquals("ok", userName("o\uD800k"));
    }

    @Test
    void aLoneLowSurrogateIsRemoved() {
        assertEquals("ok", userName("o\uDC00k"));
    }

    @Test
    void surrogatesInTheWrongOrderAreBothRemoved() {
        assertEquals("ok", userName("o\uDC00\uD800k"));
    }

    @Test
    void aValidSurrogatePairIsKept() {
        assertEquals("hi 👋", userName("hi 👋"));
    }

    // --- lengths in code points

    @Test
    void thirtyEmojiAreAValidUserName() {
        String thirty = "👋".repeat(30);
        assertEquals(60, thirty.length(), "sixty UTF-16 units");
        assertEquals(thirty, userName(thirty));
    }

    @Test
    void thirtyOneEmojiAreTooLong() {
        Rejection r = refusal(() -> userName("👋".repeat(31)));
        assertEquals(ErrorCode.FIELD_TOO_LONG, r.code());
        assertEquals("userName", r.field());
    }

    @Test
    void charactersAreCountedAsPeopleSeeThemFiveFamilyEmojiAreFive() {
        String family = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67\u200D\uD83D\uDC66"; // seven code points
        String name = family.repeat(5) + "\uD83C\uDDEB\uD83C\uDDF7".repeat(25); // and 25 flags: 30 characters
        assertEquals(85, name.codePointCount(0, name.length()));
        assertEquals(name, userName(name));
        Rejection r = refusal(() -> userName(name + "x"));
        assertEquals(ErrorCode.FIELD_TOO_LONG, r.code());
        assertTrue(r.getMessage().contains("31 characters"), r.getMessage());
    }

    @Test
    void marksStackedOnOneCharacterStillCountTowardsABound() {
        String stacked = "a" + "\u0301\u0302\u0303\u0304\u0305\u0306\u0307\u0308\u0309".repeat(30); // one character
        Rejection r = refusal(() -> userName(stacked));
        assertEquals(ErrorCode.FIELD_TOO_LONG, r.code());
        assertTrue(r.getMessage().contains("code points"), r.getMessage());
    }

    @Test
    void theLengthIsMeasuredAfterCleaning() {
        String thirtyLettersInNoise = " \u202E" + "a\u0000".repeat(30) + " ";
        assertEquals("a".repeat(30), userName(thirtyLettersInNoise));
    }

    @Test
    void theLengthIsMeasuredAfterNfcComposition() {
        assertEquals("\u00e9".repeat(30), userName("e\u0301".repeat(30)), "60 code points before NFC, 30 after");
    }

    @Test
    void aChatMessageMayHaveExactlyTheLimit() {
        assertEquals("x".repeat(2000), chatText("x".repeat(2000)));
        assertEquals(ErrorCode.FIELD_TOO_LONG, refusal(() -> chatText("x".repeat(2001))).code());
    }

    // --- empty after cleaning

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"", "   ", " \u202E\u0000 ", "\t\r\n", "\uD800", "\u2066\u2069"})
    void textThatIsEmptyAfterCleaningIsRefused(String raw) {
        Rejection r = refusal(() -> userName(raw));
        assertEquals(ErrorCode.EMPTY_FIELD, r.code());
        assertEquals("userName", r.field());
    }

    @Test
    void aChatMessageOfOnlyNewlinesIsEmpty() {
        assertEquals(ErrorCode.EMPTY_FIELD, refusal(() -> chatText("\n\n\n")).code());
    }

    // --- presence and types

    @Test
    void aMissingFieldIsRefusedAsMissing() {
        Rejection r = refusal(() -> InputValidator.requiredText(JsonValue.EMPTY_JSON_OBJECT, "userName", 30));
        assertEquals(ErrorCode.MISSING_FIELD, r.code());
        assertEquals("userName", r.field());
    }

    @Test
    void aNullFieldIsRefusedAsMissing() {
        assertEquals(ErrorCode.MISSING_FIELD,
                refusal(() -> InputValidator.requiredText(data("userName", JsonValue.NULL), "userName", 30)).code());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"5", "true", "[\"Alice\"]", "{\"name\":\"Alice\"}"})
    void aTextFieldOfAnotherTypeIsRefused(String json) {
        JsonObject wrong = Json.createReader(new java.io.StringReader("{\"userName\":" + json + "}")).readObject();
        assertEquals(ErrorCode.INVALID_FIELD_TYPE,
                refusal(() -> InputValidator.requiredText(wrong, "userName", 30)).code());
    }

    // --- optional text

    @Test
    void optionalTextIsNullWhenAbsentNullOrEmptyAfterCleaning() {
        assertNull(InputValidator.optionalText(JsonValue.EMPTY_JSON_OBJECT, "reason", 200));
        assertNull(InputValidator.optionalText(data("reason", JsonValue.NULL), "reason", 200));
        assertNull(InputValidator.optionalText(data("reason", " \u0000 "), "reason", 200));
    }

    @Test
    void optionalTextIsCleanedAndBounded() {
        assertEquals("busy", InputValidator.optionalText(data("reason", " bu\u202Esy "), "reason", 200));
        assertEquals(ErrorCode.FIELD_TOO_LONG,
                refusal(() -> InputValidator.optionalText(data("reason", "x".repeat(201)), "reason", 200)).code());
    }

    // --- ids

    @Test
    void anIdIsReturnedAsIs() {
        assertEquals("AbC_123-xyz", InputValidator.requiredId(data("peerId", "AbC_123-xyz"), "peerId"));
    }

    @Test
    void anIdMayNotBeEmptyOrLongerThan64Characters() {
        assertEquals(ErrorCode.EMPTY_FIELD, refusal(() -> InputValidator.requiredId(data("peerId", ""), "peerId")).code());
        assertEquals("p".repeat(64), InputValidator.requiredId(data("peerId", "p".repeat(64)), "peerId"));
        assertEquals(ErrorCode.FIELD_TOO_LONG,
                refusal(() -> InputValidator.requiredId(data("peerId", "p".repeat(65)), "peerId")).code());
    }

    @Test
    void anIdMustBeAString() {
        assertEquals(ErrorCode.INVALID_FIELD_TYPE,
                refusal(() -> InputValidator.requiredId(data("peerId", Json.createValue(5)), "peerId")).code());
    }

    // --- sizes

    private static long size(JsonValue value) {
        return InputValidator.requiredSize(data("fileSize", value), "fileSize", 100, ErrorCode.FILE_TOO_LARGE);
    }

    @Test
    void aSizeFromZeroToTheLimitIsAccepted() {
        assertEquals(0, size(Json.createValue(0)));
        assertEquals(100, size(Json.createValue(100)));
    }

    @Test
    void aSizeAboveTheLimitIsRefusedWithTheCallersCode() {
        assertEquals(ErrorCode.FILE_TOO_LARGE, refusal(() -> size(Json.createValue(101))).code());
    }

    @Test
    void aSizeBeyondLongIsRefusedWithTheCallersCode() {
        assertEquals(ErrorCode.FILE_TOO_LARGE,
                refusal(() -> size(Json.createValue(new BigInteger("1" + "0".repeat(30))))).code());
    }

    @Test
    void aNegativeSizeIsInvalidHoweverLargeItsMagnitude() {
        assertEquals(ErrorCode.INVALID_FIELD_VALUE, refusal(() -> size(Json.createValue(-1))).code());
        assertEquals(ErrorCode.INVALID_FIELD_VALUE,
                refusal(() -> size(Json.createValue(new BigInteger("-1" + "0".repeat(30))))).code());
    }

    @Test
    void aFractionalSizeIsInvalid() {
        assertEquals(ErrorCode.INVALID_FIELD_VALUE, refusal(() -> size(Json.createValue(1.5))).code());
    }

    @Test
    void aSizeThatIsNotANumberIsTheWrongType() {
        assertEquals(ErrorCode.INVALID_FIELD_TYPE, refusal(() -> size(Json.createValue("50"))).code());
    }

    // --- objects

    @Test
    void aRequiredObjectMustBeAnObject() {
        JsonObject signal = Json.createObjectBuilder().add("type", "offer").build();
        assertEquals(signal, InputValidator.requiredObject(data("signal", signal), "signal"));
        assertEquals(ErrorCode.INVALID_FIELD_TYPE,
                refusal(() -> InputValidator.requiredObject(data("signal", "offer"), "signal")).code());
        assertEquals(ErrorCode.MISSING_FIELD,
                refusal(() -> InputValidator.requiredObject(JsonValue.EMPTY_JSON_OBJECT, "signal")).code());
    }

    // --- device and MIME types

    @Test
    void aMissingOrBlankDeviceTypeIsUnknown() {
        assertEquals("unknown", InputValidator.deviceType(JsonValue.EMPTY_JSON_OBJECT, "deviceType"));
        assertEquals("unknown", InputValidator.deviceType(data("deviceType", "  "), "deviceType"));
    }

    @Test
    void aDeviceTypeIsLowerCased() {
        assertEquals("smart-tv", InputValidator.deviceType(data("deviceType", " Smart-TV "), "deviceType"));
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"<b>", "phone tablet", "-phone", "ph\u0000one", "t\u00e9l\u00e9phone"})
    void aDeviceTypeOutsideItsGrammarIsInvalid(String type) {
        assertEquals(ErrorCode.INVALID_FIELD_VALUE,
                refusal(() -> InputValidator.deviceType(data("deviceType", type), "deviceType")).code());
    }

    @Test
    void aDeviceTypeLongerThan20CharactersIsTooLong() {
        assertEquals(ErrorCode.FIELD_TOO_LONG,
                refusal(() -> InputValidator.deviceType(data("deviceType", "a".repeat(21)), "deviceType")).code());
    }

    @Test
    void aMissingMimeTypeIsOctetStream() {
        assertEquals("application/octet-stream", InputValidator.mimeType(JsonValue.EMPTY_JSON_OBJECT, "mimeType"));
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"image/png", "application/vnd.ms-excel", "text/plain; charset=utf-8"})
    void aWellFormedMimeTypeIsKept(String type) {
        assertEquals(type, InputValidator.mimeType(data("mimeType", type), "mimeType"));
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"text/html\"><script>", "image", "/png", "image/", "text/plain;\u0000x", "text/plain;\u202Ex"})
    void aMalformedMimeTypeIsInvalid(String type) {
        assertEquals(ErrorCode.INVALID_FIELD_VALUE,
                refusal(() -> InputValidator.mimeType(data("mimeType", type), "mimeType")).code());
    }

    // --- text that shows nothing

    @ParameterizedTest(name = "U+{0}")
    @ValueSource(strings = {"00A0", "200B", "200D", "3164", "2800", "FEFF", "115F", "FFA0", "2060", "180E"})
    void aNameOfOnlyInvisibleCharactersIsEmpty(String hex) {
        String invisible = Character.toString(Integer.parseInt(hex, 16)).repeat(3);
        Rejection r = assertThrows(Rejection.class,
                () -> InputValidator.requiredText(data("userName", invisible), "userName", 30));
        assertEquals(ErrorCode.EMPTY_FIELD, r.code());
    }

    @Test
    void invisibleCharactersMixedWithSpacesAreEmptyToo() {
        Rejection r = assertThrows(Rejection.class, () -> InputValidator.requiredMultilineText(
                data("text", " \u00A0\u200B\n\u3164 \u2800 "), "text", 100));
        assertEquals(ErrorCode.EMPTY_FIELD, r.code());
    }

    @Test
    void noBreakSpacesAroundANameAreTrimmedAndJoinersInsideEmojiAreKept() {
        assertEquals("Alice", InputValidator.requiredText(data("userName", "\u00A0Alice\u00A0"), "userName", 30));
        String family = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67";
        assertEquals(family, InputValidator.requiredText(data("userName", family), "userName", 30));
    }
}
