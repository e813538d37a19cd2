package io.peershare.server;

import java.util.function.Function;

/**
 * What an environment variable's value may look like, in the user's words, and how it is read. The words
 * complete "NAME must be ...", in error messages and in the documentation alike.
 *
 * @param allowed what a value may be, such as {@code a whole number from 0 to 65535}
 * @param reader  turns the trimmed, non-blank text into a value; any exception means the text is not allowed,
 *                and only a {@link Rejected} one adds its message to what the user is told
 */
record ValueFormat<T>(String allowed, Function<String, T> reader) {

    /** The same text read on into another value, for example seconds into a {@code Duration}. */
    <R> ValueFormat<R> map(Function<? super T, ? extends R> then) {
        return new ValueFormat<>(allowed, reader.andThen(then));
    }

    /** A bad value, with a detail for the user such as which entry of a list is wrong. */
    static final class Rejected extends RuntimeException {
        Rejected(String detail) {
            super(detail, null, false, false);
        }
    }
}
