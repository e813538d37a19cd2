package io.peershare.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** The Lettuce client settings that {@link RedisCluster} and {@link RedisMessageStore} share. */
final class RedisClients {

    /** How long any command may wait for Redis; also bounds every wait in the cluster's scheduler task. */
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);

    private RedisClients() {
    }

    /**
     * A client that reconnects every half second while Redis is away (Lettuce's default backoff grows to 30 s,
     * which would keep a node out of the cluster long after Redis returned).
     */
    static RedisClient newClient(RedisTarget target) {
        ClientResources.Builder builder = DefaultClientResources.builder();
        ClientResources host = target.resources();
        if (host != null) {
            // Handed in, the host's thread pools and timer count as shared: shutting these resources down leaves
            // them running. (mutate() would shut them down with ours.)
            builder.eventLoopGroupProvider(host.eventLoopGroupProvider())
                    .eventExecutorGroup(host.eventExecutorGroup())
                    .timer(host.timer());
        }
        ClientResources resources = builder.reconnectDelay(Delay.constant(Duration.ofMillis(500))).build();
        RedisClient client = RedisClient.create(resources, target.uri());
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                // Fail fast while Redis is away rather than queueing every frame in memory.
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .requestQueueSize(100_000)
                .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
                .build());
        return client;
    }

    /** Closes a client made by {@link #newClient}, with the resources it owns (never a host's shared ones). */
    static void shutdown(RedisClient client) {
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        client.getResources().shutdown(0, 2, TimeUnit.SECONDS);
    }
}
