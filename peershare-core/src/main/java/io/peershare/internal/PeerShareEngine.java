package io.peershare.internal;

import static io.peershare.internal.Jsons.JSON;

import io.peershare.Connection;
import io.peershare.EventClass;
import io.peershare.PeerShare;
import io.peershare.PeerShareConfig;
import io.peershare.PeerShareStats;
import io.peershare.protocol.CloseCodes;
import io.peershare.protocol.ErrorCode;
import io.peershare.protocol.Events;
import io.peershare.protocol.FrameException;
import io.peershare.protocol.InboundFrame;
import io.peershare.protocol.WireCodec;
import io.peershare.spi.AdmissionPolicy;
import io.peershare.spi.Cluster;
import io.peershare.spi.ClusterMember;
import io.peershare.spi.Cancellable;
import io.peershare.spi.JoinRequest;
import io.peershare.spi.MessageStore;
import io.peershare.spi.NetworkResolver;
import io.peershare.spi.PeerShareListener;
import io.peershare.spi.Scheduler;
import io.peershare.spi.Transport;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.lang.System.Logger.Level;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The engine behind {@link PeerShare}. Each client frame goes through one pipeline on the thread that
 * delivered it: size check, decode, rate limit, validate and handle; any failure becomes one
 * {@code error} event to that client and nothing else.
 *
 * <p>Threading model (see {@code docs/architecture.md}): client frames run on transport threads, periodic
 * work on the scheduler's thread. The peer table is a concurrent map; membership is guarded by the peer's
 * and the networks' monitors ({@link NetworkRegistry}); transfers by their own monitors
 * ({@link TransferCoordinator}); counters are lock-free ({@link EngineStats}).
 */
public final class PeerShareEngine implements PeerShare {

    private static final System.Logger LOG = System.getLogger(PeerShareEngine.class.getName());

    private final PeerShareConfig config;
    private final Clock clock;
    private final AutoCloseable ownedScheduler;
    private final NetworkResolver resolver;
    private final AdmissionPolicy admission;
    private final WireCodec codec;
    private final Instant startedAt;
    private final EngineStats stats = new EngineStats();
    private final IdGenerator ids = new IdGenerator();
    private final Outbound out;
    private final RateLimiter rateLimiter;
    private final ClientAddressResolver addresses;
    private final NetworkRegistry registry;
    private final SignalRouter signals;
    private final TransferCoordinator transfers;
    private final MessageStore store;
    private final JsonObject welcomeExtras;
    private final Map<String, Handler> handlers;
    private final Map<String, Peer> peers = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final List<Cancellable> tasks;
    private final Cluster cluster;

    /** One client event: the rate-limit class it counts against, and what it does. */
    private record Handler(EventClass eventClass, Action action) {
    }

    @FunctionalInterface
    private interface Action {
        void handle(Peer peer, InboundFrame frame, long nowMillis);
    }

