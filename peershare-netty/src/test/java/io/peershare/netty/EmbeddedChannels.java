package io.peershare.netty;

import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/** Netty's {@link EmbeddedChannel} as the endpoint's handlers see a socket: with a client address, on a frozen clock. */
final class EmbeddedChannels {

    private EmbeddedChannels() {
    }

    static EmbeddedChannel from(String address, ChannelHandler... handlers) {
        InetSocketAddress remote = new InetSocketAddress(address, 40_000);
        EmbeddedChannel channel = new EmbeddedChannel() {
            @Override
            protected SocketAddress remoteAddress0() {
                return remote;
            }
        };
        channel.freezeTime();
        channel.pipeline().addLast(handlers);
        return channel;
    }

    static FullHttpRequest get(String uri) {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri);
        request.headers().set(HttpHeaderNames.HOST, "share.example.com");
        return request;
    }

    static FullHttpRequest handshake(String uri, String origin) {
        FullHttpRequest request = get(uri);
        request.headers().set(HttpHeaderNames.UPGRADE, "websocket").set(HttpHeaderNames.CONNECTION, "Upgrade")
                .set(HttpHeaderNames.SEC_WEBSOCKET_VERSION, "13")
                .set(HttpHeaderNames.SEC_WEBSOCKET_KEY, "dGhlIHNhbXBsZSBub25jZQ==");
        if (origin != null) {
            request.headers().set(HttpHeaderNames.ORIGIN, origin);
        }
        return request;
    }
}
