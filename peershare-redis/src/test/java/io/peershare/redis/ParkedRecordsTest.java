package io.peershare.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.peershare.model.ClusterMember;
import io.peershare.model.ParkedMember;
import io.peershare.redis.testing.RedisProcess;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Resume records on a real redis-server: parked, taken once, and parked again on a drop unless a node took them. */
class ParkedRecordsTest {

    private RedisProcess redis;
    private RedisCluster cluster;

    @BeforeEach
    void start() throws Exception {
        String missing = RedisProcess.missingReason();
        if (missing != null) {
            System.out.println("[peershare-redis] SKIPPED: " + missing);
            Assumptions.abort(missing);
        }
        redis = RedisProcess.start();
        cluster = RedisCluster.connect(redis.url(), "node-b");
    }

    @AfterEach
    void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    private static ParkedMember bob(long resumableUntilMillis) {
        return new ParkedMember("net", new ClusterMember("bob", "node-b", "Home", "Bob", "phone"), resumableUntilMillis);
    }

    @Test
    void aDropReplacesTheRecordWithTheEndOfItsGrace() {
        cluster.park("h1", bob(Long.MAX_VALUE), Duration.ofHours(1));
        cluster.repark("h1", bob(1_000), Duration.ofMinutes(1));
        assertEquals(1_000, cluster.takeParked("h1").resumableUntilMillis());
        assertNull(cluster.takeParked("h1"), "taken once");
    }

    @Test
    void aRecordLostBeforeTheDropIsWrittenAgain() {
        cluster.repark("h3", bob(2_000), Duration.ofMinutes(1)); // its first write never reached Redis
        assertEquals(2_000, cluster.takeParked("h3").resumableUntilMillis());
    }

    @Test
    void aRecordTakenByAnotherNodeIsNotParkedAgainByTheOldOne() {
        cluster.park("h2", bob(Long.MAX_VALUE), Duration.ofHours(1));
        assertEquals(Long.MAX_VALUE, cluster.takeParked("h2").resumableUntilMillis()); // the resume elsewhere
        cluster.repark("h2", bob(1_000), Duration.ofMinutes(1)); // the old node notices the drop late
        assertNull(cluster.takeParked("h2"), "the used token must not resume anyone again");
    }
}