    public PeerShareEngine(PeerShareConfig config, Clock clock, Scheduler scheduler, AutoCloseable ownedScheduler,
            NetworkResolver resolver, MessageStore store, AdmissionPolicy admission, PeerShareListener listener,
            WireCodec codec, Cluster cluster) {
        this.cluster = Objects.requireNonNull(cluster);
        this.config = Objects.requireNonNull(config);
        this.clock = Objects.requireNonNull(clock);
        this.ownedScheduler = ownedScheduler;
        this.resolver = Objects.requireNonNull(resolver);
        this.admission = Objects.requireNonNull(admission);
        this.codec = Objects.requireNonNull(codec);
        this.store = Objects.requireNonNull(store);
        PeerShareListener safeListener = new SafeListener(listener);
        this.startedAt = clock.instant();
        this.out = new Outbound(codec, stats);
        this.rateLimiter = new RateLimiter(config);
        this.addresses = new ClientAddressResolver(config.trustedProxies());
        this.registry = new NetworkRegistry(config, store, out, stats, safeListener, ids, clock, cluster);
        this.signals = new SignalRouter(config, out, stats);
        this.transfers = new TransferCoordinator(config, ids, out, stats, safeListener);
        this.welcomeExtras = JSON.createObjectBuilder()
                .add("iceServers", IceServersJson.toJson(config.iceServers()))
                .add("heartbeatIntervalMs", config.heartbeatInterval().toMillis())
                .add("limits", JSON.createObjectBuilder()
                        .add("maxFileSize", config.maxFileSize())
                        .add("maxMessageLength", config.maxMessageLength())
                        .add("maxUserNameLength", config.maxUserNameLength())
                        .add("maxNetworkNameLength", config.maxNetworkNameLength())
                        .add("maxFileNameLength", config.maxFileNameLength())
                        .add("maxUsersPerNetwork", config.maxUsersPerNetwork())
                        .add("maxSignalSize", config.maxSignalSize())
                        .add("maxFrameSize", config.maxFrameSize())
                        .add("maxTransfersPerPeer", config.maxTransfersPerPeer())
                        .add("transferRequestTimeoutMs", config.transferRequestTimeout().toMillis()))
                .build();
        this.handlers = Map.ofEntries(
                Map.entry(Events.JOIN, new Handler(EventClass.JOIN, this::join)),
                Map.entry(Events.LEAVE, new Handler(EventClass.JOIN, this::leave)),
                Map.entry(Events.SEND_MESSAGE, new Handler(EventClass.CHAT, (p, f, now) -> registry.post(p,
                        InputValidator.requiredMultilineText(f.data(), "text", config.maxMessageLength()), f.requestId()))),
                Map.entry(Events.SIGNAL, new Handler(EventClass.SIGNAL, (p, f, now) -> signals.relay(p, f.data(), now))),
                Map.entry(Events.INITIATE_TRANSFER, new Handler(EventClass.TRANSFER,
                        (p, f, now) -> transfers.initiate(p, f.data(), f.requestId(), now))),
                Map.entry(Events.ACCEPT_TRANSFER, new Handler(EventClass.TRANSFER,
                        (p, f, now) -> transfers.accept(p, f.data(), f.requestId()))),
                Map.entry(Events.REJECT_TRANSFER, new Handler(EventClass.TRANSFER,
                        (p, f, now) -> transfers.reject(p, f.data(), f.requestId()))),
                Map.entry(Events.TRANSFER_PROGRESS, new Handler(EventClass.TRANSFER,
                        (p, f, now) -> transfers.progress(p, f.data()))),
                Map.entry(Events.COMPLETE_TRANSFER, new Handler(EventClass.TRANSFER,
                        (p, f, now) -> transfers.complete(p, f.data(), f.requestId()))),
                Map.entry(Events.CANCEL_TRANSFER, new Handler(EventClass.TRANSFER,
                        (p, f, now) -> transfers.cancel(p, f.data(), f.requestId()))),
                Map.entry(Events.HEARTBEAT, new Handler(EventClass.CONTROL, (p, f, now) -> out.send(p,
                        Events.HEARTBEAT_ACK, JSON.createObjectBuilder().add("serverTime", now).build(), f.requestId()))));
        this.tasks = List.of(
                scheduler.scheduleAtFixedRate(guarded("sweep", this::sweep), config.sweepInterval()),
                scheduler.scheduleAtFixedRate(guarded("cleanup", this::cleanup), config.cleanupInterval()));
        if (cluster.isDistributed()) {
            registry.remotePeerFactory((key, member) ->
                    newRemotePeer(member.peerId(), new RemoteTransport(cluster, key, member), member.nodeId()));
            cluster.start(new ClusterLink(this, registry, transfers, out, peers));
        }
    }

    /** A member connected to another node, as this node's networks hold it. */
    Peer newRemotePeer(String id, RemoteTransport transport, String nodeId) {
        long now = clock.millis();
        return new Peer(id, transport, rateLimiter.newConnection(null, now), this, now, nodeId);
    }

    @Override
    public Connection open(Transport transport) {
        if (closed.get()) {
            throw new IllegalStateException("PeerShare engine is closed");
        }
        long now = clock.millis();
        Map<String, List<String>> headers = transport.headers() == null ? Map.of() : transport.headers();
        InetAddress client = addresses.resolve(transport.remoteAddress(), headers);
        Peer peer = new Peer(ids.unguessable(), transport, client, rateLimiter.newConnection(client, now), this, now);
        peers.put(peer.id(), peer);
        if (closed.get()) {
            EngineCall.run(() -> disconnect(peer, CloseCodes.GOING_AWAY, "server shutting down", "shutdown"));
        }
        return peer;
    }

