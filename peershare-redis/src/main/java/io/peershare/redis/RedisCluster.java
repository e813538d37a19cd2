package io.peershare.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import io.peershare.spi.Cluster;
import io.peershare.spi.ClusterListener;
import io.peershare.spi.ClusterMember;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A PeerShare cluster on Redis: nodes behind a load balancer act as one server.
 *
 * <ul>
 *   <li><b>Presence.</b> {@code peershare:members:<network>} is a hash of the network's members (on every
 *       node); joins and leaves are also published on {@code peershare:net:<network>}, to which a node is
 *       subscribed only while it has members in that network.</li>
 *   <li><b>Liveness.</b> Every node refreshes {@code peershare:alive:<node>} every {@link #HEARTBEAT} with a
 *       time to live of {@link #ALIVE_TTL}; every node checks the networks it tracks every {@link #HEARTBEAT}
 *       and removes the members of nodes whose key expired. A node that dies without a goodbye therefore
 *       disappears from everyone's peer list within {@code ALIVE_TTL + HEARTBEAT} (13 s).</li>
 *   <li><b>Delivery.</b> A frame for a member on another node is published on that node's channel
 *       {@code peershare:node:<node>}; the node hands it over only if the member is still in that network.</li>
 *   <li><b>Outage.</b> Commands are rejected at once while Redis is unreachable (no unbounded queue); local
 *       members keep working with each other. When Redis answers again, the node publishes its members again
 *       and re-reads the members of every network it tracks, so peer lists converge without reconnecting.</li>
 * </ul>
 *
 * <p>Threading: {@link ClusterListener} callbacks run on Lettuce's event loop (published messages) and on
 * this cluster's own scheduler thread (liveness, recovery). Methods the engine calls under its locks only
 * queue asynchronous commands.
 */
public final class RedisCluster implements Cluster {

    /** How often a node proves it is alive and checks for dead nodes. */
    public static final Duration HEARTBEAT = Duration.ofSeconds(3);
    /** How long a node counts as alive after its last heartbeat. */
    public static final Duration ALIVE_TTL = Duration.ofSeconds(10);

    private static final System.Logger LOG = System.getLogger(RedisCluster.class.getName());
    private static final String PREFIX = "peershare:";
    // Claims a place for a member unless the network is full (a member already there may update itself) and
    // returns every member after the claim; false (nil) when full.
    private static final String TRY_JOIN = """
            if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 and redis.call('HLEN', KEYS[1]) >= tonumber(ARGV[3]) then
              return false
            end
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
            return redis.call('HVALS', KEYS[1])
            """;

    private final String nodeId;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final RedisAsyncCommands<String, String> redis;
    private final StatefulRedisPubSubConnection<String, String> pubSub;
    private final ScheduledExecutorService ticker;
    /** Local members by network key: the networks this node tracks. */
    private final Map<String, Set<String>> localByNetwork = new ConcurrentHashMap<>();
    private volatile ClusterListener listener;
    private volatile boolean redisUp = true;
    /** When Redis last became reachable; dead-node checks wait until every live node had a heartbeat since. */
    private volatile long upSinceNanos = System.nanoTime();
    private volatile boolean closed;

    private RedisCluster(String nodeId, RedisClient client) {
        this.nodeId = nodeId;
        this.client = client;
        this.connection = client.connect();
        this.redis = connection.async();
        this.pubSub = client.connectPubSub();
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "peershare-redis-" + nodeId);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Connects to Redis.
     *
     * @param redisUrl e.g. {@code redis://localhost:6379}
     * @param nodeId   this node's id, or {@code null} for a random one
     * @throws io.lettuce.core.RedisConnectionException if Redis cannot be reached now
     */
    public static RedisCluster connect(String redisUrl, String nodeId) {
        RedisClient client = newClient(redisUrl);
        try {
            return new RedisCluster(nodeId == null || nodeId.isBlank() ? randomNodeId() : nodeId, client);
        } catch (RuntimeException e) {
            shutdown(client);
            throw e;
        }
    }

    /**
     * A client that reconnects every half second while Redis is away (Lettuce's default backoff grows to 30 s,
     * which would keep a node out of the cluster long after Redis returned).
     */
    static RedisClient newClient(String redisUrl) {
        ClientResources resources = DefaultClientResources.builder()
                .reconnectDelay(Delay.constant(Duration.ofMillis(500)))
                .build();
        RedisClient client = RedisClient.create(resources, RedisURI.create(redisUrl));
        client.setOptions(clientOptions());
        return client;
    }

    /** Closes a client made by {@link #newClient}, with the resources it owns. */
    static void shutdown(RedisClient client) {
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        client.getResources().shutdown(0, 2, TimeUnit.SECONDS);
    }

    /** The client settings both connections share; also used by {@link RedisMessageStore}. */
    static ClientOptions clientOptions() {
        return ClientOptions.builder()
                .autoReconnect(true)
                // Fail fast while Redis is away rather than queueing every frame in memory.
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .requestQueueSize(100_000)
                .timeoutOptions(TimeoutOptions.enabled(Duration.ofSeconds(2)))
                .build();
    }

    private static String randomNodeId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    @Override
    public String nodeId() {
        return nodeId;
    }

    @Override
    public void start(ClusterListener value) {
        listener = Objects.requireNonNull(value);
        pubSub.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                onMessage(channel, message);
            }
        });
        pubSub.sync().subscribe(nodeChannel(nodeId));
        heartbeat();
        ticker.scheduleWithFixedDelay(this::tick, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
    }

    // ---- what the engine calls ----

    @Override
    public List<ClusterMember> tryJoin(String networkKey, ClusterMember member, int maxUsers) {
        try {
            List<Object> members = connection.sync().eval(TRY_JOIN, ScriptOutputType.MULTI,
                    new String[] {membersKey(networkKey)},
                    member.peerId(), ClusterMessages.member(member), Integer.toString(maxUsers));
            if (members == null) {
                return null;
            }
            List<ClusterMember> result = new ArrayList<>(members.size());
            for (Object json : members) {
                result.add(ClusterMessages.member(ClusterMessages.parse(String.valueOf(json))));
            }
            return result;
        } catch (RuntimeException e) {
            markDown(e);
            return List.of(); // degraded: the node's own limit and members still apply
        }
    }

    @Override
    public void memberJoined(String networkKey, ClusterMember member) {
        // Calls for one network come under that network's monitor in the engine, so they do not race here.
        Set<String> locals = localByNetwork.computeIfAbsent(networkKey, k -> ConcurrentHashMap.newKeySet());
        boolean firstHere = locals.isEmpty();
        locals.add(member.peerId());
        if (firstHere) {
            track(networkKey);
        }
        quietly(() -> redis.hset(membersKey(networkKey), member.peerId(), ClusterMessages.member(member)));
        quietly(() -> redis.publish(netChannel(networkKey), ClusterMessages.joined(nodeId, member)));
    }

    @Override
    public void memberLeft(String networkKey, String peerId) {
        Set<String> locals = localByNetwork.get(networkKey);
        if (locals != null && locals.remove(peerId) && locals.isEmpty()) {
            localByNetwork.remove(networkKey, locals);
            quietly(() -> pubSub.async().unsubscribe(netChannel(networkKey)));
        }
        quietly(() -> redis.hdel(membersKey(networkKey), peerId));
        quietly(() -> redis.publish(netChannel(networkKey), ClusterMessages.left(nodeId, peerId, false)));
    }

    @Override
    public boolean sendTo(ClusterMember target, String networkKey, String frame) {
        if (!connection.isOpen()) {
            return false;
        }
        quietly(() -> redis.publish(nodeChannel(target.nodeId()),
                ClusterMessages.deliver(nodeId, networkKey, target.peerId(), frame)));
        return true;
    }

    @Override
    public boolean forward(String ownerNode, String networkKey, String fromPeerId, String frame) {
        if (!connection.isOpen() || !redisUp) {
            return false;
        }
        quietly(() -> redis.publish(nodeChannel(ownerNode),
                ClusterMessages.forward(nodeId, networkKey, fromPeerId, frame)));
        return true;
    }

    @Override
    public Map<String, String> health() {
        return Map.of("redis", isRedisUp() ? "up" : "down", "nodeId", nodeId);
    }

    /** Whether Redis answered the last heartbeat. */
    public boolean isRedisUp() {
        return redisUp && connection.isOpen();
    }

    // ---- tracking a network: subscribe first, then read, so no join falls between the two ----

    private void track(String networkKey) {
        quietly(() -> pubSub.async().subscribe(netChannel(networkKey))
                .thenCompose(ignored -> redis.hgetall(membersKey(networkKey)))
                .thenAccept(members -> {
                    for (ClusterMember m : ClusterMessages.members(members)) {
                        if (!m.nodeId().equals(nodeId)) {
                            listener.remoteJoined(networkKey, m);
                        }
                    }
                }));
    }

    private void onMessage(String channel, String message) {
        ClusterListener l = listener;
        if (l == null) {
            return;
        }
        try {
            ClusterMessages.dispatch(message, nodeId, channel.startsWith(PREFIX + "net:")
                    ? channel.substring((PREFIX + "net:").length()) : null, l);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "ignored a malformed cluster message on " + channel, e);
        }
    }

    // ---- liveness, dead nodes and recovery: the ticker thread ----

    private void tick() {
        if (closed) {
            return;
        }
        boolean wasDown = !redisUp;
        Boolean hadAliveKey = heartbeat();
        if (hadAliveKey == null) {
            return;
        }
        // Our own alive key missing means Redis lost its data (a restart), even if no command of ours failed.
        if (wasDown || !hadAliveKey) {
            recover();
            // Every live node republishes within one heartbeat of Redis's return; only then is what is
            // missing from Redis really gone.
            ticker.schedule(this::resyncAll, HEARTBEAT.toMillis() + 1000, TimeUnit.MILLISECONDS);
        }
        reconcile();
    }

    /** Refreshes this node's alive key: whether it was still there, or {@code null} when Redis did not answer. */
    private Boolean heartbeat() {
        try {
            String previous = connection.sync().setGet(aliveKey(nodeId), "1", SetArgs.Builder.px(ALIVE_TTL.toMillis()));
            if (!redisUp || previous == null) {
                LOG.log(Level.INFO, "Redis is reachable; node " + nodeId + " publishes its members");
                upSinceNanos = System.nanoTime();
            }
            redisUp = true;
            return previous != null;
        } catch (RuntimeException e) {
            markDown(e);
            return null;
        }
    }

    /** After an outage (Redis may have lost everything): publish our members again. */
    private void recover() {
        try {
            Map<String, List<ClusterMember>> locals = listener.localMembers();
            for (Map.Entry<String, List<ClusterMember>> e : locals.entrySet()) {
                Set<String> ids = localByNetwork.computeIfAbsent(e.getKey(), k -> ConcurrentHashMap.newKeySet());
                pubSub.sync().subscribe(netChannel(e.getKey()));
                for (ClusterMember m : e.getValue()) {
                    ids.add(m.peerId());
                    connection.sync().hset(membersKey(e.getKey()), m.peerId(), ClusterMessages.member(m));
                    connection.sync().publish(netChannel(e.getKey()), ClusterMessages.joined(nodeId, m));
                }
            }
        } catch (RuntimeException e) {
            markDown(e);
        }
    }

    /** Makes this node's view of every tracked network exactly what Redis holds. */
    private void resyncAll() {
        try {
            for (String networkKey : new ArrayList<>(localByNetwork.keySet())) {
                listener.resync(networkKey, ClusterMessages.members(connection.sync().hgetall(membersKey(networkKey))));
            }
        } catch (RuntimeException e) {
            markDown(e);
        }
    }

    /**
     * Every heartbeat: members of dead nodes are removed, and members a node missed (a message lost while it
     * was reconnecting) are added. Both are idempotent.
     */
    private void reconcile() {
        ClusterListener l = listener;
        // A Redis that just came back (maybe empty) has no alive keys until each node's next heartbeat.
        boolean judgeLiveness = System.nanoTime() - upSinceNanos > HEARTBEAT.toNanos() + 1_000_000_000L;
        Map<String, Boolean> alive = new HashMap<>();
        for (String networkKey : new ArrayList<>(localByNetwork.keySet())) {
            try {
                List<ClusterMember> members = ClusterMessages.members(connection.sync().hgetall(membersKey(networkKey)));
                Set<String> dead = new HashSet<>();
                for (ClusterMember m : members) {
                    if (m.nodeId().equals(nodeId)) {
                        continue;
                    }
                    boolean up = !judgeLiveness
                            || alive.computeIfAbsent(m.nodeId(), n -> connection.sync().exists(aliveKey(n)) > 0);
                    if (up) {
                        l.remoteJoined(networkKey, m);
                    } else {
                        dead.add(m.peerId());
                    }
                }
                for (String peerId : dead) {
                    if (connection.sync().hdel(membersKey(networkKey), peerId) > 0) {
                        connection.sync().publish(netChannel(networkKey), ClusterMessages.left(nodeId, peerId, true));
                    }
                    l.remoteLeft(networkKey, peerId, true);
                }
            } catch (RuntimeException e) {
                markDown(e);
                return;
            }
        }
    }

    private void markDown(Throwable e) {
        if (redisUp) {
            LOG.log(Level.WARNING, "Redis unreachable (" + e.getMessage() + "); node " + nodeId
                    + " serves its own members only until it returns");
        }
        redisUp = false;
    }

    /** Runs an asynchronous command without waiting; a failure (now or later) only marks Redis down. */
    private void quietly(Supplier<? extends CompletionStage<?>> command) {
        if (closed) {
            return;
        }
        try {
            command.get().exceptionally(e -> {
                markDown(e);
                return null;
            });
        } catch (RuntimeException e) {
            markDown(e);
        }
    }

    /** Stops talking to Redis without a goodbye, as a crashed node would. For tests of node death. */
    void abandon() {
        closed = true;
        ticker.shutdownNow();
        pubSub.close();
        connection.close();
        shutdown(client);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        ticker.shutdownNow();
        try {
            connection.sync().del(aliveKey(nodeId));
        } catch (RuntimeException e) {
            // Redis is away; the key expires by itself
        }
        pubSub.close();
        connection.close();
        shutdown(client);
    }

    static String membersKey(String networkKey) {
        return PREFIX + "members:" + networkKey;
    }

    static String netChannel(String networkKey) {
        return PREFIX + "net:" + networkKey;
    }

    static String nodeChannel(String node) {
        return PREFIX + "node:" + node;
    }

    static String aliveKey(String node) {
        return PREFIX + "alive:" + node;
    }
}
