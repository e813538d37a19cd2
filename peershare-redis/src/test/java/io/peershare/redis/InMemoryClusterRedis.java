package io.peershare.redis;

import io.peershare.model.ClusterMember;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * A {@link ClusterRedis} in memory for unit tests: answers at once, expires alive keys by the test's clock,
 * records what is published, and can go down, come back, or lose its data as a restarted Redis does.
 * Published messages are recorded, not delivered. Not thread-safe: tests drive it from one thread.
 */
final class InMemoryClusterRedis implements ClusterRedis {

    /** One published message: {@code to} is {@code "net:<network>"} or {@code "node:<node>"}. */
    record Published(String to, String message) {
    }

    private final Clock clock;
    private final Map<String, Map<String, ClusterMember>> members = new HashMap<>();
    private final Map<String, Instant> aliveUntil = new HashMap<>();
    private final Set<String> subscriptions = new HashSet<>();
    private final Map<String, String> parked = new HashMap<>();
    private final Set<String> taken = new HashSet<>();
    private final List<Published> published = new ArrayList<>();
    private boolean up = true;

    InMemoryClusterRedis(Clock clock) {
        this.clock = clock;
    }

    /** Stops answering (a crash or a partition); data and key expiry go on. */
    void goDown() {
        up = false;
    }

    void comeBack() {
        up = true;
    }

    /** Loses every key, as a Redis without persistence does when it restarts. */
    void loseData() {
        members.clear();
        aliveUntil.clear();
    }

    Set<String> peerIds(String networkKey) {
        return Set.copyOf(members.getOrDefault(networkKey, Map.of()).keySet());
    }

    boolean alive(String node) {
        Instant until = aliveUntil.get(node);
        return until != null && clock.instant().isBefore(until);
    }

    boolean subscribed(String networkKey) {
        return subscriptions.contains(networkKey);
    }

    /** Messages published to {@code to} ({@code "net:<network>"} or {@code "node:<node>"}), in order. */
    List<String> published(String to) {
        return published.stream().filter(p -> p.to().equals(to)).map(Published::message).toList();
    }

    @Override
    public CompletionStage<Boolean> refreshAlive(String node, Duration ttl) {
        return answer(() -> {
            boolean was = alive(node);
            aliveUntil.put(node, clock.instant().plus(ttl));
            return was;
        });
    }

    @Override
    public CompletionStage<Boolean> isAlive(String node) {
        return answer(() -> alive(node));
    }

    @Override
    public CompletionStage<?> removeAlive(String node) {
        return answer(() -> aliveUntil.remove(node));
    }

    @Override
    public CompletionStage<List<ClusterMember>> tryJoin(String networkKey, ClusterMember member, int maxUsers) {
        return answer(() -> {
            Map<String, ClusterMember> network = network(networkKey);
            if (!network.containsKey(member.peerId()) && network.size() >= maxUsers) {
                return null;
            }
            network.put(member.peerId(), member);
            return List.copyOf(network.values());
        });
    }

    @Override
    public CompletionStage<List<ClusterMember>> members(String networkKey) {
        return answer(() -> List.copyOf(members.getOrDefault(networkKey, Map.of()).values()));
    }

    @Override
    public CompletionStage<?> putMember(String networkKey, ClusterMember member) {
        return answer(() -> network(networkKey).put(member.peerId(), member));
    }

    @Override
    public CompletionStage<Boolean> removeMember(String networkKey, String peerId) {
        return answer(() -> network(networkKey).remove(peerId) != null);
    }

    @Override
    public CompletionStage<?> park(String tokenHash, String record, Duration ttl) {
        return answer(() -> parked.put(tokenHash, record));
    }

    @Override
    public CompletionStage<?> repark(String tokenHash, String record, Duration ttl) {
        return answer(() -> taken.contains(tokenHash) ? null : parked.put(tokenHash, record));
    }

    @Override
    public CompletionStage<?> unpark(String tokenHash) {
        return answer(() -> parked.remove(tokenHash));
    }

    @Override
    public CompletionStage<String> takeParked(String tokenHash) {
        return answer(() -> {
            String record = parked.remove(tokenHash);
            if (record != null) {
                taken.add(tokenHash);
            }
            return record;
        });
    }

    @Override
    public CompletionStage<?> publishToNetwork(String networkKey, String message) {
        return answer(() -> published.add(new Published("net:" + networkKey, message)));
    }

    @Override
    public CompletionStage<?> publishToNode(String node, String message) {
        return answer(() -> published.add(new Published("node:" + node, message)));
    }

    @Override
    public CompletionStage<?> subscribe(String networkKey) {
        return answer(() -> subscriptions.add(networkKey));
    }

    @Override
    public CompletionStage<?> unsubscribe(String networkKey) {
        return answer(() -> subscriptions.remove(networkKey));
    }

    @Override
    public CompletionStage<?> listen(String node, Inbox inbox) {
        return answer(() -> true);
    }

    @Override
    public boolean isOpen() {
        return up;
    }

    @Override
    public void close() {
        up = false;
    }

    private Map<String, ClusterMember> network(String networkKey) {
        return members.computeIfAbsent(networkKey, k -> new LinkedHashMap<>());
    }

    /** Runs a command now, or fails it as a Lettuce client rejects commands while disconnected. */
    private <T> CompletionStage<T> answer(Supplier<T> command) {
        return up ? CompletableFuture.completedFuture(command.get())
                : CompletableFuture.failedFuture(new IllegalStateException("Redis is down"));
    }
}
