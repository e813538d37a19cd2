package io.peershare.netty;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import java.lang.System.Logger.Level;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes a channel that does not send a whole HTTP request within the handshake timeout: from the moment it is added,
 * and again from each response written in full (a kept-alive connection owes its next request). A whole request
 * stops the clock; answering it takes what it takes. One per channel, like Netty's {@code IdleStateHandler}; it is
 * removed when the channel upgrades to a WebSocket or Socket.IO takes it over, and its deadline goes with it.
 */
final class HandshakeDeadlineHandler extends ChannelDuplexHandler {

    private final long timeoutNanos;
    private ScheduledFuture<?> deadline;

    HandshakeDeadlineHandler(long timeoutNanos) {
        this.timeoutNanos = timeoutNanos;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        arm(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        disarm();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof FullHttpRequest) {
            disarm();
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof LastHttpContent) {
            arm(ctx);
        }
        ctx.write(msg, promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        disarm();
        ctx.fireChannelInactive();
    }

    private void arm(ChannelHandlerContext ctx) {
        disarm();
        deadline = ctx.executor().schedule(() -> {
            PeerShareWebSocketHandler.LOG.log(Level.DEBUG,
                    () -> "closed " + ctx.channel().remoteAddress() + ": no request within the deadline");
            ctx.close();
        }, timeoutNanos, TimeUnit.NANOSECONDS);
    }

    private void disarm() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }
}
