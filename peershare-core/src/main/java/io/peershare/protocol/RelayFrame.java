package io.peershare.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One chunk of a relayed transfer, as the binary WebSocket frame that carries it, big-endian:
 *
 * <pre>
 * offset  size     field
 * 0       1        kind: {@link #CHUNK}
 * 1       1        n: the transfer id's length, 1 to {@value #MAX_ID_LENGTH}
 * 2       n        the transfer id: ASCII letters, digits, '-' and '_'
 * 2+n     8        where the chunk starts in the relayed stream: the bytes relayed before it
 * 10+n    the rest the chunk, at most {@value #MAX_CHUNK_BYTES} bytes (may be empty)
 * </pre>
 *
 * <p>Documented in {@code docs/protocol.md}, "The relay through the server". The chunk is opaque to the server, which reads only
 * the header: clients encrypt it end to end, so it is 16 KiB of the file and the cipher's nonce and tag at most.
 *
 * @param chunk read-only, positioned at the chunk's first byte
 */
public record RelayFrame(String transferId, long offset, ByteBuffer chunk) {

    public static final byte CHUNK = 0x01;
    public static final int MAX_ID_LENGTH = 64;
    /** 16 KiB of the file, a 12-byte nonce and a 16-byte tag. */
    public static final int MAX_CHUNK_BYTES = 16 * 1024 + 12 + 16;
    private static final int FIXED_HEADER_BYTES = 1 + 1 + 8;
    /** The largest relay frame: the longest header and the largest chunk. */
    public static final int MAX_FRAME_BYTES = FIXED_HEADER_BYTES + MAX_ID_LENGTH + MAX_CHUNK_BYTES;

    /** A binary frame that is not a relay frame; the message names what is wrong with it. */
    public static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    public RelayFrame {
        if (transferId.isEmpty() || transferId.length() > MAX_ID_LENGTH
                || !transferId.chars().allMatch(c -> c < 0x80 && isIdByte((byte) c))) {
            throw new IllegalArgumentException("not a transfer id: " + transferId);
        }
        if (offset < 0 || chunk.remaining() > MAX_CHUNK_BYTES) {
            throw new IllegalArgumentException("offset " + offset + ", chunk of " + chunk.remaining() + " bytes");
        }
    }

    /** The bytes of a header for {@code transferId}. */
    public static int headerBytes(String transferId) {
        return FIXED_HEADER_BYTES + transferId.length();
    }

    /** Reads a frame; the chunk shares {@code frame}'s bytes. */
    public static RelayFrame decode(ByteBuffer frame) throws Invalid {
        ByteBuffer in = frame.duplicate();
        if (in.remaining() < FIXED_HEADER_BYTES + 1) {
            throw new Invalid("a relay frame has at least " + (FIXED_HEADER_BYTES + 1) + " bytes, this one "
                    + in.remaining());
        }
        byte kind = in.get();
        if (kind != CHUNK) {
            throw new Invalid("unknown relay frame kind " + (kind & 0xFF) + "; a chunk is " + CHUNK);
        }
        int idLength = in.get() & 0xFF;
        if (idLength == 0 || idLength > MAX_ID_LENGTH) {
            throw new Invalid("the transfer id's length is " + idLength + "; it must be 1 to " + MAX_ID_LENGTH);
        }
        if (in.remaining() < idLength + 8) {
            throw new Invalid("the frame ends inside its header");
        }
        byte[] id = new byte[idLength];
        in.get(id);
        for (byte b : id) {
            if (!isIdByte(b)) {
                throw new Invalid("the transfer id holds a byte other than ASCII letters, digits, '-' and '_'");
            }
        }
        long offset = in.getLong();
        if (offset < 0) {
            throw new Invalid("the offset is negative");
        }
        if (in.remaining() > MAX_CHUNK_BYTES) {
            throw new Invalid("the chunk has " + in.remaining() + " bytes; at most " + MAX_CHUNK_BYTES);
        }
        return new RelayFrame(new String(id, StandardCharsets.US_ASCII), offset, in.slice().asReadOnlyBuffer());
    }

    /** The frame's bytes, ready to send. */
    public ByteBuffer encode() {
        byte[] id = transferId.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer out = ByteBuffer.allocate(FIXED_HEADER_BYTES + id.length + chunk.remaining());
        out.put(CHUNK).put((byte) id.length).put(id).putLong(offset).put(chunk.duplicate());
        return out.flip();
    }

    private static boolean isIdByte(byte b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '-' || b == '_';
    }
}
