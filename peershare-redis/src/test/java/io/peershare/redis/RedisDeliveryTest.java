package io.peershare.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peershare.model.ClusterMember;
import io.peershare.redis.testing.RedisProcess;
import io.peershare.testing.ManualClock;
import io.peershare.testing.ManualScheduler;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** What a node sends to another goes on the receiving node's channel, and arrives in the order it was sent. */
class RedisDeliveryTest {

    private final ClusterMember bob = new ClusterMember("bob", "node-b", "Home", "Bob", "phone");

    @Test
    void aTransferOwnerIsPublishedOnTheReceiversNodeChannelAheadOfTheRequest() {
        ManualClock clock = new ManualClock();
        InMemoryClusterRedis redis = new InMemoryClusterRedis(clock);
        RedisCluster nodeA = new RedisCluster("node-a", redis, clock, new ManualScheduler(clock), null);

        nodeA.transferOpened(bob, "Home", "t-1");
        assertTrue(nodeA.sendTo(bob, "Home", "request"));
        nodeA.transferEnded(bob, "Home", "t-1");

        assertEquals(List.of(ClusterMessages.transferOpened("node-a", "Home", "bob", "t-1"),
                ClusterMessages.deliver("node-a", "Home", "bob", "request"),
                ClusterMessages.transferEnded("node-a", "Home", "bob", "t-1")), redis.published("node:node-b"));
    }

    @Test
    void overARealRedisEveryTransferOwnerArrivesBeforeItsRequest() throws Exception {
        String missing = RedisProcess.missingReason();
        Assumptions.assumeTrue(missing == null, missing);
        int transfers = 200;
        RecordingListener atNodeB = new RecordingListener();
        RedisProcess redis = RedisProcess.start();
        try (RedisCluster nodeA = RedisCluster.connect(redis.url(), "node-a");
                RedisCluster nodeB = RedisCluster.connect(redis.url(), "node-b")) {
            nodeA.start(new RecordingListener());
            nodeB.start(atNodeB);
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < transfers; i++) {
                nodeA.transferOpened(bob, "Home", "t-" + i);
                nodeA.sendTo(bob, "Home", "request-" + i);
                expected.add("opened Home bob t-" + i + " owner node-a");
                expected.add("deliver Home bob request-" + i + " from node-a");
            }
            nodeA.transferEnded(bob, "Home", "t-0");
            expected.add("ended Home bob t-0 owner node-a");

            assertEquals(expected, atNodeB.awaitCalls(expected.size()));
        } finally {
            redis.close();
        }
    }
}
