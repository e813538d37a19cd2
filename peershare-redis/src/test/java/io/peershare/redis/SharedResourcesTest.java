package io.peershare.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.peershare.model.ChatMessage;
import io.peershare.redis.testing.RedisProcess;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A node on the host application's Lettuce resources: it uses them and leaves them running when it closes. */
class SharedResourcesTest {

    private RedisProcess redis;
    private ClientResources hostResources;

    @BeforeEach
    void start() throws Exception {
        String missing = RedisProcess.missingReason();
        if (missing != null) {
            System.out.println("[peershare-redis] SKIPPED: " + missing);
            Assumptions.abort(missing);
        }
        redis = RedisProcess.start();
        hostResources = DefaultClientResources.create();
    }

    @AfterEach
    void stop() throws Exception {
        if (hostResources != null) {
            hostResources.shutdown(0, 2, TimeUnit.SECONDS);
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void aClusterAndAHistoryOnTheHostsResourcesWorkAndLeaveThemRunningWhenClosed() {
        RedisTarget target = RedisTarget.sharing(RedisURI.create(redis.url()), hostResources);
        RedisCluster cluster = RedisCluster.builder(target).nodeId("shared").connect();
        RedisMessageStore store = RedisMessageStore.connect(target, 10, 10, Duration.ofHours(1));
        store.append("net", new ChatMessage("m1", ChatMessage.Type.USER, "p1", "Ann", "hello", Instant.now()));
        assertEquals(1, store.history("net", Instant.EPOCH).size());
        assertTrue(cluster.isRedisUp());
        cluster.close();
        store.close();

        assertFalse(hostResources.eventExecutorGroup().isShuttingDown(), "the host's executors were shut down");
        RedisClient hostClient = RedisClient.create(hostResources, RedisURI.create(redis.url()));
        try (StatefulRedisConnection<String, String> connection = hostClient.connect()) {
            assertEquals("PONG", connection.sync().ping(), "the host's resources no longer carry connections");
        } finally {
            hostClient.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    @Test
    void aTargetNamesItsRedisWithoutItsPassword() {
        RedisTarget target = RedisTarget.of("redis://:s3cret@redis.internal:6380/2");
        assertEquals("redis://redis.internal:6380/2", target.toString());
    }
}
