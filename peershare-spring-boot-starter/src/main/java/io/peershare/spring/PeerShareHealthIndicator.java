package io.peershare.spring;

import io.peershare.PeerShare;
import io.peershare.model.PeerShareStats;
import io.peershare.redis.RedisClusterNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code peershare} component of Actuator's health: UP while serving, OUT_OF_SERVICE while draining on
 * shutdown (so that load balancers stop sending new clients first), with the engine's counts and, in a cluster,
 * this node's id and whether Redis answers. A Redis outage leaves the node UP: it still serves its own clients, and
 * taking every node out at once would turn an outage of the cluster into an outage of the service.
 */
final class PeerShareHealthIndicator implements HealthIndicator {

    private final PeerShare engine;
    private final PeerShareLifecycle lifecycle;
    private final RedisClusterNode cluster;

    /** @param cluster the cluster connection, or {@code null} for a single node */
    PeerShareHealthIndicator(PeerShare engine, PeerShareLifecycle lifecycle, RedisClusterNode cluster) {
        this.engine = engine;
        this.lifecycle = lifecycle;
        this.cluster = cluster;
    }

    @Override
    public Health health() {
        PeerShareStats stats = engine.stats();
        boolean draining = lifecycle.isDraining();
        return (draining ? Health.outOfService() : Health.up())
                .withDetail("state", draining ? "draining" : "serving")
                .withDetail("connections", stats.connections())
                .withDetail("users", stats.users())
                .withDetail("networks", stats.networks())
                .withDetail("cluster", clusterHealth())
                .build();
    }

    /** The node's health and, since Actuator's details are the operator's, which Redis it uses. */
    private Map<String, String> clusterHealth() {
        if (cluster == null) {
            return Map.of("mode", "single-node");
        }
        Map<String, String> health = new LinkedHashMap<>(cluster.health());
        health.put("address", cluster.target().toString());
        return health;
    }
}
