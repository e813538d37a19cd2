package io.peershare.internal.input;

import io.peershare.protocol.ErrorCode;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.text.Normalizer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and checks the fields of client events. Every method either returns a clean value or throws a
 * {@link Rejection} that names the field and what was wrong with it.
 *
 * <p>Text is cleaned before it is measured: normalized to NFC, stripped of control characters, bidi
 * overrides and isolates and lone surrogates, then trimmed. Lengths count what people see as characters (grapheme
 * clusters), so a family emoji of seven code points is one.
 */
public final class InputValidator {

    /** Code points a character may carry on average (a family emoji has seven, a flag two). */
    static final int CODE_POINTS_PER_CHARACTER = 8;
    /** One extended grapheme cluster: what a person sees as one character. */
    private static final Pattern GRAPHEME = Pattern.compile("\\X");

    /** Longest peer or transfer id a client may name. Real ones are 22 characters. */
    public static final int MAX_ID_LENGTH = 64;
    public static final int MAX_DEVICE_TYPE_LENGTH = 20;
    public static final int MAX_MIME_TYPE_LENGTH = 127;
    public static final int MAX_REASON_LENGTH = 200;

    private static final Pattern DEVICE_TYPE = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Pattern MIME_TYPE =
            Pattern.compile("[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*(;.*)?");

    private InputValidator() {
    }

    /** A required text field, cleaned; never empty, at most {@code maxLength} code points. */
    public static String requiredText(JsonObject data, String field, int maxLength) {
        return text(data, field, maxLength, false);
    }

    /** Like {@link #requiredText} but keeps line breaks, for chat messages. */
    public static String requiredMultilineText(JsonObject data, String field, int maxLength) {
        return text(data, field, maxLength, true);
    }

    /** An optional text field, cleaned; {@code null} when absent, null or empty after cleaning. */
    public static String optionalText(JsonObject data, String field, int maxLength) {
        JsonValue value = data.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        String clean = clean(string(value, field), false);
        if (clean.isEmpty() || showsNothing(clean)) {
            return null;
        }
        checkLength(clean, field, maxLength);
        return clean;
    }

    /** A server-assigned id the client refers to (a peer or a transfer). */
    public static String requiredId(JsonObject data, String field) {
        return checkId(string(required(data, field), field), field);
    }

    /** Checks an id a client names, read without a {@link JsonObject}; returns it. */
    public static String checkId(String id, String field) {
        if (id.isEmpty()) {
            throw new Rejection(ErrorCode.EMPTY_FIELD, "'" + field + "' must not be empty", field);
        }
        if (id.length() > MAX_ID_LENGTH) {
            throw new Rejection(ErrorCode.FIELD_TOO_LONG,
                    "'" + field + "' is longer than " + MAX_ID_LENGTH + " characters", field);
        }
        return id;
    }

    /** A required whole number of bytes, from 0 to {@code max}; {@code tooLarge} is the code when above. */
    public static long requiredSize(JsonObject data, String field, long max, ErrorCode tooLarge) {
        JsonValue value = required(data, field);
        if (!(value instanceof JsonNumber number)) {
            throw new Rejection(ErrorCode.INVALID_FIELD_TYPE, "'" + field + "' must be a number", field);
        }
        if (!number.isIntegral()) {
            throw new Rejection(ErrorCode.INVALID_FIELD_VALUE, "'" + field + "' must be a whole number", field);
        }
        if (number.bigIntegerValue().signum() < 0) {
            throw new Rejection(ErrorCode.INVALID_FIELD_VALUE, "'" + field + "' must not be negative", field);
        }
        long size;
        try {
            size = number.bigIntegerValueExact().longValueExact();
        } catch (ArithmeticException e) {
            throw new Rejection(tooLarge, "'" + field + "' is larger than the limit of " + max, field);
        }
        if (size < 0) {
            throw new Rejection(ErrorCode.INVALID_FIELD_VALUE, "'" + field + "' must not be negative", field);
        }
        if (size > max) {
            throw new Rejection(tooLarge, "'" + field + "' is " + size + ", more than the limit of " + max, field);
        }
        return size;
    }

