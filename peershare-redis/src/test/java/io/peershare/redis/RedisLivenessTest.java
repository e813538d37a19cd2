package io.peershare.redis;

import static io.peershare.redis.RedisCluster.ALIVE_TTL;
import static io.peershare.redis.RedisCluster.HEARTBEAT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peershare.model.ClusterMember;
import io.peershare.spi.Cancellable;
import io.peershare.testing.ManualClock;
import io.peershare.testing.ManualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Liveness of node-a on an in-memory Redis, driven by a manual clock: node-a's heartbeat runs every 3 s from
 * t = 0. Other nodes are heartbeats the test schedules; like a real node, one whose alive key is gone puts
 * its member back.
 */
class RedisLivenessTest {

    private final ManualClock clock = new ManualClock();
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final InMemoryClusterRedis redis = new InMemoryClusterRedis(clock);
    private final RecordingListener listener = new RecordingListener();
    private final RedisCluster node = new RedisCluster("node-a", redis, clock, scheduler, null);
    private final Instant start = clock.instant();
    private final ClusterMember alice = member("alice", "node-a");

    @BeforeEach
    void aliceJoinsOnNodeA() {
        node.start(listener);
        node.memberJoined("Home", alice);
        listener.localMembers(Map.of("Home", List.of(alice)));
    }

    private static ClusterMember member(String peerId, String nodeId) {
        return new ClusterMember(peerId, nodeId, "Home", peerId, "desktop");
    }

    /** Another node with one member in Home, heartbeating from now on until cancelled. */
    private Cancellable otherNode(String nodeId, String peerId) {
        ClusterMember m = member(peerId, nodeId);
        Runnable heartbeat = () -> redis.refreshAlive(nodeId, ALIVE_TTL).thenAccept(hadKey -> {
            if (!hadKey) {
                redis.putMember("Home", m);
            }
        });
        heartbeat.run();
        return scheduler.scheduleAtFixedRate(heartbeat, HEARTBEAT);
    }

    /** Moves time to {@code t} after the start, running every heartbeat that falls due on the way. */
    private void advanceTo(Duration t) {
        scheduler.advance(Duration.between(clock.instant(), start.plus(t)));
    }

    private List<String> leavesPublished() {
        return redis.published("net:Home").stream()
                .filter(m -> ClusterMessages.parse(m).getString("t").equals("leave")).toList();
    }

    @Test
    void membersOfANodeThatStopsHeartbeatingAreRemovedWithinAliveTtlPlusHeartbeatWithAVanishedLeave() {
        otherNode("node-b", "bob").cancel(); // its last heartbeat is now
        otherNode("node-c", "carol");

        scheduler.advance(ALIVE_TTL.minusMillis(1));
        assertEquals(Set.of("alice", "bob", "carol"), redis.peerIds("Home"));
        assertEquals(List.of(), listener.calls("left"));

        scheduler.advance(HEARTBEAT.plusMillis(1));
        assertEquals(Set.of("alice", "carol"), redis.peerIds("Home"), "bob's node is dead, carol's is not");
        assertEquals(List.of("left Home bob vanished"), listener.calls("left"));
        assertEquals(List.of(ClusterMessages.left("node-a", "bob", true)), leavesPublished());
    }

    @Test
    void aFailedHeartbeatMarksRedisDownAndEngineCallsStillReturnAtOnce() {
        redis.goDown();
        scheduler.advance(HEARTBEAT);

        assertFalse(node.isRedisUp());
        assertEquals("down", node.health().get("redis"));
        ClusterMember ben = member("ben", "node-a");
        assertEquals(List.of(), node.tryJoin("Home", ben, 10), "degraded: the node's own limit applies");
        node.memberJoined("Home", ben);
        assertFalse(node.sendTo(member("bob", "node-b"), "Home", "{}"));
        assertFalse(node.forward("node-b", "Home", "alice", "{}"));
    }

    @Test
    void forwardingIsRefusedFromTheFirstFailedCommandUntilAHeartbeatIsAnswered() {
        redis.goDown();
        node.memberJoined("Home", member("ben", "node-a"));
        redis.comeBack();

        assertFalse(node.isRedisUp(), "a failed command is enough");
        assertFalse(node.forward("node-b", "Home", "alice", "{}"));
        scheduler.advance(HEARTBEAT);
        assertTrue(node.isRedisUp());
        assertTrue(node.forward("node-b", "Home", "alice", "{}"));
    }

