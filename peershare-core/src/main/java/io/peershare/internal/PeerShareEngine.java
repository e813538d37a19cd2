package io.peershare.internal;

import io.peershare.config.PeerShareConfig;
import io.peershare.internal.ClientAddressResolver;
import io.peershare.internal.cluster.ClusterEvents;
import io.peershare.internal.cluster.DistributedClusterLink;
import io.peershare.internal.inbound.EngineCall;
import io.peershare.internal.inbound.EventDispatcher;
import io.peershare.internal.inbound.InboundPipeline;
import io.peershare.internal.inbound.LocalConnection;
import io.peershare.internal.limit.AddressGate;
import io.peershare.internal.limit.RateLimiter;
import io.peershare.internal.network.Chat;
import io.peershare.internal.network.ClusterLink;
import io.peershare.internal.network.IceCredentials;
import io.peershare.internal.network.IdGenerator;
import io.peershare.internal.network.Joins;
import io.peershare.internal.network.NetworkRegistry;
import io.peershare.internal.network.Outbound;
import io.peershare.internal.network.Peer;
import io.peershare.internal.network.ResumeTokens;
import io.peershare.internal.peers.PeerTable;
import io.peershare.internal.resume.Resumes;
import io.peershare.internal.signal.SignalRouter;
import io.peershare.internal.stats.EngineStats;
import io.peershare.internal.transfer.TransferCoordinator;
import io.peershare.model.PeerShareStats;
import io.peershare.protocol.CloseCodes;
import io.peershare.protocol.WireCodec;
import io.peershare.spi.AdmissionPolicy;
import io.peershare.spi.Cancellable;
import io.peershare.spi.Cluster;
import io.peershare.spi.Connection;
import io.peershare.spi.MessageStore;
import io.peershare.spi.MetricsRecorder;
import io.peershare.spi.NetworkResolver;
import io.peershare.spi.PeerShareListener;
import io.peershare.spi.Scheduler;
import io.peershare.spi.Transport;
import java.lang.System.Logger.Level;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The engine behind {@link io.peershare.PeerShare}: builds its parts, opens connections, runs the periodic work and
 * shuts down. What happens to a client frame is {@link InboundPipeline}'s; nothing the engine builds calls back
 * into it.
 *
 * <p>Threading model (see {@code docs/architecture.md}): client frames run on transport threads, periodic work on
 * the scheduler's thread; every entry point runs as an {@link EngineCall}.
 */
