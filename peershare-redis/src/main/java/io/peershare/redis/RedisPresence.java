package io.peershare.redis;

import static io.peershare.redis.ClusterRedis.await;

import io.peershare.model.ClusterMember;
import io.peershare.spi.ClusterListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Who is in which network, cluster-wide. Each network's members are a hash in Redis (on every node); joins and
 * leaves are also published on the network's channel, to which a node is subscribed only while it has members
 * in that network: the networks this node <em>tracks</em>. The cluster-wide user limit is claimed atomically
 * in the hash. After an outage, or when {@link RedisLiveness} finds members of dead nodes, this class writes
 * and reads the hashes for it.
 *
 * <p>Threading: {@link #tryJoin}, {@link #memberJoined} and {@link #memberLeft} run on engine threads
 * ({@code tryJoin} with no engine lock held, so it may wait for Redis; the other two under a network's monitor,
 * so they only queue commands). Calls for one network come under that network's monitor in the engine, so they
 * do not race here. {@link #republish}, {@link #resyncAll} and {@link #reconcile} run on the scheduler thread
 * and wait for Redis. Members read after subscribing reach the listener on Lettuce's event loop.
 */
final class RedisPresence {

    private final String nodeId;
    private final ClusterRedis redis;
    private final RedisStatus status;
    /** Local members by network key: the networks this node tracks. */
    private final Map<String, Set<String>> localByNetwork = new ConcurrentHashMap<>();
    private volatile ClusterListener listener;

    RedisPresence(String nodeId, ClusterRedis redis, RedisStatus status) {
        this.nodeId = nodeId;
        this.redis = redis;
        this.status = status;
    }

    void start(ClusterListener value) {
        listener = value;
    }

    List<ClusterMember> tryJoin(String networkKey, ClusterMember member, int maxUsers) {
        try {
            return await(redis.tryJoin(networkKey, member, maxUsers));
        } catch (RuntimeException e) {
            status.markDown(e);
            return List.of(); // degraded: the node's own limit and members still apply
        }
    }

    void memberJoined(String networkKey, ClusterMember member) {
        Set<String> locals = localByNetwork.computeIfAbsent(networkKey, k -> ConcurrentHashMap.newKeySet());
        boolean firstHere = locals.isEmpty();
        locals.add(member.peerId());
        if (firstHere) {
            track(networkKey);
        }
        status.quietly(() -> redis.putMember(networkKey, member));
        status.quietly(() -> redis.publishToNetwork(networkKey, ClusterMessages.joined(nodeId, member)));
    }

    void memberLeft(String networkKey, String peerId) {
        Set<String> locals = localByNetwork.get(networkKey);
        if (locals != null && locals.remove(peerId) && locals.isEmpty()) {
            localByNetwork.remove(networkKey, locals);
            status.quietly(() -> redis.unsubscribe(networkKey));
        }
        status.quietly(() -> redis.removeMember(networkKey, peerId));
        status.quietly(() -> redis.publishToNetwork(networkKey, ClusterMessages.left(nodeId, peerId, false)));
    }

    /**
     * A local member resumed on another node, which now holds it in the network's hash: this node stops counting
     * it as its own, and removes nothing.
     */
    void memberMoved(String networkKey, String peerId) {
        Set<String> locals = localByNetwork.get(networkKey);
        if (locals != null && locals.remove(peerId) && locals.isEmpty()) {
            localByNetwork.remove(networkKey, locals);
            status.quietly(() -> redis.unsubscribe(networkKey));
        }
    }

    /** Subscribes first, then reads, so that no join falls between the two. */
    private void track(String networkKey) {
        status.quietly(() -> redis.subscribe(networkKey)
                .thenCompose(ignored -> redis.members(networkKey))
                .thenAccept(members -> {
                    for (ClusterMember m : others(members)) {
                        listener.remoteJoined(networkKey, m);
                    }
                }));
    }

    /** After an outage (Redis may have lost everything): subscribes to and publishes every local member again. */
    void republish() {
        try {
            for (Map.Entry<String, List<ClusterMember>> e : listener.localMembers().entrySet()) {
                String networkKey = e.getKey();
                Set<String> ids = localByNetwork.computeIfAbsent(networkKey, k -> ConcurrentHashMap.newKeySet());
                await(redis.subscribe(networkKey));
                for (ClusterMember m : e.getValue()) {
                    ids.add(m.peerId());
                    await(redis.putMember(networkKey, m));
                    await(redis.publishToNetwork(networkKey, ClusterMessages.joined(nodeId, m)));
                }
            }
        } catch (RuntimeException e) {
            status.markDown(e);
        }
    }

    /** Makes this node's view of every tracked network exactly what Redis holds. */
    void resyncAll() {
        try {
            for (String networkKey : trackedNetworks()) {
                listener.resync(networkKey, await(redis.members(networkKey)));
            }
        } catch (RuntimeException e) {
            status.markDown(e);
        }
    }

    /**
     * Members of nodes {@code nodeAlive} rejects are removed, with a "vanished" leave published by whichever
     * node removes them from the hash first; members this node missed (a message lost while it reconnected)
     * are added. Both are idempotent.
     */
    void reconcile(Predicate<String> nodeAlive) {
        ClusterListener l = listener;
        for (String networkKey : trackedNetworks()) {
            try {
                for (ClusterMember m : others(await(redis.members(networkKey)))) {
                    if (nodeAlive.test(m.nodeId())) {
                        l.remoteJoined(networkKey, m);
                    } else {
                        if (await(redis.removeMember(networkKey, m.peerId()))) {
                            await(redis.publishToNetwork(networkKey, ClusterMessages.left(nodeId, m.peerId(), true)));
                        }
                        l.remoteLeft(networkKey, m.peerId(), true);
                    }
                }
            } catch (RuntimeException e) {
                status.markDown(e);
                return;
            }
        }
    }

    private List<String> trackedNetworks() {
        return new ArrayList<>(localByNetwork.keySet());
    }

    private List<ClusterMember> others(List<ClusterMember> members) {
        return members.stream().filter(m -> !m.nodeId().equals(nodeId)).toList();
    }
}
