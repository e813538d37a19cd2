package io.peershare.netty;

import java.util.concurrent.TimeUnit;

/**
 * How long a connection being closed is kept so that its close frame can get out. The frame waits behind the bytes
 * Netty still holds for the client; while the client reads (those bytes go down from one check to the next), it gets
 * another {@link #INTERVAL_MILLIS}, up to {@link #LIMIT_MILLIS} in all. A client that read nothing since the last check
 * is dropped at that check: it would never read the frame. Once nothing is held, the frame is out, in the socket's
 * buffer, and the connection may go: the system delivers what the socket holds after it is closed.
 *
 * <p>Time comes in as arguments (nanoseconds, as {@link System#nanoTime}), so the rule is tested without waiting.
 * Threading: one connection's event loop.
 */
final class CloseGrace {

    /**
     * Between two checks: a client that reads nothing for this long is dropped without its close frame. Reading shows
     * in steps of up to about 72 KiB (see {@link WebSocketConnection#SOCKET_UNSENT_BYTES}): three seconds make every
     * client that reads 24 KiB a second or more look busy.
     */
    static final long INTERVAL_MILLIS = 3_000;
    /** The longest a close frame may wait to get out to a client that keeps reading, slowly. */
    static final long LIMIT_MILLIS = 15_000;

    private final long deadline;
    /** Bytes Netty held for the client at the last check, the close frame among them. */
    private long held;

    /** A close that began at {@code now}, when Netty held {@code held} bytes for the client. */
    CloseGrace(long now, long held) {
        this.deadline = now + TimeUnit.MILLISECONDS.toNanos(LIMIT_MILLIS);
        this.held = held;
    }

    /** At a check, {@code now}, with {@code heldNow} bytes still held for the client: whether to wait another interval. */
    boolean waitAgain(long now, long heldNow) {
        boolean reading = heldNow < held;
        held = heldNow;
        return heldNow > 0 && reading && now + TimeUnit.MILLISECONDS.toNanos(INTERVAL_MILLIS) <= deadline;
    }
}
