package io.peershare.netty;

import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.util.AttributeKey;
import io.peershare.AllowedOrigins;
import io.peershare.Connection;
import io.peershare.PeerShare;
import io.peershare.SocketLimit;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Puts a PeerShare engine into a Netty server's pipeline. Add it after the host's {@code HttpServerCodec} and
 * {@code HttpObjectAggregator}: a request for the endpoint's path becomes a WebSocket connection to the engine;
 * every other request goes on to the host's own handlers.
 *
 * <pre>{@code
 * ChannelHandler peershare = PeerShareWebSocketHandler.builder(engine)
 *         .path("/ws")
 *         .allowedOrigins(AllowedOrigins.only(List.of("https://share.example.com")))
 *         .build();
 * // in the host's ChannelInitializer:
 * channel.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(65536), peershare, hostHandler);
 * }</pre>
 *
 * <p>One instance serves every channel ({@link ChannelHandler.Sharable}); what it keeps per channel (the handshake
 * deadline) lives in the channel's attributes. A channel from an address that holds the most sockets allowed is
 * closed at once ({@link io.peershare.SocketLimit}); one that does not send a whole request within the handshake
 * timeout is closed then. On a WebSocket handshake it refuses a foreign {@code Origin} with 403, opens an engine
 * connection, hands the channel to a per-connection handler and removes itself from that channel's pipeline, with
 * the HTTP codecs.
 */
@ChannelHandler.Sharable
public final class PeerShareWebSocketHandler extends ChannelDuplexHandler {

    /** Default path of the endpoint. */
    public static final String DEFAULT_PATH = "/ws";
    /** Default time a connection has to send a whole HTTP request (a WebSocket handshake or any other). */
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
    /** The pending deadline of a channel that has not upgraded, while it owes a request. */
    private static final AttributeKey<ScheduledFuture<?>> DEADLINE = AttributeKey.valueOf("peershare-handshake-deadline");

    private static final System.Logger LOG = System.getLogger(PeerShareWebSocketHandler.class.getName());

    private final ConnectionSettings settings;
    private final String path;
    private final AllowedOrigins origins;
    private final WebSocketDecoderConfig decoderConfig;
    private final long handshakeTimeoutNanos;
    private final SocketLimit sockets;
    private final AtomicInteger open = new AtomicInteger();

    private PeerShareWebSocketHandler(ConnectionSettings settings, String path, AllowedOrigins origins,
            Duration handshakeTimeout) {
        this.settings = settings;
        this.path = path;
        this.origins = origins;
        this.handshakeTimeoutNanos = handshakeTimeout.toNanos();
        this.sockets = settings.engine().socketLimit();
        this.decoderConfig = WebSocketDecoderConfig.newBuilder()
                .maxFramePayloadLength(settings.maxFrameSize())
                .allowExtensions(false)
                // The connection sends the close itself and lets the client read it (see ChannelTransport).
                .closeOnProtocolViolation(false)
                .withUTF8Validator(false) // checked by the connection handler, eight bytes at a time
                .build();
    }

    public static Builder builder(PeerShare engine) {
        return new Builder(engine);
    }

