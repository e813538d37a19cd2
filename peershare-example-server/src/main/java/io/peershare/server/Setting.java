package io.peershare.server;

import io.peershare.config.PeerShareSetting;
import java.util.function.BiConsumer;

/**
 * One environment variable the server reads, written once: {@link EnvironmentSettings} reads it with this,
 * a bad value is reported in these words, and {@code docs/operations.md} lists it (a test holds the two alike).
 *
 * @param name         the variable
 * @param defaultValue the value used when the variable is absent or blank, as a user would write it; text in
 *                     parentheses, such as {@code (none)}, describes the absence of a value and is not read
 * @param format       what a value may be and how it is read
 * @param doc          one line for the documentation, in Markdown
 * @param target       where the value goes
 * @param engine       the engine's setting this variable is, whose default it takes; {@code null} for the server's own
 */
record Setting<T>(String name, String defaultValue, ValueFormat<T> format, String doc,
        BiConsumer<ServerConfig.Builder, T> target, PeerShareSetting<?> engine) {

    boolean hasDefaultValue() {
        return !defaultValue.startsWith("(");
    }

    /**
     * Reads {@code text} (trimmed, not blank) into {@code builder} and returns the value, for the rules that weigh one
     * setting against another; a bad value throws naming this variable.
     */
    T apply(String text, ServerConfig.Builder builder) {
        T value = read(text);
        target.accept(builder, value);
        return value;
    }

    T read(String text) {
        try {
            return format.reader().apply(text);
        } catch (ValueFormat.Rejected e) {
            throw refusal(text, " (" + e.getMessage() + ")");
        } catch (RuntimeException e) { // its message is Java's, not the user's
            throw refusal(text, "");
        }
    }

    private IllegalArgumentException refusal(String text, String detail) {
        String was = format.secret() ? text.length() + " characters long (not shown: it is a secret)"
                : "'" + oneLine(text) + "'";
        return new IllegalArgumentException(name + " must be " + format.allowed() + "; was " + was + oneLine(detail));
    }

    /**
     * {@code text} with line breaks and other control characters written as escapes, so that a refusal stays one
     * line in the log whatever the value holds (a stray carriage return from a file saved on Windows, say).
     */
    static String oneLine(String text) {
        StringBuilder line = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            switch (c) {
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\t' -> line.append("\\t");
                default -> {
                    if (Character.isISOControl(c)) {
                        line.append(String.format("\\u%04x", c));
                    } else {
                        line.appendCodePoint(c);
                    }
                }
            }
        });
        return line.toString();
    }
}
