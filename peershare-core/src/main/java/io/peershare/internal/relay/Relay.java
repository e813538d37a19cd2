package io.peershare.internal.relay;

import io.peershare.protocol.RelayFrame;

/**
 * One transfer relayed through the server, between its sender and its receiver: how far it has gone and how much
 * the sender may send before the receiver acknowledges. The server holds at most {@link #window()} bytes of it for
 * the receiver: a chunk past the credit is refused, and the receiver's acknowledgements (the bytes it has taken, in
 * all) give the credit back. So a receiver that stops reading stalls its sender, never the server's memory.
 *
 * <p>The stream is at most {@link #allowance(long)} bytes: the file and, per chunk, the cipher's nonce and tag.
 * Chunks come in order, each starting where the last ended. A relay with neither a chunk nor an acknowledgement for
 * its idle timeout is over ({@link #expireIfIdle}).
 *
 * <p>Threading: every method holds the relay's monitor; a relay's chunks come from its sender's connection and its
 * acknowledgements from its receiver's, on two threads.
 */
public final class Relay {

    /** The window a relay gets: sixteen chunks, enough to keep a LAN-speed relay busy on a long round trip. */
    public static final int WINDOW_BYTES = 16 * RelayFrame.MAX_CHUNK_BYTES;
    /** A relay on which nothing moves this long is over. */
    public static final long IDLE_TIMEOUT_MILLIS = 30_000;
    /** Bytes of the file in every chunk but the last. */
    public static final int FILE_BYTES_PER_CHUNK = 16 * 1024;
    /** A chunk's cipher framing: a 12-byte nonce and a 16-byte tag. */
    public static final int CIPHER_BYTES_PER_CHUNK = 12 + 16;

    /** Where a relay stands. */
    public enum State { OPEN, FINISHED, ENDED }

    private final String transferId;
    private final long allowance;
    private final int window;
    private final long idleTimeoutMillis;
    private State state = State.OPEN;
    private long relayed;
    private long acknowledged;
    private long lastActivityMillis;

    public Relay(String transferId, long fileSize, int window, long idleTimeoutMillis, long nowMillis) {
        if (window < RelayFrame.MAX_CHUNK_BYTES) {
            throw new IllegalArgumentException("a window of " + window + " bytes cannot hold one chunk");
        }
        this.transferId = transferId;
        this.allowance = allowance(fileSize);
        this.window = window;
        this.idleTimeoutMillis = idleTimeoutMillis;
        this.lastActivityMillis = nowMillis;
    }

    /** The most a file of {@code fileSize} bytes may take on the relay: the file and each chunk's cipher framing. */
    public static long allowance(long fileSize) {
        long chunks = Math.max(1, (fileSize + FILE_BYTES_PER_CHUNK - 1) / FILE_BYTES_PER_CHUNK);
        return fileSize + chunks * CIPHER_BYTES_PER_CHUNK;
    }

    public String transferId() {
        return transferId;
    }

    public int window() {
        return window;
    }

    /**
     * The sender's chunk of {@code bytes} at {@code offset}: {@code null} if it may pass to the receiver (and is
     * counted), otherwise why not; a refused chunk changes nothing.
     */
    public synchronized RelayRefusal chunk(long offset, int bytes, long nowMillis) {
        if (state != State.OPEN) {
            return RelayRefusal.NOT_OPEN;
        }
        if (offset != relayed) {
            return RelayRefusal.OUT_OF_ORDER;
        }
        if (relayed + bytes > allowance) {
            return RelayRefusal.SIZE_EXCEEDED;
        }
        if (relayed + bytes - acknowledged > window) {
            return RelayRefusal.WINDOW_EXCEEDED;
        }
        relayed += bytes;
        lastActivityMillis = nowMillis;
        return null;
    }

    /**
     * The receiver has taken {@code received} bytes of the stream in all: {@code null} if that moves the window by at
     * least a chunk, or to all that was relayed (the credit it opens goes to the sender), otherwise why not. So there
     * are never more acknowledgements than chunks, and they need no rate limit of their own.
     */
    public synchronized RelayRefusal acknowledge(long received, long nowMillis) {
        if (state == State.ENDED) {
            return RelayRefusal.NOT_OPEN;
        }
        if (received <= acknowledged || received > relayed
                || received - acknowledged < RelayFrame.MAX_CHUNK_BYTES && received != relayed) {
            return RelayRefusal.INVALID_ACK;
        }
        acknowledged = received;
        lastActivityMillis = nowMillis;
        return null;
    }

    /** Bytes the sender may send now. */
    public synchronized long credit() {
        return state == State.OPEN ? window - (relayed - acknowledged) : 0;
    }

    /** Bytes passed on and not yet acknowledged: what the server may still hold for the receiver. */
    public synchronized long inFlight() {
        return relayed - acknowledged;
    }

    public synchronized long relayed() {
        return relayed;
    }

    public synchronized State state() {
        return state;
    }

    /**
     * The sender has sent everything: no more chunks; acknowledgements still count until the receiver has all of it.
     * {@code false} if the relay was not open.
     */
    public synchronized boolean finish() {
        if (state != State.OPEN) {
            return false;
        }
        state = State.FINISHED;
        return true;
    }

    /** The relay is over, for whatever reason; {@code false} if it was over already. */
    public synchronized boolean end() {
        if (state == State.ENDED) {
            return false;
        }
        state = State.ENDED;
        return true;
    }

    /** Ends the relay if nothing moved on it for its idle timeout; {@code true} if this call ended it. */
    public synchronized boolean expireIfIdle(long nowMillis) {
        if (state == State.ENDED || nowMillis - lastActivityMillis < idleTimeoutMillis) {
            return false;
        }
        state = State.ENDED;
        return true;
    }
}
