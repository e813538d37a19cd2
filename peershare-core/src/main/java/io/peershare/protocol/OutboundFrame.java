package io.peershare.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Function;

/**
 * One text frame for clients, encoded to UTF-8 once and shared by every recipient: a broadcast to fifty members
 * is one {@code OutboundFrame}, not fifty strings. Immutable and thread-safe.
 *
 * <p>A transport that needs the frame in another form derives it once with {@link #transportForm} (the Netty
 * adapter keeps the whole WebSocket frame, header included) or asks for {@link #text()} (containers whose API
 * takes strings); both are computed at most once per frame, whatever the number of recipients.
 */
public final class OutboundFrame {

    /** Room an encoder may leave before a frame's bytes for a transport's own header: a WebSocket header's most. */
    public static final int HEADROOM = 10;

    private final byte[] buffer;
    private final int offset;
    private final int length;
    private volatile String text;
    private volatile Object formKey;
    private volatile Object form;

    private OutboundFrame(byte[] buffer, int offset, int length, String text) {
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
        this.text = text;
    }

    /** A frame of these UTF-8 bytes; the array becomes the frame's and must not be changed afterwards. */
    public static OutboundFrame ofUtf8(byte[] utf8) {
        return new OutboundFrame(Objects.requireNonNull(utf8, "utf8"), 0, utf8.length, null);
    }

    /**
     * A frame of the {@code length} UTF-8 bytes at {@code offset} of {@code buffer}; the array becomes the frame's.
     * The bytes before {@code offset} are headroom: a transport may put its header there (see {@link #prefixed})
     * instead of copying the frame.
     */
    public static OutboundFrame ofUtf8(byte[] buffer, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        return new OutboundFrame(buffer, offset, length, null);
    }

    /** A frame of this text. */
    public static OutboundFrame ofText(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        return new OutboundFrame(utf8, 0, utf8.length, text);
    }

    /** Length of the frame in bytes of UTF-8. */
    public int size() {
        return length;
    }

    /** The bytes, read-only and without copying. */
    public ByteBuffer bytes() {
        return ByteBuffer.wrap(buffer, offset, length).slice().asReadOnlyBuffer();
    }

    /** Copies the bytes into {@code target} at {@code at}. */
    public void copyTo(byte[] target, int at) {
        System.arraycopy(buffer, offset, target, at, length);
    }

    /**
     * {@code header} followed by the frame's bytes, for a transport that frames messages. Written into the frame's
     * headroom when it fits, so the frame is not copied; otherwise into a new array. The frame's own bytes are
     * never changed. Call it through {@link #transportForm}, so that it runs once per frame.
     */
    public ByteBuffer prefixed(byte[] header) {
        if (header.length <= offset) {
            // Outside the frame's bytes; recipients that race here write the same header.
            System.arraycopy(header, 0, buffer, offset - header.length, header.length);
            return ByteBuffer.wrap(buffer, offset - header.length, header.length + length).slice();
        }
        byte[] whole = new byte[header.length + length];
        System.arraycopy(header, 0, whole, 0, header.length);
        System.arraycopy(buffer, offset, whole, header.length, length);
        return ByteBuffer.wrap(whole);
    }

    /** The frame as text, decoded once. */
    public String text() {
        String t = text;
        if (t == null) {
            t = new String(buffer, offset, length, StandardCharsets.UTF_8);
            text = t; // a race only decodes twice; both results are equal
        }
        return t;
    }

    /**
     * The form of this frame that the transport named by {@code key} sends, made by {@code make} the first time
     * and kept for the frame's other recipients. A frame keeps one form; a second key gets its form made afresh.
     */
    @SuppressWarnings("unchecked")
    public <T> T transportForm(Object key, Function<OutboundFrame, T> make) {
        if (formKey == key) {
            Object f = form;
            if (f != null) {
                return (T) f;
            }
        }
        T made = make.apply(this);
        if (formKey == null) {
            form = made;
            formKey = key; // written after the form, so a reader that sees the key sees the form
        }
        return made;
    }

    @Override
    public String toString() {
        return text();
    }
}
