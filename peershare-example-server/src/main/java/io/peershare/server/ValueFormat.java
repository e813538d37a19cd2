package io.peershare.server;

import java.util.function.Function;

/**
 * What an environment variable's value may look like, in the user's words, and how it is read. The words
 * complete "NAME must be ...", in error messages and in the documentation alike.
 *
 * @param allowed what a value may be, such as {@code a whole number from 0 to 65535}
 * @param reader  turns the trimmed, non-blank text into a value; any exception means the text is not allowed,
 *                and only a {@link Rejected} one adds its message to what the user is told
 * @param refused a value this format refuses, such as {@code -1}: the tests feed it to every setting that uses
 *                this format, so that each setting is shown to name itself when refused; {@code null} until
 *                {@link #refusing} gives one (a test then names the setting that lacks it)
 * @param secret  whether a refused value is kept out of the message, since messages end up in logs
 */
record ValueFormat<T>(String allowed, Function<String, T> reader, String refused, boolean secret) {

    ValueFormat(String allowed, Function<String, T> reader) {
        this(allowed, reader, null, false);
    }

    /** The same text read on into another value, for example seconds into a {@code Duration}. */
    <R> ValueFormat<R> map(Function<? super T, ? extends R> then) {
        return new ValueFormat<>(allowed, reader.andThen(then), refused, secret);
    }

    /** This format, with {@code example} as the value it is known to refuse. */
    ValueFormat<T> refusing(String example) {
        return new ValueFormat<>(allowed, reader, example, secret);
    }

    /** This format, for a value never repeated in a message. */
    ValueFormat<T> asSecret() {
        return new ValueFormat<>(allowed, reader, refused, true);
    }

    /** A bad value, with a detail for the user such as which entry of a list is wrong. */
    static final class Rejected extends RuntimeException {
        Rejected(String detail) {
            super(detail, null, false, false);
        }
    }
}
