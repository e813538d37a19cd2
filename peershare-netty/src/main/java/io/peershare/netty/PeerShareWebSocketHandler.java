package io.peershare.netty;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.peershare.AllowedOrigins;
import io.peershare.PeerShare;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
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
 * <p>Like a {@link ChannelInitializer}, it puts the endpoint's handlers in its own place in each channel's pipeline
 * and leaves; each does one job, in this order:
 * <ol>
 *   <li>{@code SocketLimitHandler}: a channel from an address that holds the most sockets allowed is closed at once
 *       ({@link io.peershare.SocketLimit});</li>
 *   <li>{@code HandshakeDeadlineHandler}: one that does not send a whole request within the handshake timeout is
 *       closed then;</li>
 *   <li>{@code OriginCheckHandler}: a WebSocket handshake from a foreign {@code Origin} is refused with 403;</li>
 *   <li>{@code WebSocketUpgradeHandler}: a handshake opens an engine connection and hands the channel to a
 *       per-connection handler; the endpoint's handlers leave the pipeline, with the HTTP codecs.</li>
 * </ol>
 * One instance serves every channel ({@link ChannelHandler.Sharable}); all of them run on the channel's event loop.
 */
@ChannelHandler.Sharable
public final class PeerShareWebSocketHandler extends ChannelInitializer<Channel> {

    /** Default path of the endpoint. */
    public static final String DEFAULT_PATH = "/ws";
    /** Default time a connection has to send a whole HTTP request (a WebSocket handshake or any other). */
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

    /** The endpoint's handlers log under this one name, the one a host's logging configuration knows. */
    static final System.Logger LOG = System.getLogger(PeerShareWebSocketHandler.class.getName());

    private final long handshakeTimeoutNanos;
    private final SocketLimitHandler socketLimit;
    private final OriginCheckHandler originCheck;
    private final WebSocketUpgradeHandler upgrade;
    private final AtomicInteger open = new AtomicInteger();

    private PeerShareWebSocketHandler(ConnectionSettings settings, String path, AllowedOrigins origins,
            Duration handshakeTimeout) {
        this.handshakeTimeoutNanos = handshakeTimeout.toNanos();
        this.socketLimit = new SocketLimitHandler(settings.engine().socketLimit());
        this.originCheck = new OriginCheckHandler(path, origins);
        this.upgrade = new WebSocketUpgradeHandler(settings, path, open);
    }

    public static Builder builder(PeerShare engine) {
        return new Builder(engine);
    }

    /** Puts the endpoint's handlers, in their order, where this one is; {@link ChannelInitializer} then removes it. */
    @Override
    protected void initChannel(Channel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        String after = pipeline.context(this).name();
        pipeline.addAfter(after, null, socketLimit); // counts the channel and leaves at once
        if (!channel.isOpen()) {
            return; // refused: its address holds the most sockets allowed
        }
        HandshakeDeadlineHandler deadline = new HandshakeDeadlineHandler(handshakeTimeoutNanos); // one per channel
        for (ChannelHandler handler : List.of(deadline, originCheck, upgrade)) {
            pipeline.addAfter(after, null, handler);
            after = pipeline.context(handler).name();
        }
    }

    /**
     * The channel is done with the endpoint: upgraded to its WebSocket, or taken over by another handler (a Socket.IO
     * WebSocket). Its handshake deadline is cancelled and the endpoint's handlers leave its pipeline.
     */
    static void leave(Channel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        for (Class<? extends ChannelHandler> type :
                List.of(HandshakeDeadlineHandler.class, OriginCheckHandler.class, WebSocketUpgradeHandler.class)) {
            ChannelHandler handler = pipeline.get(type);
            if (handler != null) {
                pipeline.remove(handler);
            }
        }
    }

    /**
     * How many WebSocket connections this handler opened are open now. A host shutting down waits for this to reach
     * zero after closing the engine, so that every client has been sent its close frame.
     */
    public int openConnections() {
        return open.get();
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
