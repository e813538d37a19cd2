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
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.util.ReferenceCountUtil;
import io.peershare.AllowedOrigins;
import io.peershare.OutboundBudget;
import io.peershare.protocol.CloseCodes;
import io.peershare.socketio.EngineIoServer;
import io.peershare.socketio.EngineIoSession;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

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
     * One Engine.IO WebSocket: text frames to its session, the session's packets to the client. Packets are queued
     * and written by one task of the channel's event loop, in the order they were sent whichever thread sent them
     * (a write from the loop itself would otherwise overtake writes queued from other threads), with one flush. The
     * bytes waiting (queued here and in Netty's buffer) are held to the engine's {@link io.peershare.OutboundBudget},
     * per connection and across connections, as for PeerShare's own WebSocket: a client the budget refuses is closed.
     */
    static final class SocketIoWebSocket extends ChannelInboundHandlerAdapter implements EngineIoSession.WebSocketSink {
        private final EngineIoServer server;
        private final Channel channel;
        private final OutboundBudget.Account budget;
        private final Queue<WebSocketFrame> waiting = new ConcurrentLinkedQueue<>();
        private final AtomicLong waitingBytes = new AtomicLong();
        private final AtomicBoolean drainScheduled = new AtomicBoolean();
        private final AtomicBoolean closing = new AtomicBoolean();
        private final Runnable drain = this::drain;
        private volatile EngineIoSession session;

        SocketIoWebSocket(EngineIoServer server, Channel channel) {
            this.server = server;
            this.channel = channel;
            this.budget = server.engine().outboundBudget().account();
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
                    ctx.close();
                } else if (!(msg instanceof PongWebSocketFrame)) {
                    ctx.close(); // a fragment out of place, or a frame before the session is set
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        /** Netty's buffer has drained: the budget learns what still waits. */
        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (ctx.channel().isWritable()) {
                budget.settle(waitingBytes.get() + ChannelTransport.pendingBytes(channel));
            }
            ctx.fireChannelWritabilityChanged();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            budget.close();
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
            queue(new TextWebSocketFrame(text));
        }

        @Override
        public void sendBinary(byte[] data) {
            queue(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(data)));
        }

        private void queue(WebSocketFrame frame) {
            if (closing.get()) {
                frame.release();
                return;
            }
            int size = frame.content().readableBytes();
            if (!budget.admit(waitingBytes.get() + ChannelTransport.pendingBytes(channel), size)) {
                frame.release();
                closeWith(CloseCodes.SLOW_CONSUMER, "outbound queue overflow: the client reads too slowly");
                EngineIoSession s = session;
                if (s != null) {
                    s.close(EngineIoSession.SLOW_CONSUMER);
                }
                return;
            }
            waitingBytes.addAndGet(size);
            waiting.add(frame);
            if (drainScheduled.compareAndSet(false, true)) {
                channel.eventLoop().execute(drain);
            }
        }

        /** Event loop: everything queued, written in order, flushed once. */
        private void drain() {
            drainScheduled.set(false);
            WebSocketFrame frame;
            while ((frame = waiting.poll()) != null) {
                waitingBytes.addAndGet(-frame.content().readableBytes());
                channel.write(frame, channel.voidPromise());
            }
            channel.flush();
        }

        @Override
        public void close() {
            closeWith(1000, "");
        }

        /** Closes once with {@code code}; what the session sent before goes first, unless it is a slow reader's. */
        private void closeWith(int code, String reason) {
            if (!closing.compareAndSet(false, true)) {
                return;
            }
            budget.close();
            channel.eventLoop().execute(() -> {
                if (code == CloseCodes.SLOW_CONSUMER) {
                    releaseWaiting(); // the client is not reading it
                } else {
                    drain();
                }
                if (channel.isActive()) {
                    channel.writeAndFlush(new CloseWebSocketFrame(code, reason)).addListener(ChannelFutureListener.CLOSE);
                }
            });
        }

        private void releaseWaiting() {
            WebSocketFrame frame;
            while ((frame = waiting.poll()) != null) {
                waitingBytes.addAndGet(-frame.content().readableBytes());
                frame.release();
            }
        }
    }
}
