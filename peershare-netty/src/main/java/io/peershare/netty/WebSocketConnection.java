package io.peershare.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import io.peershare.protocol.CloseCodes;
import io.peershare.spi.Connection;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One WebSocket connection's frames, from Netty's frame decoder to the engine: text frames (whole, or put back
 * together from fragments, and checked to be UTF-8) go to {@link Connection#receive(byte[])} as the bytes they
 * arrived in, on the channel's event loop; pings are answered; binary frames go to the engine as chunks to relay
 * (anything else binary is closed with 1003); invalid UTF-8 closes the connection with 1007, a message over the
 * limit with 1009, broken fragments with 1002, each counted by the engine.
 *
 * <p>Threading: the channel's event loop only.
 */
final class WebSocketConnection extends ChannelInboundHandlerAdapter {

    static final String NAME = "peershare-connection";
    /** Flushes at least every this many writes even while a read burst goes on. */
    private static final int FLUSH_AT_LEAST_EVERY = 256;
    private static final WriteBufferWaterMark DRAINED = new WriteBufferWaterMark(1, 1);
    /**
     * Linux's {@code TCP_NOTSENT_LOWAT} on Netty's native transport, looked up by its name so that the adapter needs
     * no dependency on that transport; other transports ignore it.
     */
    private static final ChannelOption<Long> NOTSENT_LOWAT =
            ChannelOption.valueOf("io.netty.channel.epoll.EpollChannelOption#TCP_NOTSENT_LOWAT");
    /**
     * Bytes the socket takes that it cannot send yet. Linux tells that there is room again once fewer than half of
     * them wait, so a client's reading shows in Netty's buffer after it has read about this much and one segment
     * (up to 64 KiB on loopback): small, so that a slow reader's progress shows within {@link CloseGrace}'s interval.
     */
    static final long SOCKET_UNSENT_BYTES = 16 * 1024;
    private static final System.Logger LOG = System.getLogger(WebSocketConnection.class.getName());

    private final Connection connection;
    private final ChannelTransport transport;
    private final WebSocketServerHandshaker handshaker;
    private final int maxMessageSize;
    /** The endpoint's count of open connections, this one included while it is open. */
    private final AtomicInteger open;
    /** A text message arriving in fragments, until its last one; {@code null} otherwise. */
    private ByteBuf fragments;

    WebSocketConnection(Connection connection, ChannelTransport transport, WebSocketServerHandshaker handshaker,
            int maxMessageSize, AtomicInteger open) {
        this.connection = connection;
        this.transport = transport;
        this.handshaker = handshaker;
        this.maxMessageSize = maxMessageSize;
        this.open = open;
        open.incrementAndGet();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        // Flushes wait for the end of the event loop's current work: one system call for a burst of writes. Behind
        // TLS, the flushes are held before the SslHandler, so that a burst is encrypted once, not frame by frame.
        FlushConsolidationHandler flushes = new FlushConsolidationHandler(FLUSH_AT_LEAST_EVERY, true);
        ChannelHandlerContext tls = ctx.pipeline().context(SslHandler.class);
        if (tls != null) {
            ctx.pipeline().addAfter(tls.name(), "peershare-flush", flushes);
        } else {
            ctx.pipeline().addFirst("peershare-flush", flushes);
        }
        // Writability turns off with the first byte waiting and back on when all are written, so that the outbound
        // budget hears when a backlog has drained.
        ctx.channel().config().setWriteBufferWaterMark(DRAINED);
        // The socket takes few bytes it cannot send yet (by default it takes megabytes from a client that reads
        // slowly): a backlog waits where the transport sees it drain as the client reads, and where a close skips it.
        ctx.channel().config().setOption(NOTSENT_LOWAT, SOCKET_UNSENT_BYTES);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            transport.drained();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof TextWebSocketFrame text) {
                onText(ctx, text);
            } else if (msg instanceof ContinuationWebSocketFrame more) {
                onText(ctx, more);
            } else if (msg instanceof PingWebSocketFrame ping) {
                ctx.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
            } else if (msg instanceof CloseWebSocketFrame close) {
                if (transport.isClosing()) {
                    ctx.close(); // the client's answer to our close: the handshake is complete
                } else {
                    connection.closedByClient(close.statusCode()); // 1001: the page went; see Connection
                    handshaker.close(ctx.channel(), close.retain());
                }
            } else if (msg instanceof BinaryWebSocketFrame binary) {
                // A relayed chunk: copied, since the engine passes it on after this buffer goes back to Netty.
                connection.receiveBinary(ByteBuffer.wrap(ByteBufUtil.getBytes(binary.content())));
            } else if (!(msg instanceof PongWebSocketFrame)) {
                ctx.fireChannelRead(ReferenceCountUtil.retain(msg));
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void onText(ChannelHandlerContext ctx, WebSocketFrame frame) {
        boolean first = frame instanceof TextWebSocketFrame;
        if (first && frame.isFinalFragment() && fragments == null) {
            deliver(ByteBufUtil.getBytes(frame.content()));
            return;
        }
        if (first == (fragments != null)) {
            transport.closeByTransport(CloseCodes.PROTOCOL_ERROR, "fragments out of order");
            return;
        }
        if (fragments == null) {
            fragments = ctx.alloc().buffer(frame.content().readableBytes() * 2);
        }
        if (fragments.readableBytes() + frame.content().readableBytes() > maxMessageSize) {
            releaseFragments();
            transport.closeByTransport(CloseCodes.MESSAGE_TOO_BIG, "message too big");
            return;
        }
        fragments.writeBytes(frame.content());
        if (frame.isFinalFragment()) {
            byte[] whole = ByteBufUtil.getBytes(fragments);
            releaseFragments();
            deliver(whole);
        }
    }

    /** A whole text message to the engine, once it is known to be UTF-8 (a relayed signal goes on as these bytes). */
    private void deliver(byte[] message) {
        if (!Utf8.isValid(message)) {
            transport.closeByTransport(CloseCodes.INVALID_PAYLOAD, "text is not valid UTF-8");
            return;
        }
        connection.receive(message);
    }

    private void releaseFragments() {
        if (fragments != null) {
            fragments.release();
            fragments = null;
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        open.decrementAndGet();
        releaseFragments();
        transport.gone();
        connection.closed();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.log(Level.DEBUG, () -> "WebSocket error from " + transport.remoteAddress() + ": " + cause);
        if (cause instanceof CorruptedWebSocketFrameException corrupt && corrupt.closeStatus() != null) {
            // 1009 for a frame over the limit, 1002 for a broken one; the decoder discards the rest of the input.
            transport.closeByTransport(corrupt.closeStatus().code(), corrupt.closeStatus().reasonText());
            return;
        }
        connection.closed();
        transport.gone();
        ctx.close();
    }
}
