package io.peershare.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.peershare.OutboundBudget;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The one outbound path on Netty, on an embedded channel: what it writes, what it refuses, what it gives back. */
class ChannelOutboxTest {

    /** 32 bytes per connection, 40 in all. */
    private final OutboundBudget budget = new OutboundBudget(40, 32);
    private final HeldFlushes socket = new HeldFlushes();
    private final EmbeddedChannel channel = new EmbeddedChannel(socket);
    private final AtomicInteger overflows = new AtomicInteger();
    private final ChannelOutbox outbox = new ChannelOutbox(channel, budget, overflows::incrementAndGet);

    private static ByteBuf bytes(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
    }

    @Test
    void framesBytesAndWebSocketFramesGoOutInTheOrderSent() {
        outbox.send(bytes("one"));
        outbox.send(new TextWebSocketFrame("two"));
        outbox.send(new BinaryWebSocketFrame(bytes("three")));
        ByteBuf first = channel.readOutbound();
        TextWebSocketFrame second = channel.readOutbound();
        BinaryWebSocketFrame third = channel.readOutbound();
        assertEquals("one", first.toString(StandardCharsets.UTF_8));
        assertEquals("two", second.text());
        assertEquals("three", third.content().toString(StandardCharsets.UTF_8));
        first.release();
        second.release();
        third.release();
        assertEquals(0, overflows.get());
    }

    @Test
    void aMessagePastTheConnectionsShareIsReleasedAndRunsTheOverflowOnce() {
        socket.holding = true; // the client stops reading: what is written stays in Netty's buffer
        outbox.send(bytes("x".repeat(30)));
        assertTrue(ChannelOutbox.pendingBytes(channel) >= 30, "Netty counts the message and its own entry");
        ByteBuf refused = bytes("y".repeat(10));
        outbox.send(refused);
        assertEquals(0, refused.refCnt(), "the refused message was released, not queued");
        assertEquals(1, overflows.get());
        socket.release(channel);
        ByteBuf out = channel.readOutbound();
        assertEquals(30, out.readableBytes());
        out.release();
        assertNull(channel.readOutbound(), "the refused message never reached the channel");
    }

    @Test
    void pastNettysShareMessagesWaitInTheOutboxAndGoOnWhenTheBufferDrains() {
        OutboundBudget roomy = new OutboundBudget(1 << 20, 1 << 20);
        ChannelOutbox a = new ChannelOutbox(channel, roomy, overflows::incrementAndGet);
        socket.holding = true;
        a.send(bytes("a".repeat(ChannelOutbox.NETTY_BUFFER_BYTES)));
        a.send(bytes("b"));
        a.send(new TextWebSocketFrame("c"));
        long held = ChannelOutbox.pendingBytes(channel);
        assertTrue(held >= ChannelOutbox.NETTY_BUFFER_BYTES && held < ChannelOutbox.NETTY_BUFFER_BYTES + 1024,
                "b and c wait in the outbox, not in Netty's buffer: " + held);
        assertEquals(held + 2, roomy.used(), "and count in the budget");
        socket.release(channel);
        ((ByteBuf) channel.readOutbound()).release();
        assertNull(channel.readOutbound());
        a.drained();
        ByteBuf b = channel.readOutbound();
        TextWebSocketFrame c = channel.readOutbound();
        assertEquals("b", b.toString(StandardCharsets.UTF_8));
        assertEquals("c", c.text());
        b.release();
        c.release();
        assertEquals(0, roomy.used(), "the client caught up");
    }

    @Test
    void aSlowReadersQueueIsDroppedAndAClosingClientsIsWrittenInFull() {
        OutboundBudget roomy = new OutboundBudget(1 << 20, 1 << 20);
        ChannelOutbox a = new ChannelOutbox(channel, roomy, overflows::incrementAndGet);
        socket.holding = true;
        a.send(bytes("a".repeat(ChannelOutbox.NETTY_BUFFER_BYTES)));
        ByteBuf dropped = bytes("dropped");
        a.send(dropped);
        a.close();
        a.drop();
        assertEquals(0, dropped.refCnt());

        ChannelOutbox b = new ChannelOutbox(channel, roomy, overflows::incrementAndGet);
        b.send(bytes("last words"));
        b.close();
        b.writeAll();
        socket.release(channel);
        ((ByteBuf) channel.readOutbound()).release();
        ByteBuf last = channel.readOutbound();
        assertEquals("last words", last.toString(StandardCharsets.UTF_8));
        last.release();
    }

    @Test
    void aClosedOutboxTakesNothingAndReleasesWhatItIsGiven() {
        assertTrue(outbox.close());
        assertFalse(outbox.close(), "closes once");
        assertTrue(outbox.isClosed());
        ByteBuf late = bytes("late");
        outbox.send(late);
        assertEquals(0, late.refCnt());
        assertNull(channel.readOutbound());
        assertEquals(0, overflows.get(), "a closed outbox is not a slow reader");
    }

    /** Holds flushes while {@code holding}: the written bytes stay in Netty's buffer, as for a client that reads nothing. */
    private static final class HeldFlushes extends ChannelOutboundHandlerAdapter {
        boolean holding;

        @Override
        public void flush(ChannelHandlerContext ctx) {
            if (!holding) {
                ctx.flush();
            }
        }

        void release(EmbeddedChannel channel) {
            holding = false;
            channel.flush();
        }
    }

    @Test
    void goneGivesTheConnectionsBytesBackToTheBudget() {
        OutboundBudget shared = new OutboundBudget(100, 100);
        ChannelOutbox a = new ChannelOutbox(channel, shared, overflows::incrementAndGet);
        a.send(bytes("z".repeat(50)));
        ((ByteBuf) channel.readOutbound()).release();
        a.drained();
        a.gone();
        assertEquals(0, shared.used(), "all of the budget is free again");
    }
}
