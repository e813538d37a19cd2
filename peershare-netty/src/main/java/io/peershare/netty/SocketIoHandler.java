package io.peershare.netty;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.util.ReferenceCountUtil;
import io.peershare.AllowedOrigins;
import io.peershare.protocol.CloseCodes;
import io.peershare.socketio.EngineIoServer;
import io.peershare.socketio.EngineIoSession;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Socket.IO clients at {@code /socket.io/} (by default): Engine.IO long-polling GETs and POSTs answered through
 * {@link EngineIoServer}, with CORS for the allowed origins, and WebSocket upgrades, direct or from polling. Requests
 * to other paths go on down the pipeline. Put it after an {@code HttpObjectAggregator} whose limit is at least the
 * Engine.IO {@code maxPayload}.
 *
 * <p>One instance serves every channel; a WebSocket gets a handler of its own ({@code SocketIoWebSocket}).
 */
@ChannelHandler.Sharable
public final class SocketIoHandler extends ChannelInboundHandlerAdapter {

    public static final String DEFAULT_PATH = "/socket.io/";

    private final EngineIoServer server;
    private final AllowedOrigins origins;
    private final String path;
    private final WebSocketDecoderConfig decoderConfig;

    public SocketIoHandler(EngineIoServer server, AllowedOrigins origins, String path) {
        this.server = server;
        this.origins = origins;
        this.path = path.endsWith("/") ? path : path + "/";
        this.decoderConfig = WebSocketDecoderConfig.newBuilder()
                .maxFramePayloadLength(server.settings().maxPayload() * 4) // characters: up to 4 UTF-8 bytes each
                .allowExtensions(false)
                .build();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request)) {
            ctx.fireChannelRead(msg);
            return;
        }
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        String requestPath = uri.path().endsWith("/") ? uri.path() : uri.path() + "/";
        if (!path.equals(requestPath)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            handle(ctx, request, EngineIoServer.query(uri.parameters()));
        } finally {
            request.release();
        }
    }

    private void handle(ChannelHandlerContext ctx, FullHttpRequest request, Map<String, String> query) {
        String origin = request.headers().get(HttpHeaderNames.ORIGIN);
        boolean upgrade = HttpHeaderValues.WEBSOCKET.contentEqualsIgnoreCase(
                request.headers().get(HttpHeaderNames.UPGRADE, ""));
        // A missing Origin is refused only on WebSocket handshakes, when the origins require one: browsers send no
        // Origin with a same-origin GET, so a poll without one is a page of this site.
        if ((origin != null || upgrade) && !origins.allows(origin)) {
            respond(ctx, request, null, new EngineIoServer.Answer(403, "application/json",
                    EngineIoServer.Error.FORBIDDEN.body()));
            return;
        }
        if (HttpMethod.OPTIONS.equals(request.method())) {
            preflight(ctx, request, origin);
            return;
        }
        InetSocketAddress remote = (InetSocketAddress) ctx.channel().remoteAddress();
        Map<String, List<String>> headers = HandshakeHeaders.of(request.headers());
        if (upgrade) {
            upgrade(ctx, request, query, remote, headers);
            return;
        }
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        FullHttpRequest head = request.retainedDuplicate(); // for the answer's version and headers, maybe later
        String body = request.content().toString(StandardCharsets.UTF_8);
        Channel channel = ctx.channel();
        AtomicBoolean answered = new AtomicBoolean();
        EngineIoServer.Cancel cancel = server.handleHttp(request.method().name(), query, body, remote, headers,
                answer -> {
                    answered.set(true);
                    channel.eventLoop().execute(() -> {
                        try {
                            respond(ctx, head, origin, answer, keepAlive);
                        } finally {
                            head.release();
                        }
                    });
                });
        // A client that gives up a held poll ends its session (Engine.IO: packets given to it could be lost).
        channel.closeFuture().addListener(closed -> {
            if (!answered.get()) {
                cancel.cancel();
            }
        });
    }

    private void upgrade(ChannelHandlerContext ctx, FullHttpRequest request, Map<String, String> query,
            InetSocketAddress remote, Map<String, List<String>> headers) {
        EngineIoServer.Error refused = server.checkUpgrade(query);
        if (refused != null) {
            HttpAnswers.send(ctx, request, HttpResponseStatus.BAD_REQUEST, refused.body());
            return;
        }
        WebSocketServerHandshaker handshaker = new WebSocketServerHandshakerFactory(
                "ws://" + request.headers().get(HttpHeaderNames.HOST, "localhost") + request.uri(), null,
                decoderConfig).newHandshaker(request);
        if (handshaker == null) {
            WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
            return;
        }
        Channel channel = ctx.channel();
        SocketIoWebSocket socket = new SocketIoWebSocket(server, channel);
        ctx.pipeline().addAfter(ctx.name(), "peershare-socketio-ws", socket);
        ctx.pipeline().remove(this);
        PeerShareWebSocketHandler.leave(channel); // its handshake deadline would close the WebSocket
        handshaker.handshake(channel, request).addListener(done -> {
            if (done.isSuccess()) {
                socket.opened(server.openWebSocket(query, socket, remote, headers));
            } else {
                channel.close();
            }
        });
    }

    private void preflight(ChannelHandlerContext ctx, FullHttpRequest request, String origin) {
        FullHttpResponse response = new DefaultFullHttpResponse(request.protocolVersion(), HttpResponseStatus.NO_CONTENT);
        cors(response, origin);
        response.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, "GET, POST")
                .set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS,
                        request.headers().get(HttpHeaderNames.ACCESS_CONTROL_REQUEST_HEADERS, "content-type"))
                .setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
        ctx.writeAndFlush(response);
    }

    private static void respond(ChannelHandlerContext ctx, FullHttpRequest request, String origin,
            EngineIoServer.Answer answer) {
        respond(ctx, request, origin, answer, false);
    }

    private static void respond(ChannelHandlerContext ctx, FullHttpRequest request, String origin,
            EngineIoServer.Answer answer, boolean keepAlive) {
        FullHttpResponse response = new DefaultFullHttpResponse(request.protocolVersion(),
                HttpResponseStatus.valueOf(answer.status()), Unpooled.copiedBuffer(answer.body(), StandardCharsets.UTF_8));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, answer.contentType())
                .set(HttpHeaderNames.CACHE_CONTROL, "no-store")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
        cors(response, origin);
        if (keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(response);
        } else {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private static void cors(FullHttpResponse response, String origin) {
        if (origin != null) {
            response.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, origin)
                    .set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true")
                    .set(HttpHeaderNames.VARY, HttpHeaderNames.ORIGIN);
        }
    }


    /**
     * One Engine.IO WebSocket: text and binary frames to its session, the session's packets to the client through a
     * {@link ChannelOutbox}, as for PeerShare's own WebSocket: in the order they were sent, whichever thread sent
     * them, held to the engine's {@link io.peershare.OutboundBudget}; a client the budget refuses is closed with
     * {@link CloseCodes#SLOW_CONSUMER} and counted as the engine's own slow readers are.
     */
    static final class SocketIoWebSocket extends ChannelInboundHandlerAdapter implements EngineIoSession.WebSocketSink {
        private final EngineIoServer server;
        private final Channel channel;
        private final ChannelOutbox outbox;
        private volatile EngineIoSession session;

        SocketIoWebSocket(EngineIoServer server, Channel channel) {
            this.server = server;
            this.channel = channel;
            this.outbox = new ChannelOutbox(channel, server.engine().outboundBudget(), this::slowReader);
        }

        void opened(EngineIoSession value) {
            session = value;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                EngineIoSession s = session;
                if (msg instanceof TextWebSocketFrame text && s != null) {
                    server.webSocketText(s, this, text.text());
                } else if (msg instanceof BinaryWebSocketFrame binary && s != null) {
                    server.webSocketBinary(s, this, ByteBufUtil.getBytes(binary.content()));
                } else if (msg instanceof PingWebSocketFrame ping) {
                    ctx.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
                } else if (msg instanceof CloseWebSocketFrame) {
                    ctx.close(); // the client's close, or its answer to ours
                } else if (!(msg instanceof PongWebSocketFrame)) {
                    ctx.close(); // a fragment out of place, or a frame before the session is set
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        /** Netty's buffer has drained: what waits goes on, and the budget learns what still waits. */
        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (ctx.channel().isWritable()) {
                outbox.drained();
            }
            ctx.fireChannelWritabilityChanged();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            outbox.gone();
            EngineIoSession s = session;
            if (s != null) {
                s.webSocketClosed(this);
            }
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }

        @Override
        public void send(String text) {
            outbox.send(new TextWebSocketFrame(text));
        }

        @Override
        public void sendBinary(byte[] data) {
            outbox.send(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(data)));
        }

        @Override
        public void close() {
            if (outbox.close()) {
                // What the session sent before goes first.
                channel.eventLoop().execute(() -> outbox.closeWith(1000, "", true));
            }
        }

        /** The budget refused a packet: the client is closed as a slow reader, without what waits for it. */
        private void slowReader() {
            if (!outbox.close()) {
                return;
            }
            channel.eventLoop().execute(() -> outbox.closeWith(CloseCodes.SLOW_CONSUMER,
                    "outbound queue overflow: the client reads too slowly", false));
            EngineIoSession s = session;
            if (s != null) {
                s.close(EngineIoSession.SLOW_CONSUMER);
            }
        }
    }
}
