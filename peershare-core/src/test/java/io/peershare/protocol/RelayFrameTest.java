package io.peershare.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RelayFrameTest {

    private static ByteBuffer bytes(int... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length);
        for (int v : values) {
            b.put((byte) v);
        }
        return b.flip();
    }

    @Test
    void aChunkRoundTripsThroughItsBytes() throws Exception {
        ByteBuffer chunk = ByteBuffer.wrap("ciphertext".getBytes(StandardCharsets.UTF_8));
        RelayFrame frame = new RelayFrame("t-1_A", 16_412, chunk);
        ByteBuffer wire = frame.encode();
        assertEquals(RelayFrame.headerBytes("t-1_A") + 10, wire.remaining());
        assertEquals(RelayFrame.CHUNK, wire.get(0));
        assertEquals(5, wire.get(1));
        RelayFrame read = RelayFrame.decode(wire);
        assertEquals("t-1_A", read.transferId());
        assertEquals(16_412, read.offset());
        assertEquals("ciphertext", StandardCharsets.UTF_8.decode(read.chunk()).toString());
        assertTrue(read.chunk().isReadOnly(), "the chunk is passed on, never changed");
    }

    @Test
    void anEmptyChunkIsAFrame() throws Exception {
        RelayFrame read = RelayFrame.decode(new RelayFrame("t", 0, ByteBuffer.allocate(0)).encode());
        assertEquals(0, read.chunk().remaining());
    }

    @Test
    void everyWayAFrameCanBeWrongIsNamed() {
        assertEquals("a relay frame has at least 11 bytes, this one 3",
                assertThrows(RelayFrame.Invalid.class, () -> RelayFrame.decode(bytes(1, 1, 'a'))).getMessage());
        assertEquals("unknown relay frame kind 2; a chunk is 1", assertThrows(RelayFrame.Invalid.class,
                () -> RelayFrame.decode(bytes(2, 1, 'a', 0, 0, 0, 0, 0, 0, 0, 0))).getMessage());
        assertEquals("the transfer id's length is 0; it must be 1 to 64", assertThrows(RelayFrame.Invalid.class,
                () -> RelayFrame.decode(bytes(1, 0, 'a', 0, 0, 0, 0, 0, 0, 0, 0))).getMessage());
        assertEquals("the frame ends inside its header", assertThrows(RelayFrame.Invalid.class,
                () -> RelayFrame.decode(bytes(1, 9, 'a', 0, 0, 0, 0, 0, 0, 0, 0))).getMessage());
        assertTrue(assertThrows(RelayFrame.Invalid.class,
                () -> RelayFrame.decode(bytes(1, 1, '/', 0, 0, 0, 0, 0, 0, 0, 0))).getMessage()
                .startsWith("the transfer id holds a byte other than"));
        assertEquals("the offset is negative", assertThrows(RelayFrame.Invalid.class,
                () -> RelayFrame.decode(bytes(1, 1, 'a', 0x80, 0, 0, 0, 0, 0, 0, 0))).getMessage());
        ByteBuffer tooBig = new RelayFrame("a", 0, ByteBuffer.allocate(RelayFrame.MAX_CHUNK_BYTES)).encode();
        ByteBuffer oneMore = ByteBuffer.allocate(tooBig.remaining() + 1).put(tooBig).put((byte) 0).flip();
        assertEquals("the chunk has " + (RelayFrame.MAX_CHUNK_BYTES + 1) + " bytes; at most "
                + RelayFrame.MAX_CHUNK_BYTES,
                assertThrows(RelayFrame.Invalid.class, () -> RelayFrame.decode(oneMore)).getMessage());
    }

    @Test
    void theServerCannotBeMadeToWriteABadFrame() {
        assertThrows(IllegalArgumentException.class, () -> new RelayFrame("", 0, ByteBuffer.allocate(0)));
        assertThrows(IllegalArgumentException.class, () -> new RelayFrame("ü", 0, ByteBuffer.allocate(0)));
        assertThrows(IllegalArgumentException.class, () -> new RelayFrame("a".repeat(65), 0, ByteBuffer.allocate(0)));
        assertThrows(IllegalArgumentException.class, () -> new RelayFrame("a", -1, ByteBuffer.allocate(0)));
    }
}
