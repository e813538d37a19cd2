package io.peershare.server;

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
 */
record Setting<T>(String name, String defaultValue, ValueFormat<T> format, String doc,
        BiConsumer<ServerConfig.Builder, T> target) {

    boolean hasDefaultValue() {
        return !defaultValue.startsWith("(");
    }

    /** Reads {@code text} (trimmed, not blank) into {@code builder}; a bad value throws naming this variable. */
    void apply(String text, ServerConfig.Builder builder) {
        target.accept(builder, read(text));
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
        return new IllegalArgumentException(name + " must be " + format.allowed() + "; was '" + text + "'" + detail);
    }
}
