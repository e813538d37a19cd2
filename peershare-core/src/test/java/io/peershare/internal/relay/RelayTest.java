package io.peershare.internal.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peershare.protocol.RelayFrame;
import org.junit.jupiter.api.Test;

/** One relay's state and credit window, on times the test gives (milliseconds). */
class RelayTest {

    private static final int CHUNK = RelayFrame.MAX_CHUNK_BYTES;
    private static final int WINDOW = 4 * CHUNK;

    private final Relay relay = new Relay("t1", 10L * Relay.FILE_BYTES_PER_CHUNK, WINDOW, 30_000, 0);

    @Test
    void theAllowanceIsTheFileAndEachChunksCipherFraming() {
        assertEquals(28, Relay.allowance(0), "an empty file is one empty chunk: a nonce and a tag");
        assertEquals(1 + 28, Relay.allowance(1));
        assertEquals(16_384 + 28, Relay.allowance(16_384));
        assertEquals(16_385 + 2 * 28, Relay.allowance(16_385));
        assertEquals(100L * 1024 * 1024 + 6400 * 28, Relay.allowance(100L * 1024 * 1024));
    }

    @Test
    void aSenderMaySendItsWindowAndNoMoreUntilTheReceiverAcknowledges() {
        for (int i = 0; i < 4; i++) {
            assertNull(relay.chunk((long) i * CHUNK, CHUNK, 10));
        }
        assertEquals(0, relay.credit());
        assertEquals(WINDOW, relay.inFlight(), "the most the server ever holds for this receiver");
        assertEquals(RelayRefusal.WINDOW_EXCEEDED, relay.chunk(4L * CHUNK, 1, 20));
        assertEquals(4L * CHUNK, relay.relayed(), "a refused chunk changes nothing");

        assertNull(relay.acknowledge(CHUNK, 30));
        assertEquals(CHUNK, relay.credit());
        assertNull(relay.chunk(4L * CHUNK, CHUNK, 40));
        assertEquals(0, relay.credit());
    }

    @Test
    void chunksComeInOrderAndNeverPastTheAllowance() {
        assertEquals(RelayRefusal.OUT_OF_ORDER, relay.chunk(5, 10, 1));
        Relay small = new Relay("t2", 100, WINDOW, 30_000, 0);
        assertNull(small.chunk(0, 100 + 28, 1));
        assertEquals(RelayRefusal.SIZE_EXCEEDED, small.chunk(128, 1, 2));
    }

    @Test
    void acknowledgementsMoveTheWindowByAChunkOrToTheEndAndNeverPastWhatWasRelayed() {
        assertNull(relay.chunk(0, CHUNK, 1));
        assertNull(relay.chunk(CHUNK, 1000, 1));
        assertEquals(RelayRefusal.INVALID_ACK, relay.acknowledge(CHUNK + 1001, 2), "past what was relayed");
        assertEquals(RelayRefusal.INVALID_ACK, relay.acknowledge(CHUNK - 1, 2), "less than a chunk, not the end");
        assertNull(relay.acknowledge(CHUNK, 3));
        assertEquals(RelayRefusal.INVALID_ACK, relay.acknowledge(CHUNK, 4), "the same total again moves nothing");
        assertEquals(RelayRefusal.INVALID_ACK, relay.acknowledge(CHUNK - 5, 4), "backwards");
        assertNull(relay.acknowledge(CHUNK + 1000, 5), "less than a chunk, but all that was relayed");
    }

    @Test
    void aFinishedRelayTakesNoChunksButStillHearsTheReceiverCatchUp() {
        assertNull(relay.chunk(0, 1000, 1));
        assertTrue(relay.finish());
        assertFalse(relay.finish());
        assertEquals(RelayRefusal.NOT_OPEN, relay.chunk(1000, 10, 2));
        assertEquals(0, relay.credit());
        assertNull(relay.acknowledge(1000, 3));
        assertTrue(relay.end());
        assertEquals(RelayRefusal.NOT_OPEN, relay.acknowledge(1000, 4));
        assertFalse(relay.end());
    }

    @Test
    void aRelayOnWhichNothingMovesForItsIdleTimeoutIsOver() {
        assertNull(relay.chunk(0, 1000, 10_000));
        assertFalse(relay.expireIfIdle(39_999), "29.999 s after the last chunk");
        assertNull(relay.acknowledge(1000, 39_999));
        assertFalse(relay.expireIfIdle(69_998));
        assertTrue(relay.expireIfIdle(69_999), "30 s after the acknowledgement");
        assertEquals(Relay.State.ENDED, relay.state());
        assertFalse(relay.expireIfIdle(100_000), "ends once");
    }

    @Test
    void aWindowMustHoldAChunk() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new Relay("t", 1, CHUNK - 1, 1, 0));
    }
}
