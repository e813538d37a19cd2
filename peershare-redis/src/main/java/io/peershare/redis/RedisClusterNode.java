package io.peershare.redis;

import io.peershare.PeerShare;
import io.peershare.config.PeerShareConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * This process as one node of a PeerShare cluster on Redis: the engine's {@link RedisCluster} and the history every
 * node shares ({@link RedisMessageStore}, sized by the engine's history settings), connected and closed together.
 * The reference server, its WAR and the Spring Boot starter all join a cluster through this.
 *
 * <pre>{@code
 * RedisClusterNode node = RedisClusterNode.connect(RedisTarget.of("redis://localhost:6379"), "node-a", config);
 * PeerShare engine = node.apply(PeerShare.builder().config(config)).build();
 * // on shutdown: engine.close(); node.close();
 * }</pre>
 */
public final class RedisClusterNode implements AutoCloseable {

    private final RedisTarget target;
    private final RedisCluster cluster;
    private final RedisMessageStore history;

    private RedisClusterNode(RedisTarget target, RedisCluster cluster, RedisMessageStore history) {
        this.target = target;
        this.cluster = cluster;
        this.history = history;
    }

    /**
     * @param nodeId this node's id in the cluster, or {@code null} (or blank) for a random one
     * @param engine the engine's settings, whose history limits the shared history keeps
     * @throws IllegalStateException naming the Redis (without credentials) when it cannot be reached now
     */
    public static RedisClusterNode connect(RedisTarget target, String nodeId, PeerShareConfig engine) {
        Objects.requireNonNull(engine, "engine");
        RedisCluster cluster;
        try {
            RedisCluster.Builder builder = RedisCluster.builder(target);
            if (nodeId != null && !nodeId.isBlank()) {
                builder.nodeId(nodeId);
            }
            cluster = builder.connect();
        } catch (RuntimeException e) {
            throw unreachable(target, e);
        }
        try {
            return new RedisClusterNode(target, cluster, RedisMessageStore.connect(target,
                    engine.maxHistoryMessages(), engine.maxSystemMessages(), engine.messageRetention()));
        } catch (RuntimeException e) {
            cluster.close();
            throw unreachable(target, e);
        }
    }

    private static IllegalStateException unreachable(RedisTarget target, RuntimeException cause) {
        return new IllegalStateException("cannot reach Redis at " + target + ": " + cause.getMessage(), cause);
    }

    /**
     * The engine in this cluster, with the shared history as its message store. A host with a message store of its
     * own sets it after this.
     */
    public PeerShare.Builder apply(PeerShare.Builder engine) {
        return engine.cluster(cluster).messageStore(history);
    }

    public RedisCluster cluster() {
        return cluster;
    }

    /** Which Redis, printed without credentials. */
    public RedisTarget target() {
        return target;
    }

    /**
     * For health endpoints: {@code mode} ({@code redis-cluster}) first, then whether {@code redis} answers and this
     * node's {@code nodeId}. Not the address: a public {@code /health} should not tell it.
     */
    public Map<String, String> health() {
        Map<String, String> health = new LinkedHashMap<>();
        health.put("mode", "redis-cluster");
        health.putAll(cluster.health());
        return health;
    }

    /** Call after the engine closed, so that its members' goodbyes went out first. */
    @Override
    public void close() {
        cluster.close();
        history.close();
    }
}
