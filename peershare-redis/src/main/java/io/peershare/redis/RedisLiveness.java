package io.peershare.redis;

import static io.peershare.redis.ClusterRedis.await;
import static io.peershare.redis.RedisCluster.ALIVE_TTL;
import static io.peershare.redis.RedisCluster.HEARTBEAT;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Which nodes are alive, and whether Redis is. Every {@link RedisCluster#HEARTBEAT} ({@link #tick}) this node
 * refreshes its alive key (time to live {@link RedisCluster#ALIVE_TTL}) and has {@link RedisPresence} remove
 * the members of nodes whose key expired: a node that dies without a goodbye is gone from every peer list
 * within {@code ALIVE_TTL + HEARTBEAT}.
 *
 * <p>The heartbeat also notices Redis: no answer marks it down; an answer after that, or our own alive key
 * missing (Redis restarted empty between two heartbeats, although no command of ours failed), means Redis is
 * back and may have lost everything, so this node publishes its members again at once. Every other live node
 * does the same within one heartbeat, so only {@link #SETTLE} later does a missing alive key or member say
 * something: on the first tick past it (two heartbeats after the return), dead nodes are judged again and
 * then every tracked network is read back whole ({@link RedisPresence#resyncAll}). That resync is a deadline
 * checked on ticks rather than a task of its own, so all of liveness is one task, which never runs
 * concurrently with itself on any scheduler.
 *
 * <p>Threading: {@link #tick} runs on the scheduler thread and may wait for Redis (each command at most its
 * timeout); {@link #heartbeat} also runs once on the thread that starts the cluster, before the first tick.
 * Time comes only from the injected clock.
 */
final class RedisLiveness {

    /** How long after Redis returned every live node has surely had a heartbeat (plus Lettuce's reconnect). */
    static final Duration SETTLE = HEARTBEAT.plusSeconds(1);

    private static final System.Logger LOG = System.getLogger(RedisLiveness.class.getName());

    private final String nodeId;
    private final ClusterRedis redis;
    private final RedisStatus status;
    private final RedisPresence presence;
    private final Clock clock;
    /** How long the last heartbeat took to be answered, or -1 before the first. */
    private volatile long lastRoundTripNanos = -1;
    /** When Redis last became reachable (or started answering without our alive key). */
    private volatile Instant upSince;
    /** Redis returned and the tracked networks have not been read back since. */
    private volatile boolean resyncDue;
    /** Whether the engine was last told the other nodes are reachable; changed on ticks only. */
    private boolean reportedReachable = true;
    private volatile java.util.function.Consumer<Boolean> reachability = reachable -> { };

    RedisLiveness(String nodeId, ClusterRedis redis, RedisStatus status, RedisPresence presence, Clock clock) {
        this.nodeId = nodeId;
        this.redis = redis;
        this.status = status;
        this.presence = presence;
        this.clock = clock;
        this.upSince = clock.instant();
    }

    /**
     * Who hears that the other nodes became unreachable or reachable again: told on the scheduler thread, never from
     * inside an engine call, at the first tick after the change.
     */
    void reportReachability(java.util.function.Consumer<Boolean> value) {
        reachability = value;
    }

    /** One heartbeat; an exception ends here so that the next one still runs. */
    void tick() {
        if (status.isClosed()) {
            return;
        }
        try {
            beat();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "liveness check failed on node " + nodeId, e);
        }
        boolean reachable = status.isUp();
        if (reachable != reportedReachable) {
            reportedReachable = reachable;
            reachability.accept(reachable);
        }
    }

    private void beat() {
        boolean wasDown = !status.isUp();
        Boolean hadAliveKey = heartbeat();
        if (hadAliveKey == null) {
            return;
        }
        if (wasDown || !hadAliveKey) {
            presence.republish();
            resyncDue = true;
            if (!status.isUp()) {
                return;
            }
        }
        boolean settled = clock.instant().isAfter(upSince.plus(SETTLE));
        // Until settled, a missing alive key may only mean that node has not had its heartbeat yet.
        presence.reconcile(settled ? aliveNodes() : node -> true);
        if (settled && resyncDue && status.isUp()) {
            resyncDue = false;
            presence.resyncAll();
        }
    }

    /** How long Redis took to answer the last heartbeat, in nanoseconds; -1 before the first answer. */
    long lastRoundTripNanos() {
        return lastRoundTripNanos;
    }

    /** Refreshes this node's alive key: whether it was still there, or {@code null} when Redis did not answer. */
    Boolean heartbeat() {
        try {
            long sent = System.nanoTime();
            boolean hadAliveKey = await(redis.refreshAlive(nodeId, ALIVE_TTL));
            lastRoundTripNanos = System.nanoTime() - sent; // a duration for the metrics, not a time for the logic
            if (!status.isUp() || !hadAliveKey) {
                LOG.log(Level.INFO, "Redis is reachable; node " + nodeId + " publishes its members");
                upSince = clock.instant();
            }
            status.markUp();
            return hadAliveKey;
        } catch (RuntimeException e) {
            status.markDown(e);
            return null;
        }
    }

    /** Whether a node's alive key exists, asking Redis once per node and tick. */
    private Predicate<String> aliveNodes() {
        Map<String, Boolean> known = new HashMap<>();
        return node -> known.computeIfAbsent(node, n -> await(redis.isAlive(n)));
    }
}