    @Test
    void whenRedisReturnsEmptyTheNodeRepublishesAtOnceAndResyncsOnlyAfterEveryNodeHadAHeartbeat() {
        otherNode("node-b", "bob");
        redis.goDown();
        scheduler.advance(HEARTBEAT);
        ClusterMember ben = member("ben", "node-a");
        node.memberJoined("Home", ben); // joins during the outage: local only for now
        listener.localMembers(Map.of("Home", List.of(alice, ben)));
        assertFalse(redis.peerIds("Home").contains("ben"));

        redis.loseData();
        redis.comeBack();
        advanceTo(Duration.ofSeconds(6)); // node-a's heartbeat runs first, then node-b's
        assertTrue(node.isRedisUp());
        assertEquals(Set.of("alice", "ben", "bob"), redis.peerIds("Home"));
        assertTrue(redis.subscribed("Home"));
        assertTrue(redis.published("net:Home").containsAll(
                List.of(ClusterMessages.joined("node-a", alice), ClusterMessages.joined("node-a", ben))));
        assertEquals(List.of(), listener.calls("resync"));

        advanceTo(Duration.ofSeconds(9)); // only 3 s since Redis returned
        assertEquals(List.of(), listener.calls("resync"));

        advanceTo(Duration.ofSeconds(12)); // the first heartbeat past the settle time
        assertEquals(List.of("resync Home [alice, ben, bob]"), listener.calls("resync"));
        advanceTo(Duration.ofSeconds(30));
        assertEquals(1, listener.calls("resync").size(), "once");
    }

    @Test
    void aRedisThatRestartedEmptyBetweenTwoHeartbeatsIsNoticedByThisNodesMissingAliveKey() {
        scheduler.advance(HEARTBEAT);
        redis.loseData(); // no command of node-a failed
        assertTrue(node.isRedisUp());

        scheduler.advance(HEARTBEAT);
        assertEquals(Set.of("alice"), redis.peerIds("Home"), "republished");
        assertTrue(redis.alive("node-a"));
        scheduler.advance(HEARTBEAT.multipliedBy(2));
        assertEquals(List.of("resync Home [alice]"), listener.calls("resync"));
    }

    @Test
    void deadNodesAreNotJudgedUntilEveryLiveNodeHadAHeartbeatSinceRedisReturned() {
        Cancellable carolsNode = otherNode("node-c", "carol"); // beats at 3, 6, ...
        advanceTo(Duration.ofMillis(1500));
        otherNode("node-b", "bob"); // beats at 4.5, 7.5, ...
        advanceTo(Duration.ofSeconds(5));

        // A partition: Redis keeps its data, but every alive key expires meanwhile. node-c never returns.
        carolsNode.cancel();
        redis.goDown();
        advanceTo(Duration.ofSeconds(26));
        redis.comeBack();
        assertFalse(redis.alive("node-b") || redis.alive("node-c"));

        advanceTo(Duration.ofSeconds(27)); // node-a's first answered heartbeat; node-b's comes at 28.5
        assertEquals(Set.of("alice", "bob", "carol"), redis.peerIds("Home"));
        advanceTo(Duration.ofSeconds(30)); // still within the settle time
        assertEquals(Set.of("alice", "bob", "carol"), redis.peerIds("Home"));
        assertEquals(List.of(), listener.calls("left"));

        advanceTo(Duration.ofSeconds(33));
        assertEquals(Set.of("alice", "bob"), redis.peerIds("Home"));
        assertEquals(List.of("left Home carol vanished"), listener.calls("left"));
    }

    @Test
    void theHeartbeatKeepsThisNodeAliveAndClosingSaysGoodbyeAndStopsIt() {
        scheduler.advance(ALIVE_TTL.multipliedBy(3));
        assertTrue(redis.alive("node-a"));

        node.close();
        assertFalse(redis.alive("node-a"));
        assertEquals(0, scheduler.taskCount());
        node.close(); // idempotent
    }

    @Test
    void anAbandonedNodeStopsItsHeartbeatAndLeavesItsAliveKeyToExpire() {
        node.abandon();
        assertEquals(0, scheduler.taskCount());
        assertTrue(redis.alive("node-a"));
        clock.advance(ALIVE_TTL);
        assertFalse(redis.alive("node-a"));
    }

    @Test
    void theEngineIsToldOnceWhenTheOtherNodesBecomeUnreachableAndOnceWhenTheyAreBack() {
        scheduler.advance(HEARTBEAT);
        assertEquals(List.of(), listener.calls("unreachable"));
        redis.goDown();
        scheduler.advance(HEARTBEAT.multipliedBy(3));
        assertEquals(List.of("unreachable"), listener.calls("unreachable"), "told on the first tick, and once");
        redis.comeBack();
        scheduler.advance(HEARTBEAT.multipliedBy(3));
        assertEquals(List.of("reachable"), listener.calls("reachable"));
    }
}
