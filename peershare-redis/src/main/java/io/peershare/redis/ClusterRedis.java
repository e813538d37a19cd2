package io.peershare.redis;

import io.peershare.model.ClusterMember;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * What the cluster needs from Redis, named for what it means rather than by command, so that presence and
 * liveness can be tested against a map in memory. {@link LettuceClusterRedis} is the real one and alone knows
 * key and channel names.
 *
 * <p>Every method only queues its command and returns; the returned stage completes on Redis's answer or
 * fails when Redis is unreachable (at once) or does not answer within {@link RedisClients#COMMAND_TIMEOUT}.
 * Commands are sent in call order over one connection, so Redis applies and publishes them in that order.
 * Thread-safe.
 */
interface ClusterRedis {

    /** Sets {@code node}'s alive key for {@code ttl}; completes with whether the key was there before. */
    CompletionStage<Boolean> refreshAlive(String node, Duration ttl);

    /** Whether {@code node}'s alive key exists. */
    CompletionStage<Boolean> isAlive(String node);

    /** Deletes {@code node}'s alive key: its goodbye. */
    CompletionStage<?> removeAlive(String node);

    /**
     * Adds (or updates) {@code member} in the network unless the network already has {@code maxUsers} members,
     * atomically; completes with every member after the claim, or {@code null} when full.
     */
    CompletionStage<List<ClusterMember>> tryJoin(String networkKey, ClusterMember member, int maxUsers);

    /** Every member of the network, on every node. */
    CompletionStage<List<ClusterMember>> members(String networkKey);

    CompletionStage<?> putMember(String networkKey, ClusterMember member);

    /** Completes with whether the member was there (and so was removed by this call). */
    CompletionStage<Boolean> removeMember(String networkKey, String peerId);

    /** Keeps an away member's record under its token hash for {@code ttl}. */
    CompletionStage<?> park(String tokenHash, String record, Duration ttl);

    /** Keeps the record under the token hash for {@code ttl} again, unless a node has taken it. */
    CompletionStage<?> repark(String tokenHash, String record, Duration ttl);

    /** Deletes the record kept under the token hash, if any. */
    CompletionStage<?> unpark(String tokenHash);

    /**
     * Takes the record kept under the token hash, atomically, and remembers for a while that it was taken:
     * {@code null} when there is none.
     */
    CompletionStage<String> takeParked(String tokenHash);

    /** Publishes to every node subscribed to the network. */
    CompletionStage<?> publishToNetwork(String networkKey, String message);

    /** Publishes to one node. */
    CompletionStage<?> publishToNode(String node, String message);

    CompletionStage<?> subscribe(String networkKey);

    CompletionStage<?> unsubscribe(String networkKey);

    /** Subscribes to {@code node}'s own channel and hands every message of every subscription to {@code inbox}. */
    CompletionStage<?> listen(String node, Inbox inbox);

    /** Whether the command connection is open now (it reopens by itself after an outage). */
    boolean isOpen();

    /** Closes the connections, at once. */
    void close();

    /** Receives published messages, on the client's event loop: must not block. */
    @FunctionalInterface
    interface Inbox {
        /** @param networkKey the network whose channel carried the message, {@code null} for the node's own */
        void received(String networkKey, String message);
    }

    /** Waits for a command; the command timeout bounds the wait. Never call it on the client's event loop. */
    static <T> T await(CompletionStage<T> command) {
        return command.toCompletableFuture().join();
    }
}
