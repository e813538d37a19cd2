package io.peershare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peershare.config.PeerShareConfig;
import io.peershare.config.RateLimit;
import io.peershare.model.EventClass;
import io.peershare.testing.TestClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Many threads join, move, leave, chat and signal at once (issue item 11). Checks: no delivery across
 * networks, no lost message, and afterwards every peer is in at most one network and all members agree
 * on who is there.
 */
class ConcurrencyTest {

    private static final int NETWORKS = 4;
    private static final int STABLE_PER_NETWORK = 3;
    private static final int MOVERS = 12;
    private static final int MOVER_STEPS = 300;
    private static final int STABLE_MESSAGES = 150;

    private static final UnaryOperator<PeerShareConfig.Builder> UNLIMITED = c -> {
        for (EventClass e : EventClass.values()) {
            c.connectionRateLimit(e, RateLimit.of(1e9, 1_000_000_000)).addressRateLimit(e, RateLimit.of(1e9, 1_000_000_000));
        }
        return c;
    };

    @Test
    void hammeringFromManyThreadsKeepsNetworksIsolatedAndConsistent() throws Exception {
        try (EngineFixture fx = new EngineFixture(UNLIMITED)) {
            List<List<TestClient>> stable = new ArrayList<>();
            for (int n = 0; n < NETWORKS; n++) {
                List<TestClient> members = new ArrayList<>();
                for (int i = 0; i < STABLE_PER_NETWORK; i++) {
                    members.add(fx.client().join("net" + n, "s" + n + "-" + i));
                }
                stable.add(members);
            }
            List<TestClient> movers = new ArrayList<>();
            for (int i = 0; i < MOVERS; i++) {
                movers.add(fx.client());
            }
            List<String> allIds = new ArrayList<>();
            stable.forEach(members -> members.forEach(c -> allIds.add(c.peerId())));
            movers.forEach(c -> allIds.add(c.peerId()));

            ExecutorService pool = Executors.newFixedThreadPool(8);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> work = new ArrayList<>();
            for (int m = 0; m < MOVERS; m++) {
                TestClient mover = movers.get(m);
                long seed = m;
                work.add(pool.submit(() -> {
                    start.await();
                    Random random = new Random(seed);
                    for (int step = 0; step < MOVER_STEPS; step++) {
                        int n = random.nextInt(NETWORKS);
                        mover.join("net" + n, "mover");
                        mover.chat("net" + n + "|mover");
                        String target = allIds.get(random.nextInt(allIds.size()));
                        mover.signal(target, Json.createObjectBuilder().add("net", "net" + n));
                        if (random.nextInt(4) == 0) {
                            mover.send("leave-wifi-network", Json.createObjectBuilder());
                        }
                        if (random.nextInt(50) == 0) {
                            mover.close(); // a disconnect in the middle of everything
                            break;
                        }
                    }
                    return null;
                }));
            }
            for (int n = 0; n < NETWORKS; n++) {
                for (TestClient member : stable.get(n)) {
                    String net = "net" + n;
                    work.add(pool.submit(() -> {
                        start.await();
                        for (int i = 0; i < STABLE_MESSAGES; i++) {
                            member.chat(net + "|stable|" + member.peerId() + "|" + i);
                        }
                        return null;
                    }));
                }
            }
            start.countDown();
            for (Future<?> f : work) {
                f.get(60, TimeUnit.SECONDS);
            }
            pool.shutdown();

            Map<String, Set<String>> finalMembers = new HashMap<>();
            for (int n = 0; n < NETWORKS; n++) {
                String net = "net" + n;
                for (TestClient member : stable.get(n)) {
                    List<JsonObject> messages = member.events("new-message");
                    // Isolation: everything received names this network.
                    for (JsonObject message : messages) {
                        JsonObject data = message.getJsonObject("data");
                        if (data.getString("type").equals("user")) {
                            assertTrue(data.getString("text").startsWith(net + "|"),
                                    member.peerId() + " in " + net + " received " + data.getString("text"));
                        }
                    }
                    for (JsonObject signal : member.events("webrtc-signal-received")) {
                        assertEquals(net, signal.getJsonObject("data").getJsonObject("signal").getString("net"));
                    }
                    // Nothing lost: every stable member's messages reached every stable member.
                    for (TestClient sender : stable.get(n)) {
                        long received = messages.stream()
                                .map(e -> e.getJsonObject("data").getString("text"))
                                .filter(t -> t.startsWith(net + "|stable|" + sender.peerId() + "|"))
                                .count();
                        assertEquals(STABLE_MESSAGES, received, "messages from " + sender.peerId() + " to " + member.peerId());
                    }
                }
                // Consistency: all stable members agree on the final list.
                Set<String> agreed = null;
                for (TestClient member : stable.get(n)) {
                    Set<String> seen = new HashSet<>(member.visiblePeers());
                    if (agreed == null) {
                        agreed = seen;
                    }
                    assertEquals(agreed, seen, "members of " + net + " disagree");
                }
                finalMembers.put(net, agreed);
            }
            Set<String> everyone = new HashSet<>();
            for (Set<String> members : finalMembers.values()) {
                for (String id : members) {
                    assertTrue(everyone.add(id), id + " is in two networks");
                }
            }
            int joinedMovers = 0;
            for (TestClient mover : movers) {
                if (everyone.contains(mover.peerId())) {
                    joinedMovers++;
                }
            }
            assertEquals(NETWORKS * STABLE_PER_NETWORK + joinedMovers, fx.engine.stats().users());
        }
    }
}
