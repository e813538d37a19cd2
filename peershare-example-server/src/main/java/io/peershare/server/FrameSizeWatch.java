package io.peershare.server;

/**
 * Reads the headers of WebSocket frames as the bytes go by: a client's, to find a frame whose payload is over a limit
 * before anything buffers it; the server's own, to see its close frame go out. Payloads are skipped, not read. Not
 * thread-safe: one connection's bytes in one direction, in order.
 */
final class FrameSizeWatch {

    /** The bytes of one read, by index. */
    @FunctionalInterface
    interface Bytes {
        byte get(int index);
    }

    private static final int CLOSE_OPCODE = 0x8;

    private final long maxPayload;
    /** Bytes of the current frame's payload still to come. */
    private long payloadLeft;
    private boolean oversized;
    private boolean closeSeen;

    FrameSizeWatch(long maxPayload) {
        this.maxPayload = maxPayload;
    }

    /**
     * Scans {@code [from, to)}, which follows what was scanned before, and returns where the bytes stop being
     * settled: {@code to} when they are all whole frames or payload; the start of a frame header that is not whole
     * yet (hold those bytes back and scan them again with the next read); or, when {@link #oversized()} turns true,
     * the start of the header of a frame over the limit.
     */
    int settledEnd(Bytes bytes, int from, int to) {
        int i = from;
        while (i < to) {
            if (payloadLeft > 0) {
                long skip = Math.min(payloadLeft, to - i);
                payloadLeft -= skip;
                i += (int) skip;
                continue;
            }
            if (to - i < 2) {
                return i;
            }
            int second = bytes.get(i + 1) & 0xFF;
            int shortLength = second & 0x7F;
            int lengthBytes = shortLength == 126 ? 2 : shortLength == 127 ? 8 : 0;
            int headerLength = 2 + lengthBytes + ((second & 0x80) != 0 ? 4 : 0);
            if (to - i < headerLength) {
                return i;
            }
            long length = shortLength;
            if (lengthBytes > 0) {
                length = 0;
                for (int k = 0; k < lengthBytes; k++) {
                    length = (length << 8) | (bytes.get(i + 2 + k) & 0xFF);
                }
            }
            if (length < 0 || length > maxPayload) {
                oversized = true;
                return i;
            }
            if ((bytes.get(i) & 0x0F) == CLOSE_OPCODE) {
                closeSeen = true;
            }
            i += headerLength;
            payloadLeft = length;
        }
        return to;
    }

    /** Whether the header of a close frame has gone by. */
    boolean closeSeen() {
        return closeSeen;
    }

    /** Whether a frame over the limit was found; the watch stops there. */
    boolean oversized() {
        return oversized;
    }
}
