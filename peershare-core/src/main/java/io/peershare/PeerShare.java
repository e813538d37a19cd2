package io.peershare;

import io.peershare.config.PeerShareConfig;
import io.peershare.defaults.ExecutorScheduler;
import io.peershare.defaults.InMemoryMessageStore;
import io.peershare.internal.PeerShareEngine;
import io.peershare.internal.limit.RateLimiter;
import io.peershare.model.PeerShareStats;
import io.peershare.protocol.JsonWireCodec;
import io.peershare.protocol.WireCodec;
import io.peershare.spi.AdmissionPolicy;
import io.peershare.spi.Cluster;
import io.peershare.spi.Connection;
import io.peershare.spi.MessageStore;
import io.peershare.spi.MetricsRecorder;
import io.peershare.spi.NetworkResolver;
import io.peershare.spi.PeerShareListener;
import io.peershare.spi.Scheduler;
import io.peershare.spi.Transport;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The PeerShare engine: networks, chat history, signal relay, transfer coordination, rate limits and
 * stats, independent of any transport. One engine serves every connection of a server.
 *
 * <pre>{@code
 * PeerShare engine = PeerShare.builder().config(PeerShareConfig.defaults()).build();
 * Connection connection = engine.open(transport);   // per new connection
 * }</pre>
 *
 * <p>Thread-safe. Closing the engine closes every connection with code 1001.
 */
public final class PeerShare implements AutoCloseable {

    private final PeerShareEngine engine;
    private final OutboundBudget outboundBudget;
    private final SocketLimit socketLimit;

    private PeerShare(PeerShareEngine engine) {
        this.engine = engine;
        PeerShareConfig config = engine.config();
        this.outboundBudget = new OutboundBudget(config.maxOutboundBytesTotal(), config.maxOutboundBytes());
        this.socketLimit = new SocketLimit(config, engine.addressGate());
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Registers a new connection. The returned {@link Connection} receives the client's frames.
     *
     * @throws IllegalStateException if the engine is closed
     */
    public Connection open(Transport transport) {
        return engine.open(Objects.requireNonNull(transport, "transport"));
    }

    /** A consistent-enough snapshot of the engine's counters, cheap to take. */
    public PeerShareStats stats() {
        return engine.stats();
    }

    /** The configuration the engine was built with. */
    public PeerShareConfig config() {
        return engine.config();
    }

    /**
     * The bytes that may wait for this engine's clients; every transport that puts connections on this engine
     * queues frames through it, so the limits hold across transports.
     */
    public OutboundBudget outboundBudget() {
        return outboundBudget;
    }

    /** The sockets each client address may hold at transports that see sockets before their handshake. */
    public SocketLimit socketLimit() {
        return socketLimit;
    }

    /**
     * Whether a host may answer one more HTTP request of a client now ({@link PeerShareConfig#addressHttpRateLimit()}):
     * for the endpoints a host serves beside the engine (health, statistics, metrics, pages). Answer {@code false}
     * with 429 (and close the connection): an address that goes on past its strikes cools down, and then its sockets
     * are refused when accepted ({@link SocketLimit}). The client's address is found as for connections, behind
     * trusted proxies from the header they set.
     *
     * @param remote  the socket's peer
     * @param headers the request's headers (only the trusted proxy header is read, and only from a trusted proxy)
     */
    public boolean tryHttpRequest(InetSocketAddress remote, Map<String, List<String>> headers) {
        return engine.addressGate().tryRequest(RateLimiter.addressKey(engine.clientAddress(remote, headers)));
    }

    /** Closes every connection with code 1001 and stops periodic work. Idempotent. */
    @Override
    public void close() {
        engine.close();
    }

    /** Builds a {@link PeerShare}; every collaborator has a default. */
    public static final class Builder {
        private PeerShareConfig config = PeerShareConfig.defaults();
        private Clock clock = Clock.systemUTC();
        private Scheduler scheduler;
        private NetworkResolver networkResolver;
        private MessageStore messageStore;
        private AdmissionPolicy admissionPolicy = AdmissionPolicy.ALLOW_ALL;
        private PeerShareListener listener = PeerShareListener.NONE;
        private WireCodec codec = new JsonWireCodec();
        private Cluster cluster = Cluster.SINGLE_NODE;
        private MetricsRecorder metrics = MetricsRecorder.NONE;

        private Builder() {
        }

        /** Settings; default {@link PeerShareConfig#defaults()}. */
        public Builder config(PeerShareConfig value) { config = Objects.requireNonNull(value, "config"); return this; }

        /** Where time comes from; default the system UTC clock. */
        public Builder clock(Clock value) { clock = Objects.requireNonNull(value, "clock"); return this; }

        /**
         * Runs periodic work; default one daemon thread owned (and stopped) by the engine. A scheduler
         * passed here is not stopped by the engine.
         */
        public Builder scheduler(Scheduler value) { scheduler = Objects.requireNonNull(value, "scheduler"); return this; }

        /** Decides networks; default {@link PeerShareConfig#networkPolicy()}'s resolver. */
        public Builder networkResolver(NetworkResolver value) {
            networkResolver = Objects.requireNonNull(value, "networkResolver");
            return this;
        }

        /**
         * Keeps chat history; default in memory, bounded by {@link PeerShareConfig#maxHistoryMessages()} and
         * {@link PeerShareConfig#maxSystemMessages()}.
         */
        public Builder messageStore(MessageStore value) { messageStore = Objects.requireNonNull(value, "messageStore"); return this; }

        /** The host's say on joins; default allows all. */
        public Builder admissionPolicy(AdmissionPolicy value) {
            admissionPolicy = Objects.requireNonNull(value, "admissionPolicy");
            return this;
        }

        /** Observes joins, leaves, messages and transfers; default none. */
        public Builder listener(PeerShareListener value) { listener = Objects.requireNonNull(value, "listener"); return this; }

        /** The wire format; default {@link JsonWireCodec}. */
        public Builder codec(WireCodec value) { codec = Objects.requireNonNull(value, "codec"); return this; }

        /**
         * Joins this engine to a cluster of nodes that act as one; default {@link Cluster#SINGLE_NODE}. The
         * engine starts the cluster; the host closes it after closing the engine.
         */
        public Builder cluster(Cluster value) { cluster = Objects.requireNonNull(value, "cluster"); return this; }

        /** Receives the engine's timings (frame handling, signal relay) and rate-limit refusals; default none. */
        public Builder metrics(MetricsRecorder value) { metrics = Objects.requireNonNull(value, "metrics"); return this; }

        public PeerShare build() {
            boolean ownsScheduler = scheduler == null;
            Scheduler s = ownsScheduler ? new ExecutorScheduler() : scheduler;
            return new PeerShare(new PeerShareEngine(
                    config,
                    clock,
                    s,
                    ownsScheduler ? (AutoCloseable) s : null,
                    networkResolver != null ? networkResolver : config.networkPolicy().resolver(),
                    messageStore != null ? messageStore
                            : new InMemoryMessageStore(config.maxHistoryMessages(), config.maxSystemMessages(),
                                    config.maxHistoryBytesPerNetwork(), config.maxHistoryBytesTotal()),
                    admissionPolicy,
                    listener,
                    codec,
                    cluster,
                    metrics));
        }
    }
}
