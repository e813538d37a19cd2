package io.peershare.server;

import io.peershare.PeerShare;
import io.peershare.redis.RedisCluster;
import io.peershare.redis.RedisMessageStore;
import io.peershare.spi.Cluster;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Single node, or one node of a Redis cluster when {@code REDIS_URL} is set: the engine's cluster and
 * history store, and what {@code /health} says about them.
 */
final class ClusterSetup implements AutoCloseable {

    private final RedisCluster redis;
    private final RedisMessageStore history;

    private ClusterSetup(RedisCluster redis, RedisMessageStore history) {
        this.redis = redis;
        this.history = history;
    }

    static ClusterSetup from(ServerConfig config) throws IOException {
        if (config.redisUrl() == null) {
            return new ClusterSetup(null, null);
        }
        RedisCluster cluster;
        try {
            cluster = RedisCluster.connect(config.redisUrl(), config.nodeId());
        } catch (RuntimeException e) {
            throw new IOException("cannot reach Redis at " + config.redisUrl() + " (REDIS_URL): " + e.getMessage(), e);
        }
        try {
            return new ClusterSetup(cluster, RedisMessageStore.connect(config.redisUrl(),
                    config.engine().maxHistoryMessages(), config.engine().maxSystemMessages(),
                    config.engine().messageRetention()));
        } catch (RuntimeException e) {
            cluster.close();
            throw new IOException("cannot reach Redis at " + config.redisUrl() + " (REDIS_URL): " + e.getMessage(), e);
        }
    }

    PeerShare.Builder apply(PeerShare.Builder engine) {
        return redis == null ? engine : engine.cluster(redis).messageStore(history);
    }

    /** The Redis cluster, or {@code null} for a single node. */
    RedisCluster redis() {
        return redis;
    }

    Cluster cluster() {
        return redis == null ? Cluster.SINGLE_NODE : redis;
    }

    /** For {@code /health}: the mode, and in a cluster this node's id and whether Redis answers. */
    Map<String, String> health() {
        Map<String, String> health = new LinkedHashMap<>();
        health.put("mode", redis == null ? "single-node" : "redis-cluster");
        if (redis != null) {
            health.putAll(redis.health());
        }
        return health;
    }

    /** Called after the engine closed, so that its members' goodbyes went out first. */
    @Override
    public void close() {
        if (redis != null) {
            redis.close();
            history.close();
        }
    }
}
