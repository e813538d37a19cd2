package io.peershare.server;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.peershare.PeerShare;
import io.peershare.micrometer.PeerShareMetrics;
import io.peershare.redis.RedisCluster;

/**
 * What {@code GET /metrics} serves: the engine's meters ({@link PeerShareMetrics}), the cluster's state and Redis
 * round trip, and the JVM's and the process's own, in one Prometheus registry.
 *
 * <p>Threading: meters are recorded on engine threads; {@link #scrape} runs on a transport thread.
 */
final class ServerMetrics implements AutoCloseable {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final PeerShareMetrics engineMetrics = new PeerShareMetrics(registry);
    private final JvmGcMetrics gc = new JvmGcMetrics();

    ServerMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
    }

    /** The recorder to build the engine with. */
    PeerShareMetrics recorder() {
        return engineMetrics;
    }

    /** Binds the engine's gauges and counters, and the cluster's when there is one. */
    void bind(PeerShare engine, RedisCluster cluster) {
        engineMetrics.bind(engine);
        Gauge.builder("peershare.cluster.up", () -> cluster == null || cluster.isRedisUp() ? 1 : 0)
                .description("1 while this node reaches the cluster (always 1 for a single node)")
                .tags(Tags.of("mode", cluster == null ? "single-node" : "redis-cluster")).register(registry);
        if (cluster != null) {
            Gauge.builder("peershare.cluster.redis.roundtrip", cluster,
                            c -> c.lastRoundTripNanos() < 0 ? Double.NaN : c.lastRoundTripNanos() / 1e9)
                    .description("How long Redis took to answer this node's last heartbeat").baseUnit("seconds")
                    .register(registry);
        }
    }

    /** The Prometheus text exposition of every meter. */
    String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
