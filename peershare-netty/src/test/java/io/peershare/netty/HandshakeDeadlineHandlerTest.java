package io.peershare.netty;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HandshakeDeadlineHandlerTest {

    private static final long TIMEOUT_SECONDS = 10;

    private static EmbeddedChannel channel() {
        return EmbeddedChannels.from("192.0.2.7",
                new HandshakeDeadlineHandler(TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS)));
    }

    private static void advance(EmbeddedChannel channel, long seconds) {
        channel.advanceTimeBy(seconds, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
    }

    @Test
    void aChannelThatSendsNoWholeRequestIsClosedAtTheDeadline() {
        EmbeddedChannel channel = channel();
        advance(channel, TIMEOUT_SECONDS - 1);
        assertTrue(channel.isOpen());
        advance(channel, 1);
        assertFalse(channel.isOpen());
    }

    @Test
    void aWholeRequestStopsTheClockAndAWholeResponseStartsItAgain() {
        EmbeddedChannel channel = channel();
        channel.writeInbound(EmbeddedChannels.get("/"));
        ReferenceCountUtil.release(channel.readInbound());
        advance(channel, 3 * TIMEOUT_SECONDS);
        assertTrue(channel.isOpen(), "answering a request takes what it takes");

        channel.writeOutbound(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK));
        ReferenceCountUtil.release(channel.readOutbound());
        advance(channel, TIMEOUT_SECONDS - 1);
        assertTrue(channel.isOpen());
        advance(channel, 1);
        assertFalse(channel.isOpen(), "a kept-alive connection owes its next request within the deadline");
    }

    @Test
    void onceRemovedItClosesNothing() {
        EmbeddedChannel channel = channel();
        channel.pipeline().remove(HandshakeDeadlineHandler.class); // upgraded, or taken over by Socket.IO
        advance(channel, 3 * TIMEOUT_SECONDS);
        assertTrue(channel.isOpen());
    }
}