    void receive(Peer peer, String frame) {
        long now = clock.millis();
        peer.seen(now);
        stats.framesReceived.increment();
        if (peer.isClosed()) {
            return;
        }
        if (frame.length() > config.maxFrameSize()) {
            if (admit(peer, EventClass.CONTROL, now, null, null)) {
                out.error(peer, ErrorCode.FRAME_TOO_LARGE, "frame is " + frame.length()
                        + " characters, more than the limit of " + config.maxFrameSize(), null, null, null);
            }
            return;
        }
        InboundFrame inbound;
        try {
            inbound = codec.decode(frame);
        } catch (FrameException e) {
            if (admit(peer, EventClass.CONTROL, now, e.event(), e.requestId())) {
                out.error(peer, e.code(), e.getMessage(), e.event(), e.requestId(), null);
            }
            return;
        }
        Handler handler = handlers.get(inbound.event());
        EventClass eventClass = handler == null ? EventClass.CONTROL : handler.eventClass();
        if (!admit(peer, eventClass, now, inbound.event(), inbound.requestId())) {
            return;
        }
        if (handler == null) {
            out.error(peer, ErrorCode.UNKNOWN_EVENT, "unknown event '" + abbreviate(inbound.event()) + "'",
                    inbound.event(), inbound.requestId(), null);
            return;
        }
        try {
            if (handler.eventClass() == EventClass.TRANSFER && forwardedToTransferOwner(peer, inbound, frame)) {
                return;
            }
            handler.action().handle(peer, inbound, now);
        } catch (Rejection r) {
            out.error(peer, r.code(), r.getMessage(), inbound.event(), inbound.requestId(), r.field());
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "failed to handle " + inbound.event() + " from peer " + peer.id(), e);
            out.error(peer, ErrorCode.INTERNAL_ERROR, "the server failed to handle this event",
                    inbound.event(), inbound.requestId(), null);
        }
    }

    /** Takes a rate-limit token, or answers RATE_LIMITED and, for a client that keeps going, closes it. */
    private boolean admit(Peer peer, EventClass eventClass, long now, String event, JsonValue requestId) {
        if (rateLimiter.tryAcquire(peer.limits(), eventClass, now)) {
            return true;
        }
        stats.rateLimitHits.increment();
        if (rateLimiter.strike(peer.limits(), now)) {
            disconnect(peer, CloseCodes.RATE_LIMIT_ABUSE, "rate limit exceeded", "rateLimitAbuse");
            return false;
        }
        out.error(peer, ErrorCode.RATE_LIMITED, "too many " + eventClass.name().toLowerCase(java.util.Locale.ROOT)
                + " events; slow down", event, requestId, null);
        return false;
    }

    /**
     * A local member's answer to a transfer that another node owns (it was offered the file by a member there)
     * goes to that node, which keeps the transfer's state.
     */
    private boolean forwardedToTransferOwner(Peer peer, InboundFrame inbound, String frame) {
        if (peer.isRemote() || peer.remoteTransferOwners().isEmpty() || inbound.event().equals(Events.INITIATE_TRANSFER)) {
            return false;
        }
        JsonValue id = inbound.data().get("transferId");
        String owner = id instanceof JsonString s ? peer.remoteTransferOwners().get(s.getString()) : null;
        Peer.Membership m = peer.membership();
        if (owner == null || m == null) {
            return false;
        }
        if (!cluster.forward(owner, m.network().key(), peer.id(), frame)) {
            throw new Rejection(ErrorCode.CLUSTER_UNAVAILABLE,
                    "the server holding this transfer cannot be reached right now", "transferId");
        }
        return true;
    }

    private void join(Peer peer, InboundFrame frame, long now) {
        JsonObject data = frame.data();
        String networkName = InputValidator.requiredText(data, "networkName", config.maxNetworkNameLength());
        String userName = InputValidator.requiredText(data, "userName", config.maxUserNameLength());
        String deviceType = InputValidator.deviceType(data, "deviceType");
        JoinRequest request = new JoinRequest(peer.id(), networkName, userName, deviceType, peer.clientAddress(),
                peer.transport().headers() == null ? Map.of() : peer.transport().headers());
        String key = Objects.requireNonNull(resolver.resolve(request), "NetworkResolver returned null");
        AdmissionPolicy.Admission decision = admission.admit(request, key);
        if (!decision.allowed()) {
            throw new Rejection(ErrorCode.JOIN_DENIED, decision.reason());
        }
        List<ClusterMember> clusterMembers = List.of();
        if (cluster.isDistributed()) {
            // The cluster-wide limit; this node's own count is checked again inside the join.
            ClusterMember member = new ClusterMember(peer.id(), cluster.nodeId(), networkName, userName, deviceType);
            clusterMembers = cluster.tryJoin(key, member, config.maxUsersPerNetwork());
            if (clusterMembers == null) {
                throw new Rejection(ErrorCode.NETWORK_FULL,
                        "network '" + networkName + "' is full (" + config.maxUsersPerNetwork() + " users)");
            }
        }
        boolean moved;
        try {
            moved = registry.join(peer, key, networkName, userName, deviceType, welcomeExtras, frame.requestId(),
                    clusterMembers);
        } catch (Rejection r) {
            Peer.Membership current = peer.membership();
            if (cluster.isDistributed() && (current == null || !current.network().key().equals(key))) {
                cluster.memberLeft(key, peer.id()); // give back the place claimed above
            }
            throw r;
        }
        if (moved) {
            transfers.peerLeft(peer);
        }
    }

    private void leave(Peer peer, InboundFrame frame, long now) {
        if (registry.leave(peer)) {
            transfers.peerLeft(peer);
        }
        out.send(peer, Events.LEFT, JsonValue.EMPTY_JSON_OBJECT, frame.requestId());
    }

    /**
     * Forgets a connection: it leaves its network at once and its transfers fail. With a close code the
     * engine also closes the transport (heartbeat timeout, abuse, shutdown); without one the transport
     * reported the close itself. Idempotent.
     */
    void disconnect(Peer peer, int closeCode, String reason, String statReason) {
        if (!peer.markClosed()) {
            return;
        }
        peers.remove(peer.id(), peer);
        registry.disconnect(peer);
        transfers.peerLeft(peer);
        if (statReason != null) {
            stats.closed(statReason);
            try {
                peer.transport().close(closeCode, reason);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "transport of peer " + peer.id() + " failed to close", e);
            }
        }
    }

    /** Heartbeat and transfer-request timeouts. Scheduler thread. */
    private void sweep() {
        long now = clock.millis();
        long timeout = config.heartbeatTimeout().toMillis();
        for (Peer peer : peers.values()) {
            if (now - peer.lastSeenMillis() > timeout) {
                disconnect(peer, CloseCodes.HEARTBEAT_TIMEOUT, "heartbeat timeout", "heartbeatTimeout");
            }
        }
        transfers.expire(now);
    }

    /** Expired history, empty networks, idle rate-limit state. Scheduler thread. */
    private void cleanup() {
        registry.purge(clock.instant());
        rateLimiter.purgeIdle(clock.millis());
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

    @Override
    public PeerShareStats stats() {
        long now = clock.millis();
        int users = 0;
        for (Peer peer : peers.values()) {
            if (peer.membership() != null) {
                users++;
            }
        }
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return new PeerShareStats(
                startedAt,
                Duration.ofMillis(Math.max(0, now - startedAt.toEpochMilli())),
                peers.size(),
                users,
                registry.size(),
                stats.messages.sum(),
                stats.messagesPerMinute.lastMinute(now),
                store.size(),
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
                heap.getUsed(),
                heap.getMax() >= 0 ? heap.getMax() : heap.getCommitted());
    }

    @Override
    public PeerShareConfig config() {
        return config;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        tasks.forEach(Cancellable::cancel);
        EngineCall.run(() -> {
            for (Peer peer : peers.values()) {
                disconnect(peer, CloseCodes.GOING_AWAY, "server shutting down", "shutdown");
            }
        });
        if (ownedScheduler != null) {
            try {
                ownedScheduler.close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "scheduler failed to stop", e);
            }
        }
    }

    /** The peer's membership, or NOT_IN_NETWORK. */
    static Peer.Membership requireMembership(Peer peer) {
        Peer.Membership m = peer.membership();
        if (m == null) {
            throw new Rejection(ErrorCode.NOT_IN_NETWORK, "join a network first");
        }
        return m;
    }

    /**
     * The member of {@code network} with id {@code to}. A peer in another network gets the same answer as
     * one that does not exist, so networks cannot be probed. Caller holds the network's monitor.
     */
    static Peer requireMember(Network network, Peer from, String to) {
        if (to.equals(from.id())) {
            throw new Rejection(ErrorCode.CANNOT_TARGET_SELF, "you cannot target yourself", "to");
        }
        if (network.member(from.id()) != from) {
            throw new Rejection(ErrorCode.NOT_IN_NETWORK, "join a network first");
        }
        Peer target = network.member(to);
        if (target == null) {
            throw new Rejection(ErrorCode.PEER_NOT_FOUND, "no peer '" + abbreviate(to) + "' in your network", "to");
        }
        return target;
    }

    private static String abbreviate(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "...";
    }
}
