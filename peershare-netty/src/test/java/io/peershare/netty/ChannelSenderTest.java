package io.peershare.netty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.peershare.OutboundBudget;
import io.peershare.protocol.OutboundFrame;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Netty outbound queue on an {@link EmbeddedChannel}: every task runs when the test says so, and what was written
 * is read back in order. Backlogs and the budget's refusals need a client that stops reading, and are covered on
 * loopback by {@code HostileClientsContract.aSlowReaderClosedForFallingBehindReceives4009} for both sinks.
 */
class ChannelSenderTest {

    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final OutboundBudget budget = new OutboundBudget(1 << 20, 1 << 16);
    private final OutboundBudget.Account account = budget.account();
    private final ChannelSender sender = new ChannelSender(channel, account);

    @AfterEach
    void finish() {
        channel.finishAndReleaseAll();
    }

    private byte[] nextBytes() {
        ByteBuf written = channel.readOutbound();
        try {
            return ByteBufUtil.getBytes(written);
        } finally {
            written.release();
        }
    }

    @Test
    void textGoesOutAsAFinishedWebSocketFrameInSendOrder() {
        OutboundFrame first = OutboundFrame.ofText("first");
        assertTrue(sender.send(new ChannelSender.Text(first)));
        assertTrue(sender.send(ChannelSender.Text.of("second")));
        ByteBuffer wire = WebSocketFrames.text(OutboundFrame.ofText("first"));
        byte[] expected = new byte[wire.remaining()];
        wire.get(expected);
        assertArrayEquals(expected, nextBytes());
        byte[] second = nextBytes();
        assertEquals("second", new String(second, 2, second.length - 2, StandardCharsets.UTF_8));
    }

    @Test
    void binaryFramesTakeTheSamePath() {
        assertTrue(sender.send(new ChannelSender.Binary(new byte[] {1, 2, 3})));
        BinaryWebSocketFrame frame = assertInstanceOf(BinaryWebSocketFrame.class, channel.readOutbound());
        try {
            assertArrayEquals(new byte[] {1, 2, 3}, ByteBufUtil.getBytes(frame.content()));
        } finally {
            frame.release();
        }
    }

    @Test
    void aSlowReadersCloseDropsWhatWaitsAndSendsTheCloseFrameOnce() {
        sender.close(4009, "outbound queue overflow: the client reads too slowly", false);
        sender.close(1000, "", true);
        assertTrue(sender.isClosed());
        assertTrue(sender.send(ChannelSender.Text.of("after")), "a frame after the close is dropped, not refused");
        channel.runPendingTasks();
        CloseWebSocketFrame close = assertInstanceOf(CloseWebSocketFrame.class, channel.readOutbound());
        try {
            assertEquals(4009, close.statusCode());
        } finally {
            close.release();
        }
        assertNull(channel.readOutbound(), "one close frame, nothing after it");
        assertFalse(channel.isOpen(), "not a duplex channel: closed once the frame is out");
        assertEquals(0, budget.used());
    }

    @Test
    void goneGivesTheBytesBackAndDropsLaterFrames() {
        sender.gone(); // an embedded channel's loop is the calling thread
        assertTrue(sender.send(ChannelSender.Text.of("late")));
        assertNull(channel.readOutbound());
        assertEquals(0, account.charged());
    }
}
