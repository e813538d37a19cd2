package io.peershare.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Clients on Netty's WebSocket client: each event loop is one lane and does everything for its clients (I/O,
 * pacing, sending), so a send is a method call on the thread that owns the socket, never a hand-off. Frames are
 * masked by Netty's encoder (a random key per frame, as RFC 6455 requires, applied eight bytes at a time),
 * TCP_NODELAY is on, and the frames a lane writes to one client in one run leave with one flush. Epoll when
 * available, NIO otherwise.
 */
final class NettyGenerator implements Generator {

    private static final int MAX_FRAME = 1 << 20;

    private final MultiThreadIoEventLoopGroup group;
    private final List<EventLoop> loops = new ArrayList<>();
    private final List<Bootstrap> bootstraps = new ArrayList<>();
    private final boolean epoll = Epoll.isAvailable();

    NettyGenerator(int threads) {
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        group = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("bench-netty", true), io);
        for (EventExecutor executor : group) {
            EventLoop loop = (EventLoop) executor;
            loops.add(loop);
            bootstraps.add(new Bootstrap().group(loop)
                    .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000));
        }
    }

    @Override
    public String describe() {
        return "netty (" + (epoll ? "epoll" : "nio") + ", " + loops.size() + " event loops)";
    }

    @Override
    public int lanes() {
        return loops.size();
    }

    @Override
    public ScheduledExecutorService lane(int index) {
        return loops.get(index);
    }

    @Override
    public CompletableFuture<Void> connect(LoadClient client, URI uri) {
        CompletableFuture<Void> opened = new CompletableFuture<>();
        // Like the JDK client (and unlike a browser), no Origin header. No UTF-8 validation of the server's
        // frames, byte by byte: it was a tenth of the generator's own time, and measures nothing.
        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder().webSocketUri(uri)
                .maxFramePayloadLength(MAX_FRAME).generateOriginHeader(false).handshakeTimeoutMillis(60_000)
                .dropPongFrames(true).withUTF8Validator(false).build();
        bootstraps.get(client.lane % loops.size()).clone().handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(8192),
                        new WebSocketClientProtocolHandler(config), new WebSocketFrameAggregator(MAX_FRAME),
                        new ClientHandler(client, opened));
            }
        }).connect(uri.getHost(), uri.getPort()).addListener(f -> {
            if (!f.isSuccess()) {
                opened.completeExceptionally(f.cause());
            }
        });
        return opened;
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Hands whole text frames to the client and tells it when the socket opens and closes. */
    private static final class ClientHandler extends SimpleChannelInboundHandler<TextWebSocketFrame> {
        private final LoadClient client;
        private final CompletableFuture<Void> opened;

        ClientHandler(LoadClient client, CompletableFuture<Void> opened) {
            this.client = client;
            this.opened = opened;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                client.opened(new NettyWire(ctx.channel()));
                opened.complete(null);
            } else if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
                opened.completeExceptionally(new IllegalStateException("WebSocket handshake timed out"));
            }
            super.userEventTriggered(ctx, event);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
            client.onText(frame.text());
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            if (opened.isDone()) {
                client.onClosed();
            } else {
                opened.completeExceptionally(new IllegalStateException("closed before the WebSocket opened"));
            }
            super.channelInactive(ctx);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            opened.completeExceptionally(cause);
            ctx.close();
        }
    }

    /** Writes go to Netty's outbound buffer; a flush sends what is there with one system call where it fits. */
    private static final class NettyWire implements LoadClient.Wire {
        private final Channel channel;

        NettyWire(Channel channel) {
            this.channel = channel;
        }

        @Override
        public void write(String frame) {
            // An ASCII frame's bytes are one array copy; the encoder writes the masked copy into a pooled buffer.
            channel.write(new TextWebSocketFrame(Unpooled.wrappedBuffer(frame.getBytes(StandardCharsets.UTF_8))),
                    channel.voidPromise());
        }

        @Override
        public void flush() {
            channel.flush();
        }

        @Override
        public void close() {
            channel.close();
        }
    }
}
