package io.peershare.redis;

import static io.peershare.redis.ClusterRedis.await;

import io.peershare.defaults.ExecutorScheduler;
import io.peershare.model.ClusterMember;
import io.peershare.model.ParkedMember;
import io.peershare.spi.Cancellable;
import io.peershare.spi.Cluster;
import io.peershare.spi.ClusterListener;
import io.peershare.spi.Scheduler;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A PeerShare cluster on Redis: nodes behind a load balancer act as one server.
 *
 * <pre>{@code
 * RedisCluster cluster = RedisCluster.connect("redis://localhost:6379", "node-a");
 * PeerShare engine = PeerShare.builder().cluster(cluster).build();
 * }</pre>
 *
 * <p>This class wires four package-private parts, each in its own file:
 * <ul>
 *   <li>{@code RedisPresence}: who is in which network, cluster-wide (a hash per network, joins and leaves
 *       published on the network's channel), the cluster-wide user limit, republishing after an outage.</li>
 *   <li>{@code RedisLiveness}: every {@link #HEARTBEAT} this node refreshes its alive key (time to live
 *       {@link #ALIVE_TTL}) and removes the members of nodes whose key expired, so a node that dies without a
 *       goodbye disappears from everyone's peer list within {@code ALIVE_TTL + HEARTBEAT} (13 s). It also
 *       notices Redis going away and coming back, maybe empty, and then has presence republish and resync.</li>
 *   <li>{@code RedisDelivery}: frames for members on other nodes, and which node owns a transfer, published on
 *       the target node's channel.</li>
 *   <li>{@code RedisStatus}: whether Redis answers. While it does not, commands fail at once (no unbounded
 *       queue) and each node serves its own members.</li>
 * </ul>
 *
 * <p>Threading: the engine's calls queue asynchronous commands and return, except {@link #tryJoin}, which waits
 * for Redis at most its command timeout. {@link ClusterListener} callbacks run on Lettuce's event loop
 * (published messages) and on the scheduler's thread (liveness, recovery). The scheduler runs one task, every
 * {@link #HEARTBEAT}, that may wait for Redis; a scheduler shared with the engine is delayed by it.
 */
public final class RedisCluster implements Cluster {

    /** How often a node proves it is alive and checks for dead nodes. */
    public static final Duration HEARTBEAT = Duration.ofSeconds(3);
    /** How long a node counts as alive after its last heartbeat. */
    public static final Duration ALIVE_TTL = Duration.ofSeconds(10);

    private static final System.Logger LOG = System.getLogger(RedisCluster.class.getName());

    private final String nodeId;
    private final ClusterRedis redis;
    private final Scheduler scheduler;
    /** The default scheduler, made for this cluster and stopped with it; {@code null} when one was given. */
    private final ExecutorScheduler ownedScheduler;
    private final RedisStatus status;
    private final RedisPresence presence;
    private final RedisDelivery delivery;
    private final RedisLiveness liveness;
    private volatile ClusterListener listener;
    private volatile Cancellable heartbeats;

    RedisCluster(String nodeId, ClusterRedis redis, Clock clock, Scheduler scheduler, ExecutorScheduler ownedScheduler) {
        this.nodeId = nodeId;
        this.redis = redis;
        this.scheduler = scheduler;
        this.ownedScheduler = ownedScheduler;
        this.status = new RedisStatus(nodeId);
        this.presence = new RedisPresence(nodeId, redis, status);
        this.delivery = new RedisDelivery(nodeId, redis, status);
        this.liveness = new RedisLiveness(nodeId, redis, status, presence, clock);
    }

    /**
     * Connects to Redis with the system clock and a scheduler thread of the cluster's own.
     *
     * @param redisUrl e.g. {@code redis://localhost:6379}
     * @param nodeId   this node's id, or {@code null} (or blank) for a random one
     * @throws io.lettuce.core.RedisConnectionException if Redis cannot be reached now
     */
    public static RedisCluster connect(String redisUrl, String nodeId) {
        Builder builder = builder(redisUrl);
        if (nodeId != null && !nodeId.isBlank()) {
            builder.nodeId(nodeId);
        }
        return builder.connect();
    }

    /**
     * Starts building a cluster on the Redis at {@code redisUrl}, e.g.
     * {@code RedisCluster.builder("redis://localhost:6379").nodeId("node-a").clock(clock).scheduler(scheduler).connect()}.
     */
    public static Builder builder(String redisUrl) {
        return new Builder(RedisTarget.of(redisUrl));
    }

    /** Starts building a cluster on {@code target}, for example the host application's Lettuce resources. */
    public static Builder builder(RedisTarget target) {
        return new Builder(target);
    }

    /** Connects a {@link RedisCluster}; every setting has a default. */
    public static final class Builder {
        private final RedisTarget target;
        private String nodeId;
        private Clock clock = Clock.systemUTC();
        private Scheduler scheduler;

        private Builder(RedisTarget target) {
            this.target = Objects.requireNonNull(target, "target");
        }

        /** This node's id, unique in the cluster; default a random one. */
        public Builder nodeId(String value) {
            if (Objects.requireNonNull(value, "nodeId").isBlank()) {
                throw new IllegalArgumentException("nodeId must not be blank");
            }
            nodeId = value;
            return this;
        }

        /** Where liveness takes time from; default the system UTC clock. */
        public Builder clock(Clock value) { clock = Objects.requireNonNull(value, "clock"); return this; }

        /**
         * Runs the heartbeat; default one daemon thread owned (and stopped) by the cluster. A scheduler passed
         * here is not stopped by the cluster.
         */
        public Builder scheduler(Scheduler value) { scheduler = Objects.requireNonNull(value, "scheduler"); return this; }

        /** @throws io.lettuce.core.RedisConnectionException if Redis cannot be reached now */
        public RedisCluster connect() {
            ClusterRedis redis = LettuceClusterRedis.connect(target);
            ExecutorScheduler owned = scheduler == null ? new ExecutorScheduler() : null;
            String id = nodeId != null ? nodeId : UUID.randomUUID().toString().substring(0, 8);
            return new RedisCluster(id, redis, clock, owned != null ? owned : scheduler, owned);
        }
    }

    @Override
    public String nodeId() {
        return nodeId;
    }

    @Override
    public void start(ClusterListener value) {
        listener = Objects.requireNonNull(value);
        presence.start(value);
        liveness.reportReachability(value::reachable);
        await(redis.listen(nodeId, this::received));
        liveness.heartbeat();
        heartbeats = scheduler.scheduleAtFixedRate(liveness::tick, HEARTBEAT);
    }

    @Override
    public List<ClusterMember> tryJoin(String networkKey, ClusterMember member, int maxUsers) {
        return presence.tryJoin(networkKey, member, maxUsers);
    }

    @Override
    public void memberJoined(String networkKey, ClusterMember member) {
        presence.memberJoined(networkKey, member);
    }

    @Override
    public void memberLeft(String networkKey, String peerId) {
        presence.memberLeft(networkKey, peerId);
    }

    @Override
    public void memberMoved(String networkKey, String peerId) {
        presence.memberMoved(networkKey, peerId);
    }

    @Override
    public void park(String tokenHash, ParkedMember parked, Duration ttl) {
        status.quietly(() -> redis.park(tokenHash, ClusterMessages.parked(parked), ttl));
    }

    @Override
    public void repark(String tokenHash, ParkedMember parked, Duration ttl) {
        status.quietly(() -> redis.repark(tokenHash, ClusterMessages.parked(parked), ttl));
    }

    @Override
    public void unpark(String tokenHash) {
        status.quietly(() -> redis.unpark(tokenHash));
    }

    @Override
    public ParkedMember takeParked(String tokenHash) {
        try {
            String record = ClusterRedis.await(redis.takeParked(tokenHash));
            return record == null ? null : ClusterMessages.parked(record);
        } catch (RuntimeException e) {
            status.markDown(e);
            throw e;
        }
    }

    @Override
    public boolean sendTo(ClusterMember target, String networkKey, String frame) {
        return delivery.sendTo(target, networkKey, frame);
    }

    @Override
    public void transferOpened(ClusterMember receiver, String networkKey, String transferId) {
        delivery.transferOpened(receiver, networkKey, transferId);
    }

    @Override
    public void transferEnded(ClusterMember receiver, String networkKey, String transferId) {
        delivery.transferEnded(receiver, networkKey, transferId);
    }

    @Override
    public boolean forward(String ownerNode, String networkKey, String fromPeerId, String frame) {
        return delivery.forward(ownerNode, networkKey, fromPeerId, frame);
    }

    @Override
    public Map<String, String> health() {
        return Map.of("redis", isRedisUp() ? "up" : "down", "nodeId", nodeId);
    }

    /**
     * How long Redis took to answer this node's last heartbeat (every {@link #HEARTBEAT}), in nanoseconds; -1 before
     * the first answer. For metrics.
     */
    public long lastRoundTripNanos() {
        return liveness.lastRoundTripNanos();
    }

    /** Whether Redis answered the last heartbeat and no command failed since. */
    public boolean isRedisUp() {
        return status.isUp() && redis.isOpen();
    }

    /** Runs on Lettuce's event loop. */
    private void received(String networkKey, String message) {
        ClusterListener l = listener;
        try {
            ClusterMessages.dispatch(message, nodeId, networkKey, l);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "ignored a malformed cluster message"
                    + (networkKey == null ? "" : " in network " + networkKey), e);
        }
    }

    /** Says goodbye (deletes this node's alive key) and disconnects. Idempotent. */
    @Override
    public void close() {
        if (stop()) {
            try {
                await(redis.removeAlive(nodeId));
            } catch (RuntimeException e) {
                // Redis is away; the key expires by itself
            }
            redis.close();
        }
    }

    /** Stops talking to Redis without a goodbye, as a crashed node would. For tests of node death. */
    void abandon() {
        if (stop()) {
            redis.close();
        }
    }

    private boolean stop() {
        if (!status.close()) {
            return false;
        }
        Cancellable h = heartbeats;
        if (h != null) {
            h.cancel();
        }
        if (ownedScheduler != null) {
            ownedScheduler.close();
        }
        return true;
    }
}
