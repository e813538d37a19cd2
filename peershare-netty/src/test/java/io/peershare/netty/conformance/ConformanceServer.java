package io.peershare.netty.conformance;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.peershare.AllowedOrigins;
import io.peershare.PeerShare;
import io.peershare.defaults.ExecutorScheduler;
import io.peershare.netty.SocketIoHandler;
import io.peershare.socketio.EngineIoServer;
import io.peershare.socketio.EngineIoSettings;
import java.time.Clock;

/**
 * The server the official Engine.IO and Socket.IO protocol test suites expect, on PeerShare's Engine.IO and
 * Socket.IO layers: port 3000, a ping every 300 ms with 200 ms for the pong, an echo at {@code /engine.io/} and, at
 * {@code /socket.io/}, the suites' Socket.IO application ({@link SocketIoEchoApplication}). How to run the suites
 * against it: docs/socketio.md, "Conformance".
 *
 * <pre>
 * mvn -q -pl peershare-netty -am test-compile
 * mvn -q -pl peershare-netty exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.peershare.netty.conformance.ConformanceServer
 * </pre>
 */
public final class ConformanceServer {

    static final EngineIoSettings SUITE = new EngineIoSettings(300, 200, 1_000_000, 256);

    private ConformanceServer() {
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        Clock clock = Clock.systemUTC();
        try (PeerShare engine = PeerShare.builder().build(); ExecutorScheduler ticks = new ExecutorScheduler()) {
            EngineIoServer echo = new EngineIoServer(engine, SUITE, clock, ticks, (remote, headers) -> new EchoHandler());
            EngineIoServer socketIo = new EngineIoServer(engine, SUITE, clock, ticks,
                    (remote, headers) -> new SocketIoEchoApplication());
            SocketIoHandler engineIoPath = new SocketIoHandler(echo, AllowedOrigins.any(), "/engine.io/");
            SocketIoHandler socketIoPath = new SocketIoHandler(socketIo, AllowedOrigins.any(), "/socket.io/");
            EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
            try {
                Channel server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                        .childHandler(new ChannelInitializer<SocketChannel>() {
                            @Override
                            protected void initChannel(SocketChannel ch) {
                                ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(2_000_000),
                                        engineIoPath, socketIoPath);
                            }
                        }).bind("127.0.0.1", port).sync().channel();
                System.out.println("conformance server on http://localhost:" + port
                        + " (Engine.IO echo at /engine.io/, Socket.IO at /socket.io/)");
                server.closeFuture().sync();
            } finally {
                group.shutdownGracefully();
            }
        }
    }

    /** Engine.IO suite: every message back as it came, text or binary. */
    private static final class EchoHandler implements EngineIoServer.SessionHandler {
        @Override
        public void onMessage(io.peershare.socketio.EngineIoSession session, String text) {
            session.send(text);
        }

        @Override
        public void onBinary(io.peershare.socketio.EngineIoSession session, byte[] data) {
            session.sendBinary(data);
        }

        @Override
        public void onClose(io.peershare.socketio.EngineIoSession session, String reason) {
        }
    }
}
