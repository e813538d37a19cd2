package io.peershare.netty;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.peershare.AllowedOrigins;
import java.lang.System.Logger.Level;

/**
 * Answers 403 to a WebSocket handshake for the endpoint's path whose {@code Origin} the endpoint does not allow, and
 * closes the channel; every other message goes on to the upgrade.
 */
@ChannelHandler.Sharable
final class OriginCheckHandler extends ChannelInboundHandlerAdapter {

    private final String path;
    private final AllowedOrigins origins;

    OriginCheckHandler(String path, AllowedOrigins origins) {
        this.path = path;
        this.origins = origins;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof FullHttpRequest request && WebSocketUpgradeHandler.isFor(path, request)
                && WebSocketUpgradeHandler.asksUpgrade(request)) {
            String origin = request.headers().get(HttpHeaderNames.ORIGIN);
            if (!origins.allows(origin)) {
                PeerShareWebSocketHandler.LOG.log(Level.DEBUG, () -> "refused WebSocket handshake from origin " + origin);
                try {
                    HttpAnswers.send(ctx, request, HttpResponseStatus.FORBIDDEN, "origin not allowed\n");
                } finally {
                    request.release();
                }
                return;
            }
        }
        ctx.fireChannelRead(msg);
    }
}