    /**
     * A new channel: refused at once if its address holds the most sockets allowed
     * ({@link io.peershare.PeerShareConfig#maxConnectionsPerAddress()}), otherwise given the handshake deadline.
     */
    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        Channel channel = ctx.channel();
        if (channel.remoteAddress() instanceof InetSocketAddress remote && remote.getAddress() != null) {
            InetAddress address = remote.getAddress();
            if (!sockets.tryOpen(address)) {
                LOG.log(Level.DEBUG, () -> "refused a connection from " + address + ": it holds the most allowed");
                channel.close();
                return;
            }
            channel.closeFuture().addListener(closed -> sockets.closed(address));
        }
        armDeadline(ctx);
    }

    /** The channel owes a whole request within the handshake timeout, or it is closed. */
    private void armDeadline(ChannelHandlerContext ctx) {
        ScheduledFuture<?> deadline = ctx.executor().schedule(() -> {
            LOG.log(Level.DEBUG, () -> "closed " + ctx.channel().remoteAddress() + ": no request within the deadline");
            ctx.close();
        }, handshakeTimeoutNanos, TimeUnit.NANOSECONDS);
        ScheduledFuture<?> was = ctx.channel().attr(DEADLINE).getAndSet(deadline);
        if (was != null) {
            was.cancel(false);
        }
    }

    /**
     * Another handler took this channel over (a Socket.IO WebSocket): no handshake deadline, and this handler
     * leaves the channel's pipeline.
     */
    static void leave(Channel channel) {
        ScheduledFuture<?> deadline = channel.attr(DEADLINE).getAndSet(null);
        if (deadline != null) {
            deadline.cancel(false);
        }
        PeerShareWebSocketHandler handler = channel.pipeline().get(PeerShareWebSocketHandler.class);
        if (handler != null) {
            channel.pipeline().remove(handler);
        }
    }

    private static void disarmDeadline(ChannelHandlerContext ctx) {
        ScheduledFuture<?> deadline = ctx.channel().attr(DEADLINE).getAndSet(null);
        if (deadline != null) {
            deadline.cancel(false);
        }
    }

    /** A response has been written in full: a kept-alive connection owes its next request within the deadline. */
    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof LastHttpContent) {
            armDeadline(ctx);
        }
        ctx.write(msg, promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        disarmDeadline(ctx);
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof FullHttpRequest) {
            disarmDeadline(ctx); // the request is whole; answering it takes what it takes
        }
        if (!(msg instanceof FullHttpRequest request) || !path.equals(new QueryStringDecoder(request.uri()).path())) {
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
        if (!HttpHeaderValues.WEBSOCKET.contentEqualsIgnoreCase(request.headers().get(HttpHeaderNames.UPGRADE, ""))) {
            HttpAnswers.send(ctx, request, HttpResponseStatus.BAD_REQUEST, "this path takes WebSocket connections only\n");
            return;
        }
        String origin = request.headers().get(HttpHeaderNames.ORIGIN);
        if (!origins.allows(origin)) {
            LOG.log(Level.DEBUG, () -> "refused WebSocket handshake from origin " + origin);
            HttpAnswers.send(ctx, request, HttpResponseStatus.FORBIDDEN, "origin not allowed\n");
            return;
        }
        WebSocketServerHandshaker handshaker =
                new WebSocketServerHandshakerFactory(webSocketUrl(request), null, decoderConfig).newHandshaker(request);
        if (handshaker == null) {
            WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
            armDeadline(ctx); // the connection stays; it owes a better request
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
        ctx.pipeline().remove(this);
        handshaker.handshake(ctx.channel(), request).addListener(done -> {
            if (!done.isSuccess()) {
                connection.closed();
                ctx.channel().close();
            }
        });
    }

    /**
     * How many WebSocket connections this handler opened are open now. A host shutting down waits for this to reach
     * zero after closing the engine, so that every client has been sent its close frame.
     */
    public int openConnections() {
        return open.get();
    }

    private static String webSocketUrl(FullHttpRequest request) {
        return "ws://" + request.headers().get(HttpHeaderNames.HOST, "localhost") + request.uri();
    }

    /** Settings of one endpoint; {@link #build} validates them. */
    public static final class Builder {
        private final PeerShare engine;
        private String path = DEFAULT_PATH;
        private AllowedOrigins origins;
        private Integer maxFrameSize;
        private Duration handshakeTimeout = DEFAULT_HANDSHAKE_TIMEOUT;
        private Set<String> retainedHeaders = Set.of();

        private Builder(PeerShare engine) {
            this.engine = Objects.requireNonNull(engine, "engine");
        }

        /** The path of the WebSocket endpoint; default {@value #DEFAULT_PATH}. Other paths go to the host's handlers. */
        public Builder path(String value) {
            path = Objects.requireNonNull(value, "path");
            return this;
        }

        /**
         * Which browser origins may connect; any other Origin is refused with 403 at the handshake. Required: say
         * which origins you serve ({@link AllowedOrigins#only}) or that any may connect ({@link AllowedOrigins#any},
         * for development).
         */
        public Builder allowedOrigins(AllowedOrigins value) {
            origins = Objects.requireNonNull(value, "allowedOrigins");
            return this;
        }

        /**
         * Largest WebSocket message read, in bytes; a larger one closes the connection with 1009. Default twice the
         * engine's {@code maxFrameSize}, so that frames between the two limits get the engine's
         * {@code FRAME_TOO_LARGE} error instead.
         */
        public Builder maxFrameSize(int value) {
            maxFrameSize = value;
            return this;
        }

        /**
         * How long a connection may take to send a whole HTTP request: from its accept to its WebSocket handshake,
         * and between requests on a kept-alive connection. A connection that sends nothing, or sends slowly, is
         * closed when it passes; a response being written is never cut. Default 10 seconds.
         */
        public Builder handshakeTimeout(Duration value) {
            handshakeTimeout = Objects.requireNonNull(value, "handshakeTimeout");
            return this;
        }

        /**
         * Handshake headers kept for the connection's lifetime, so that the engine's {@code JoinRequest} carries them
         * to a host's {@code AdmissionPolicy} or {@code NetworkResolver} (for example {@code Authorization}). Every
         * header is seen when the connection opens (forwarded-for headers included); afterwards only these are kept,
         * since each costs memory for as long as the client stays. Default none.
         */
        public Builder retainedHeaders(Collection<String> names) {
            retainedHeaders = names.stream().map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
            return this;
        }

        /** @throws IllegalArgumentException naming the setting that is wrong or missing */
        public PeerShareWebSocketHandler build() {
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException("path must start with '/': " + path);
            }
            if (origins == null) {
                throw new IllegalArgumentException(
                        "no origin rule: call allowedOrigins(AllowedOrigins.only(...)) with the origins you serve,"
                                + " or allowedOrigins(AllowedOrigins.any())");
            }
            int frameLimit = maxFrameSize != null ? maxFrameSize : 2 * engine.config().maxFrameSize();
            if (frameLimit < 1024) {
                throw new IllegalArgumentException("maxFrameSize must be at least 1024 bytes: " + frameLimit);
            }
            if (handshakeTimeout.isNegative() || handshakeTimeout.isZero()) {
                throw new IllegalArgumentException("handshakeTimeout must be positive: " + handshakeTimeout);
            }
            ConnectionSettings settings = new ConnectionSettings(engine, frameLimit, List.copyOf(retainedHeaders));
            return new PeerShareWebSocketHandler(settings, path, origins, handshakeTimeout);
        }
    }
}
