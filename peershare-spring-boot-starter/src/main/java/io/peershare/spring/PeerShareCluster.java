package io.peershare.spring;

import io.peershare.PeerShare;
import io.peershare.PeerShareConfig;
import io.peershare.redis.RedisCluster;
import io.peershare.redis.RedisMessageStore;
import io.peershare.redis.RedisTarget;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * This application as one node of a PeerShare cluster: the engine's {@link RedisCluster} and the history every
 * node shares. Closed by {@link PeerShareLifecycle} after the engine, so that its members' goodbyes go out first.
 */
final class PeerShareCluster implements AutoCloseable {

    private final RedisTarget target;
    private final RedisCluster cluster;
    private final RedisMessageStore history;

    private PeerShareCluster(RedisTarget target, RedisCluster cluster, RedisMessageStore history) {
        this.target = target;
        this.cluster = cluster;
        this.history = history;
    }

    /** @throws IllegalStateException naming the Redis when it cannot be reached now */
    static PeerShareCluster connect(RedisTarget target, String nodeId, PeerShareConfig config) {
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
            return new PeerShareCluster(target, cluster, RedisMessageStore.connect(target,
                    config.maxHistoryMessages(), config.maxSystemMessages(), config.messageRetention()));
        } catch (RuntimeException e) {
            cluster.close();
            throw unreachable(target, e);
        }
    }

    private static IllegalStateException unreachable(RedisTarget target, RuntimeException cause) {
        return new IllegalStateException("PeerShare cannot reach Redis at " + target + " (peershare.redis): "
                + cause.getMessage(), cause);
    }

    /** The cluster, and the shared history unless the application defined a message store of its own. */
    PeerShare.Builder apply(PeerShare.Builder engine, boolean ownMessageStore) {
        engine.cluster(cluster);
        return ownMessageStore ? engine : engine.messageStore(history);
    }

    RedisCluster redis() {
        return cluster;
    }

    /** For the health contributor: the mode, this node's id, whether Redis answers, and which Redis. */
    Map<String, Object> health() {
        Map<String, Object> health = new LinkedHashMap<>();
        health.put("mode", "redis-cluster");
        health.putAll(cluster.health());
        health.put("address", target.toString());
        return health;
    }

    @Override
    public void close() {
        cluster.close();
        history.close();
    }
}
