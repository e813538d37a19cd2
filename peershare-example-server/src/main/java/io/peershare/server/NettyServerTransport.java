package io.peershare.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.peershare.AllowedOrigins;
import io.peershare.PeerShare;
import io.peershare.netty.PeerShareWebSocketHandler;
import io.peershare.netty.SocketIoHandler;
import io.peershare.socketio.EngineIoServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * The reference server on Netty: native epoll on Linux, NIO elsewhere, {@code IO_THREADS} event loops. Each
 * connection's pipeline is the HTTP codec, PeerShare's WebSocket handler and the server's routes, behind an
 * {@code SslHandler} when the port speaks TLS; a WebSocket upgrade leaves only the TLS handler, the WebSocket codec
 * and PeerShare's connection handler.
 *
 * <p>Reconnect storms: one thread of its own accepts, so that accepting never waits behind the handshakes the event
 * loops are busy with: the kernel's accept queue ({@code ACCEPT_BACKLOG}, at most {@code net.core.somaxconn})
 * overflows otherwise, and every client it drops waits for TCP's retransmission.
 *
 * <p>Threading: an event loop reads a connection's frames and runs the engine for them; frames for connections of
 * other event loops are handed over in batches (see the Netty adapter).
 */
final class NettyServerTransport implements ServerTransport {

    /** Largest HTTP request body read but for Socket.IO's; the routes take none, a handshake has none. */
    private static final int MAX_HTTP_CONTENT = 128 * 1024;

    private final EventLoopGroup acceptor;
    private final EventLoopGroup group;
    private final Channel server;
    private final PeerShareWebSocketHandler webSocket;
    private final EngineIoServer socketIo;

    private NettyServerTransport(EventLoopGroup acceptor, EventLoopGroup group, Channel server,
            PeerShareWebSocketHandler webSocket, EngineIoServer socketIo) {
        this.acceptor = acceptor;
        this.group = group;
        this.server = server;
        this.webSocket = webSocket;
        this.socketIo = socketIo;
    }

    /** @param tls what the port's TLS is made from; {@code null} for plain HTTP and WebSocket */
    static NettyServerTransport start(ServerConfig config, PeerShare engine, HttpRoutes routes, SSLContext tls)
            throws IOException {
        AllowedOrigins origins = config.origins();
        PeerShareWebSocketHandler webSocket = PeerShareWebSocketHandler.builder(engine)
                .path(PeerShareServer.WEBSOCKET_PATH)
                .handshakeTimeout(config.handshakeTimeout())
                .allowedOrigins(origins)
                .build();
        NettyHttpRoutes http = new NettyHttpRoutes(routes);
        EngineIoServer engineIo = EngineIoServer.start(engine);
        SocketIoHandler socketIo = new SocketIoHandler(engineIo, origins, PeerShareServer.SOCKET_IO_PATH);
        // A long-polling POST is read whole: up to Engine.IO's payload limit, derived from the engine's.
        int httpContent = Math.max(MAX_HTTP_CONTENT, engineIo.settings().maxPayload());
        SslContext ssl = tls == null ? null : new JdkSslContext(tls, false, ClientAuth.NONE);

        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends ServerChannel> channel = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        EventLoopGroup acceptor = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("peershare-accept"), io);
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(config.ioThreads(), io);
        try {
            Channel server = new ServerBootstrap()
                    .group(acceptor, group)
                    .channel(channel)
                    .option(ChannelOption.SO_BACKLOG, config.acceptBacklog())
                    .handler(new AcceptErrors())
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            if (ssl != null) {
                                SslHandler handler = ssl.newHandler(ch.alloc());
                                // A TLS handshake is part of the request a connection owes within the deadline.
                                handler.setHandshakeTimeoutMillis(config.handshakeTimeout().toMillis());
                                ch.pipeline().addLast(handler);
                            }
                            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(httpContent),
                                    webSocket, socketIo, http, ConnectionErrors.INSTANCE);
                        }
                    })
                    .bind(config.host(), config.port()).sync().channel();
            return new NettyServerTransport(acceptor, group, server, webSocket, engineIo);
        } catch (Exception e) {
            engineIo.close();
            acceptor.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw ListenFailure.of(config, e);
        }
    }

    @Override
    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    @Override
    public int openConnections() {
        return webSocket.openConnections();
    }

    @Override
    public void stop() {
        socketIo.close();
        server.close().awaitUninterruptibly();
        acceptor.shutdownGracefully(0, 0, TimeUnit.SECONDS).awaitUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
