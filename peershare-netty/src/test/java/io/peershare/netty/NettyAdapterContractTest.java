package io.peershare.netty;

import io.peershare.AllowedOrigins;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.peershare.PeerShare;
import io.peershare.testkit.AdapterContract;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;

/** The adapter contract in a plain Netty server. */
class NettyAdapterContractTest extends AdapterContract {

    private EventLoopGroup group;
    private Channel server;

    @Override
    protected URI deploy(Deployment deployment) throws Exception {
        ChannelHandler peershare = PeerShareWebSocketHandler.builder(deployment.engine())
                .allowedOrigins(AllowedOrigins.only(deployment.allowedOrigins()))
                .retainedHeaders(deployment.retainedHeaders())
                .build();
        return start(peershare);
    }

    /** A Netty server with PeerShare at /ws and nothing else; its HTTP handlers would follow PeerShare's. */
    URI start(ChannelHandler peershare) throws InterruptedException {
        group = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
        server = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(65536), peershare);
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
        return URI.create("ws://127.0.0.1:" + ((InetSocketAddress) server.localAddress()).getPort() + "/ws");
    }

    @Override
    protected void undeploy() throws Exception {
        if (server != null) {
            server.close().sync();
        }
        if (group != null) {
            group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).sync();
        }
    }

    /** The adapter built as a host would build it, for the tests of this module. */
    static PeerShareWebSocketHandler handlerFor(PeerShare engine) {
        return PeerShareWebSocketHandler.builder(engine)
                .path("/ws")
                .allowedOrigins(AllowedOrigins.only(List.of("https://share.example.com")))
                .build();
    }
}
