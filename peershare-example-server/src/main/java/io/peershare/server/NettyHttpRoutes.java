package io.peershare.server;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.InetSocketAddress;
import java.util.Map;

/** The server's {@link HttpRoutes} in a Netty pipeline, after the PeerShare WebSocket handler. Sharable. */
@ChannelHandler.Sharable
final class NettyHttpRoutes extends SimpleChannelInboundHandler<FullHttpRequest> {

    private final HttpRoutes routes;

    NettyHttpRoutes(HttpRoutes routes) {
        this.routes = routes;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        HttpReply reply = routes.answer(request.method().name(), new QueryStringDecoder(request.uri()).path(),
                request.headers()::get, (InetSocketAddress) ctx.channel().remoteAddress());
        boolean head = request.method().equals(HttpMethod.HEAD);
        FullHttpResponse response = new DefaultFullHttpResponse(request.protocolVersion(),
                HttpResponseStatus.valueOf(reply.status()),
                head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(reply.body()));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, reply.contentType())
                .setInt(HttpHeaderNames.CONTENT_LENGTH, reply.body().length);
        for (Map.Entry<String, String> header : reply.headers().entrySet()) {
            response.headers().set(header.getKey(), header.getValue());
        }
        boolean keepAlive = HttpUtil.isKeepAlive(request) && !"close".equals(reply.headers().get("Connection"));
        HttpUtil.setKeepAlive(response, keepAlive);
        if (keepAlive) {
            ctx.writeAndFlush(response);
        } else {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
