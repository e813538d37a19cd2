package io.peershare.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

class FrameSizeWatchTest {

    /** A masked client frame with a payload of {@code length} bytes. */
    private static byte[] frame(int length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x81);
        if (length < 126) {
            out.write(0x80 | length);
        } else if (length < 65_536) {
            out.write(0x80 | 126);
            out.write(length >>> 8);
            out.write(length);
        } else {
            out.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) ((long) length >>> shift));
            }
        }
        out.writeBytes(new byte[4 + length]);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static int scan(FrameSizeWatch watch, byte[] bytes, int from, int to) {
        return watch.settledEnd(i -> bytes[i], from, to);
    }

    @Test
    void framesWithinTheLimitPassWhole() {
        byte[] bytes = concat(frame(10), frame(300), frame(70_000));
        FrameSizeWatch watch = new FrameSizeWatch(100_000);
        assertEquals(bytes.length, scan(watch, bytes, 0, bytes.length));
        assertFalse(watch.oversized());
    }

    @Test
    void aFrameOverTheLimitIsFoundAtItsHeaderWhateverItsLengthEncoding() {
        for (int big : new int[] {126, 70_000}) {
            byte[] small = frame(20);
            byte[] bytes = concat(small, frame(big));
            FrameSizeWatch watch = new FrameSizeWatch(125);
            assertEquals(small.length, scan(watch, bytes, 0, bytes.length));
            assertTrue(watch.oversized());
        }
    }

    @Test
    void aHeaderSplitAcrossReadsIsHeldBackUntilWhole() {
        byte[] bytes = concat(frame(5), frame(70_000));
        FrameSizeWatch watch = new FrameSizeWatch(100_000);
        int split = frame(5).length + 3; // inside the second header
        assertEquals(frame(5).length, scan(watch, bytes, 0, split), "the partial header is not settled");
        assertEquals(bytes.length, scan(watch, bytes, frame(5).length, bytes.length), "scanned again, whole");
        assertFalse(watch.oversized());
    }

    @Test
    void aPayloadSplitAcrossReadsIsSkippedWithoutReadingIt() {
        byte[] bytes = concat(frame(1_000), frame(3));
        FrameSizeWatch watch = new FrameSizeWatch(100_000);
        assertEquals(500, scan(watch, bytes, 0, 500));
        assertEquals(bytes.length, scan(watch, bytes, 500, bytes.length));
    }

    @Test
    void aLengthThatDoesNotFitALongIsOversized() {
        byte[] header = {(byte) 0x81, (byte) 0xFF, (byte) 0x80, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4};
        FrameSizeWatch watch = new FrameSizeWatch(100);
        assertEquals(0, scan(watch, header, 0, header.length));
        assertTrue(watch.oversized());
    }

    @Test
    void aCloseFrameIsSeenOnlyAtAFrameBoundary() {
        byte[] text = frame(300);
        text[text.length - 1] = (byte) 0x88; // a payload byte that looks like a close frame's first byte
        byte[] close = {(byte) 0x88, 2, 0x0F, (byte) 0xA9}; // unmasked, as a server sends it: 4009
        FrameSizeWatch watch = new FrameSizeWatch(Long.MAX_VALUE);
        assertEquals(text.length, scan(watch, text, 0, text.length));
        assertFalse(watch.closeSeen(), "inside a payload it is data");
        assertEquals(close.length, scan(watch, close, 0, close.length));
        assertTrue(watch.closeSeen());
    }
}
