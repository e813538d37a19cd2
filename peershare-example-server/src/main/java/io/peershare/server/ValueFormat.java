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
 * @param writer  writes a value as a user would, the reader's inverse, so that an engine setting's default is shown
 *                in this format from the engine's own; {@code null} for a format that only reads
 */
record ValueFormat<T>(String allowed, Function<String, T> reader, String refused, boolean secret,
        Function<? super T, String> writer) {

    ValueFormat(String allowed, Function<String, T> reader) {
        this(allowed, reader, null, false, null);
    }

    /** The same text read on into another value, for example seconds into a {@code Duration}; it only reads. */
    <R> ValueFormat<R> map(Function<? super T, ? extends R> then) {
        return new ValueFormat<>(allowed, reader.andThen(then), refused, secret, null);
    }

    /** The same text read on into another value, and {@code back} again when a value is written. */
    <R> ValueFormat<R> map(Function<? super T, ? extends R> then, Function<? super R, ? extends T> back) {
        Function<? super T, String> write = writer;
        return new ValueFormat<>(allowed, reader.andThen(then), refused, secret, value -> write.apply(back.apply(value)));
    }

    /** This format, with {@code example} as the value it is known to refuse. */
    ValueFormat<T> refusing(String example) {
        return new ValueFormat<>(allowed, reader, example, secret, writer);
    }

    /** This format, for a value never repeated in a message. */
    ValueFormat<T> asSecret() {
        return new ValueFormat<>(allowed, reader, refused, true, writer);
    }

    /** This format, writing values with {@code write}. */
    ValueFormat<T> writing(Function<? super T, String> write) {
        return new ValueFormat<>(allowed, reader, refused, secret, write);
    }

    /** {@code value} as a user would write it; only for a format that writes. */
    String written(T value) {
        if (writer == null) {
            throw new IllegalStateException("this format only reads: " + allowed);
        }
        return writer.apply(value);
    }

    /** A bad value, with a detail for the user such as which entry of a list is wrong. */
    static final class Rejected extends RuntimeException {
        Rejected(String detail) {
            super(detail, null, false, false);
        }
    }
}