public final class PeerShareEngine implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(PeerShareEngine.class.getName());

    private final PeerShareConfig config;
    private final Clock clock;
    private final AutoCloseable ownedScheduler;
    private final MessageStore store;
    private final Instant startedAt;
    private final EngineStats stats = new EngineStats();
    private final IdGenerator ids = new IdGenerator();
    private final RateLimiter rateLimiter;
    private final AddressGate gate;
    private final ClientAddressResolver addresses;
    private final NetworkRegistry registry;
    private final IceCredentials ice;
    private final TransferCoordinator transfers;
    private final PeerTable peers;
    private final InboundPipeline pipeline;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final List<Cancellable> tasks;

    public PeerShareEngine(PeerShareConfig config, Clock clock, Scheduler scheduler, AutoCloseable ownedScheduler,
            NetworkResolver resolver, MessageStore store, AdmissionPolicy admission, PeerShareListener hostListener,
            WireCodec codec, Cluster cluster, MetricsRecorder metrics) {
        this.config = config;
        this.clock = clock;
        this.ownedScheduler = ownedScheduler;
        this.store = store;
        this.startedAt = clock.instant();
        PeerShareListener listener = new SafeListener(hostListener);
        Outbound out = new Outbound(codec, stats);
        rateLimiter = new RateLimiter(config);
        gate = new AddressGate(config, clock);
        addresses = new ClientAddressResolver(config.trustedProxies(), config.trustedProxyHeader());
        Chat chat = new Chat(config, store, out, stats, listener, ids, clock);
        DistributedClusterLink distributed = cluster.isDistributed()
                ? new DistributedClusterLink(cluster, config.maxUsersPerNetwork(), chat, out, rateLimiter, clock)
                : null;
        ClusterLink link = distributed != null ? distributed : ClusterLink.SINGLE_NODE;

        ResumeTokens tokens = new ResumeTokens(link);
        ice = new IceCredentials(config, out);
        registry = new NetworkRegistry(config, chat, out, listener, clock, link, tokens, ice);
        transfers = new TransferCoordinator(config, ids, out, stats, listener, link, scheduler, clock::millis);
        peers = new PeerTable(registry, transfers, stats, tokens, link, config.maxConnectionsPerAddress(), gate,
                config.resumeGrace().toMillis());
        EventDispatcher dispatcher = new EventDispatcher(new Joins(config, resolver, admission, registry, link),
                new Resumes(tokens, peers, registry, transfers, link), registry, chat,
                new SignalRouter(config, out, stats), transfers, out);
        pipeline = new InboundPipeline(config, clock, codec, stats, out, rateLimiter, peers, link, dispatcher, metrics);
        if (distributed != null) {
            // The cluster's direction towards the engine, built beside it now that the parts it calls exist.
            cluster.start(new ClusterEvents(distributed, registry, out, peers, transfers, pipeline));
        }
        tasks = List.of(
                scheduler.scheduleAtFixedRate(guarded("sweep", this::sweep), config.sweepInterval()),
                scheduler.scheduleAtFixedRate(guarded("cleanup", this::cleanup), config.cleanupInterval()));
    }

    /** @see io.peershare.PeerShare#open */
    public Connection open(Transport transport) {
        if (closed.get()) {
            throw new IllegalStateException("PeerShare engine is closed");
        }
        long now = clock.millis();
        Map<String, List<String>> headers = transport.headers() == null ? Map.of() : transport.headers();
        InetAddress client = addresses.resolve(transport.remoteAddress(), headers);
        Peer peer = Peer.local(ids.unguessable(), transport, client, rateLimiter.newConnection(client, now), now);
        if (!peers.add(peer)) {
            return new LocalConnection(peer, pipeline, peers, clock); // already closed: what it sends is ignored
        }
        if (closed.get()) {
            EngineCall.run(() -> peers.disconnect(peer, CloseCodes.GOING_AWAY, "server shutting down", "shutdown"));
        }
        return new LocalConnection(peer, pipeline, peers, clock);
    }

    /** Heartbeat, resume-grace and transfer-request timeouts. Scheduler thread. */
    private void sweep() {
        long now = clock.millis();
        peers.closeSilent(now, config.heartbeatTimeout().toMillis(), CloseCodes.HEARTBEAT_TIMEOUT);
        peers.expireAway(now);
        transfers.expire(now);
        if (config.turnCredentials() != null) {
            Instant instant = clock.instant();
            for (Peer peer : peers.all()) {
                ice.renewIfDue(peer, instant);
            }
        }
    }

    /** Expired history, empty networks, idle rate-limit state. Scheduler thread. */
    private void cleanup() {
        registry.purge(clock.instant());
        rateLimiter.purgeIdle(clock.millis());
        gate.purgeIdle();
    }

    private static Runnable guarded(String name, Runnable task) {
        return () -> {
            try {
                EngineCall.run(task);
            } catch (RuntimeException e) {
                // A failing run must not cancel the periodic task.
                LOG.log(Level.ERROR, "PeerShare " + name + " task failed", e);
            }
        };
    }

    /** @see io.peershare.PeerShare#stats */
    public PeerShareStats stats() {
        long now = clock.millis();
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return new PeerShareStats(
                startedAt,
                Duration.ofMillis(Math.max(0, now - startedAt.toEpochMilli())),
                peers.size(),
                peers.users(),
                registry.size(),
                stats.messages.sum(),
                stats.messagesPerMinute.lastMinute(now),
                store.size(),
                store.bytes(),
                stats.signals.sum(),
                stats.signalsPerMinute.lastMinute(now),
                stats.framesReceived.sum(),
                stats.framesSent.sum(),
                stats.transfersInitiated.sum(),
                transfers.activeByState(),
                stats.transfersFinished(),
                stats.errors(),
                stats.rateLimitHits.sum(),
                stats.closes(),
                new PeerShareStats.Relays(transfers.relays().openCount(), stats.relaysOpened.sum(), stats.relayedBytes.sum(),
                        stats.relayRefusals()),
                heap.getUsed(),
                heap.getMax() >= 0 ? heap.getMax() : heap.getCommitted());
    }

    public PeerShareConfig config() {
        return config;
    }

    /** What each client address may start; shared with the transports' {@link io.peershare.SocketLimit}. */
    public AddressGate addressGate() {
        return gate;
    }

    /** The client's address as the engine sees it: behind a trusted proxy, the one the proxy names. */
    public InetAddress clientAddress(java.net.InetSocketAddress remote, Map<String, List<String>> headers) {
        return addresses.resolve(remote, headers);
    }

    /** Closes every connection with 1001 and stops the periodic work. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        tasks.forEach(Cancellable::cancel);
        EngineCall.run(() -> peers.closeAll(CloseCodes.GOING_AWAY));
        if (ownedScheduler != null) {
            try {
                ownedScheduler.close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "scheduler failed to stop", e);
            }
        }
    }
}
