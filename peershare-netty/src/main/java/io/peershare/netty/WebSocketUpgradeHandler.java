package io.peershare.netty;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.peershare.spi.Connection;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The last of an endpoint's handlers: a request for its path that asks for a WebSocket opens an engine connection,
 * hands the channel to a {@link WebSocketConnection} and takes the endpoint's handlers out of the pipeline (the
 * handshake takes the HTTP codecs with it). A request for the path that is no WebSocket handshake gets 400; requests
 * for other paths go on to the host's handlers.
 */
@ChannelHandler.Sharable
final class WebSocketUpgradeHandler extends ChannelInboundHandlerAdapter {

    private final ConnectionSettings settings;
    private final String path;
    private final WebSocketDecoderConfig decoderConfig;
    private final AtomicInteger open;

    WebSocketUpgradeHandler(ConnectionSettings settings, String path, AtomicInteger open) {
        this.settings = settings;
        this.path = path;
        this.open = open;
        this.decoderConfig = WebSocketDecoderConfig.newBuilder()
                .maxFramePayloadLength(settings.maxFrameSize())
                .allowExtensions(false)
                // The connection sends the close itself and lets the client read it (see ChannelTransport).
                .closeOnProtocolViolation(false)
                .withUTF8Validator(false) // checked by the connection handler, eight bytes at a time
                .build();
    }

    static boolean isFor(String path, HttpRequest request) {
        return path.equals(new QueryStringDecoder(request.uri()).path());
    }

    static boolean asksUpgrade(HttpRequest request) {
        return HttpHeaderValues.WEBSOCKET.contentEqualsIgnoreCase(request.headers().get(HttpHeaderNames.UPGRADE, ""));
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request) || !isFor(path, request)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            upgrade(ctx, request);
        } finally {
            request.release();
        }
    }

    private void upgrade(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!asksUpgrade(request)) {
            HttpAnswers.send(ctx, request, HttpResponseStatus.BAD_REQUEST, "this path takes WebSocket connections only\n");
            return;
        }
        WebSocketServerHandshaker handshaker =
                new WebSocketServerHandshakerFactory(webSocketUrl(request), null, decoderConfig).newHandshaker(request);
        if (handshaker == null) {
            // Written through the handshake deadline, which gives the connection the time for a better request.
            WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
            return;
        }
        ChannelTransport transport = new ChannelTransport(ctx.channel(), settings,
                (InetSocketAddress) ctx.channel().remoteAddress(), HandshakeHeaders.of(request.headers()));
        Connection connection;
        try {
            connection = settings.engine().open(transport);
        } catch (IllegalStateException engineClosed) {
            HttpAnswers.send(ctx, request, HttpResponseStatus.SERVICE_UNAVAILABLE, "server is shutting down\n");
            return;
        }
        transport.opened(connection); // from here on only the headers the host asked to keep are kept
        ctx.pipeline().addAfter(ctx.name(), WebSocketConnection.NAME,
                new WebSocketConnection(connection, transport, handshaker, settings.maxFrameSize(), open));
        PeerShareWebSocketHandler.leave(ctx.channel()); // before the handshake's response re-arms the deadline
        handshaker.handshake(ctx.channel(), request).addListener(done -> {
            if (!done.isSuccess()) {
                connection.closed();
                ctx.channel().close();
            }
        });
    }

    private static String webSocketUrl(FullHttpRequest request) {
        return "ws://" + request.headers().get(HttpHeaderNames.HOST, "localhost") + request.uri();
    }
}