    /** A required JSON object, returned as is. */
    public static JsonObject requiredObject(JsonObject data, String field) {
        JsonValue value = required(data, field);
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new Rejection(ErrorCode.INVALID_FIELD_TYPE, "'" + field + "' must be an object", field);
        }
        return value.asJsonObject();
    }

    /** An optional device type: lower-case letters, digits and dashes; {@code "unknown"} when absent. */
    public static String deviceType(JsonObject data, String field) {
        JsonValue value = data.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return "unknown";
        }
        String type = string(value, field).strip().toLowerCase(java.util.Locale.ROOT);
        if (type.isEmpty()) {
            return "unknown";
        }
        if (type.length() > MAX_DEVICE_TYPE_LENGTH) {
            throw new Rejection(ErrorCode.FIELD_TOO_LONG,
                    "'" + field + "' is longer than " + MAX_DEVICE_TYPE_LENGTH + " characters", field);
        }
        if (!DEVICE_TYPE.matcher(type).matches()) {
            throw new Rejection(ErrorCode.INVALID_FIELD_VALUE,
                    "'" + field + "' may hold only letters, digits and dashes, such as 'desktop' or 'mobile'", field);
        }
        return type;
    }

    /** An optional MIME type; {@code application/octet-stream} when absent or empty. */
    public static String mimeType(JsonObject data, String field) {
        JsonValue value = data.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return "application/octet-stream";
        }
        String type = string(value, field).strip();
        if (type.isEmpty()) {
            return "application/octet-stream";
        }
        if (type.length() > MAX_MIME_TYPE_LENGTH) {
            throw new Rejection(ErrorCode.FIELD_TOO_LONG,
                    "'" + field + "' is longer than " + MAX_MIME_TYPE_LENGTH + " characters", field);
        }
        if (!MIME_TYPE.matcher(type).matches() || !clean(type, false).equals(type)) {
            throw new Rejection(ErrorCode.INVALID_FIELD_VALUE,
                    "'" + field + "' must be a MIME type such as 'image/png'", field);
        }
        return type;
    }

    /** Cleans text as described on the class: NFC, no controls (but line breaks if allowed), no bidi controls, trimmed. */
    public static String clean(String raw, boolean keepLineBreaks) {
        String text = raw;
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean drop;
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                if (out != null) {
                    out.append(c).append(text.charAt(i + 1));
                }
                i++;
                continue;
            } else if (Character.isSurrogate(c)) {
                drop = true; // a lone surrogate is not text
            } else if (c == '\n') {
                drop = !keepLineBreaks;
            } else {
                drop = Character.getType(c) == Character.CONTROL || isBidiControl(c);
            }
            if (drop && out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            } else if (!drop && out != null) {
                out.append(c);
            }
        }
        // Normalized after stripping: a removed character may have separated a letter from its combining mark.
        return trim(Normalizer.normalize(out == null ? text : out.toString(), Normalizer.Form.NFC));
    }

    /** Without leading and trailing white space, no-break spaces included ({@link String#strip} keeps those). */
    private static String trim(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isSpace(text.codePointAt(start))) {
            start += Character.charCount(text.codePointAt(start));
        }
        while (end > start && isSpace(text.codePointBefore(end))) {
            end -= Character.charCount(text.codePointBefore(end));
        }
        return text.substring(start, end);
    }

    private static boolean isSpace(int codePoint) {
        return Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint);
    }

    /**
     * Whether {@code text} shows nothing: every code point is white space, a format character (zero-width space,
     * joiners), a mark with nothing to sit on, or a letter or symbol that is drawn blank (Hangul fillers, the blank
     * Braille pattern). A name made of these would look empty to everyone else.
     */
    static boolean showsNothing(String text) {
        return text.codePoints().allMatch(InputValidator::isInvisible);
    }

    private static boolean isInvisible(int codePoint) {
        int type = Character.getType(codePoint);
        return isSpace(codePoint) || type == Character.FORMAT || type == Character.NON_SPACING_MARK
                || type == Character.ENCLOSING_MARK || type == Character.CONTROL
                || codePoint == 0x115F || codePoint == 0x1160 || codePoint == 0x3164 || codePoint == 0xFFA0 // fillers
                || codePoint == 0x2800 // Braille pattern blank
                || codePoint == 0x180E; // Mongolian vowel separator
    }

    private static boolean isBidiControl(char c) {
        // Embeddings and overrides (U+202A..U+202E), isolates (U+2066..U+2069), and the Arabic letter mark.
        return (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069') || c == '\u061C';
    }

    private static String text(JsonObject data, String field, int maxLength, boolean keepLineBreaks) {
        String clean = clean(string(required(data, field), field), keepLineBreaks);
        if (clean.isEmpty()) {
            throw new Rejection(ErrorCode.EMPTY_FIELD, "'" + field + "' is empty", field);
        }
        if (showsNothing(clean)) {
            throw new Rejection(ErrorCode.EMPTY_FIELD, "'" + field + "' has no visible character", field);
        }
        checkLength(clean, field, maxLength);
        return clean;
    }

    /**
     * Lengths are counted as people see characters: grapheme clusters, so that a family emoji (seven code points) is
     * one, as the page counts them. The code points stay bounded too, at {@link #CODE_POINTS_PER_CHARACTER} a
     * character on average, so that a few characters stacked with marks cannot carry unbounded text.
     */
    private static void checkLength(String clean, String field, int maxLength) {
        int codePoints = clean.codePointCount(0, clean.length());
        if (codePoints <= maxLength) {
            return; // never more characters than code points: no need to count them
        }
        int length = graphemeCount(clean);
        if (length > maxLength) {
            throw new Rejection(ErrorCode.FIELD_TOO_LONG,
                    "'" + field + "' is " + length + " characters long, more than the limit of " + maxLength, field);
        }
        if (codePoints > (long) maxLength * CODE_POINTS_PER_CHARACTER) {
            throw new Rejection(ErrorCode.FIELD_TOO_LONG, "'" + field + "' has " + codePoints
                    + " code points, more than " + CODE_POINTS_PER_CHARACTER + " for each of its " + maxLength
                    + " characters allowed", field);
        }
    }

    private static int graphemeCount(String text) {
        Matcher m = GRAPHEME.matcher(text);
        int count = 0;
        while (m.find()) {
            count++;
        }
        return count;
    }

    private static JsonValue required(JsonObject data, String field) {
        JsonValue value = data.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            throw new Rejection(ErrorCode.MISSING_FIELD, "'" + field + "' is required", field);
        }
        return value;
    }

    private static String string(JsonValue value, String field) {
        if (!(value instanceof JsonString s)) {
            throw new Rejection(ErrorCode.INVALID_FIELD_TYPE, "'" + field + "' must be a string", field);
        }
        return s.getString();
    }
}
