package io.peershare.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.peershare.model.ClusterMember;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * {@link ClusterRedis} over Lettuce: one connection for commands and publishing, one for subscriptions.
 *
 * <ul>
 *   <li>{@code peershare:members:<network>}: hash of the network's members, peer id to member JSON</li>
 *   <li>{@code peershare:alive:<node>}: exists while the node is alive</li>
 *   <li>{@code peershare:away:<token hash>}: a resumable member's record; {@code peershare:taken:<token hash>}:
 *       for {@link #TAKEN_MARK} after a node took it</li>
 *   <li>{@code peershare:net:<network>}: channel of joins and leaves in the network</li>
 *   <li>{@code peershare:node:<node>}: channel of everything addressed to one node</li>
 * </ul>
 *
 * <p>Threading: commands may be queued from any thread; their stages complete, and {@link Inbox} runs, on
 * Lettuce's event loop.
 */
final class LettuceClusterRedis implements ClusterRedis {

    private static final String PREFIX = "peershare:";
    private static final String NET = PREFIX + "net:";
    // Claims a place for a member unless the network is full (a member already there may update itself) and
    // returns every member after the claim; false (nil) when full.
    private static final String TRY_JOIN = """
            if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 and redis.call('HLEN', KEYS[1]) >= tonumber(ARGV[3]) then
              return false
            end
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
            return redis.call('HVALS', KEYS[1])
            """;

    /**
     * How long a taken record's mark stays: longer than any old node takes to notice its socket died (the heartbeat
     * timeout, 60 s by default) and to hear that the peer moved (milliseconds).
     */
    static final Duration TAKEN_MARK = Duration.ofMinutes(10);
    // Takes a token's record once, and marks it taken, so that its old node, noticing the drop late, parks it no more.
    private static final String TAKE_PARKED = """
            local record = redis.call('GETDEL', KEYS[1])
            if record then
              redis.call('SET', KEYS[2], '1', 'PX', ARGV[1])
            end
            return record
            """;
    // Parks a record again when its member's connection drops, unless a node took it (or wrote it lost, if it was).
    private static final String REPARK = """
            if redis.call('EXISTS', KEYS[2]) == 1 then
              return false
            end
            return redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            """;

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final RedisAsyncCommands<String, String> commands;
    private final StatefulRedisPubSubConnection<String, String> pubSub;

    private LettuceClusterRedis(RedisClient client) {
        this.client = client;
        this.connection = client.connect();
        this.commands = connection.async();
        this.pubSub = client.connectPubSub();
    }

    /** @throws io.lettuce.core.RedisConnectionException if Redis cannot be reached now */
    static LettuceClusterRedis connect(RedisTarget target) {
        RedisClient client = RedisClients.newClient(target);
        try {
            return new LettuceClusterRedis(client);
        } catch (RuntimeException e) {
            RedisClients.shutdown(client);
            throw e;
        }
    }

    @Override
    public CompletionStage<Boolean> refreshAlive(String node, Duration ttl) {
        return commands.setGet(aliveKey(node), "1", SetArgs.Builder.px(ttl.toMillis())).thenApply(Objects::nonNull);
    }

    @Override
    public CompletionStage<Boolean> isAlive(String node) {
        return commands.exists(aliveKey(node)).thenApply(count -> count > 0);
    }

    @Override
    public CompletionStage<?> removeAlive(String node) {
        return commands.del(aliveKey(node));
    }

    @Override
    public CompletionStage<List<ClusterMember>> tryJoin(String networkKey, ClusterMember member, int maxUsers) {
        CompletionStage<List<Object>> claim = commands.eval(TRY_JOIN, ScriptOutputType.MULTI,
                new String[] {membersKey(networkKey)},
                member.peerId(), ClusterMessages.member(member), Integer.toString(maxUsers));
        return claim.thenApply(members -> {
            if (members == null) {
                return null;
            }
            List<ClusterMember> result = new ArrayList<>(members.size());
            for (Object json : members) {
                result.add(ClusterMessages.member(ClusterMessages.parse(String.valueOf(json))));
            }
            return result;
        });
    }

    @Override
    public CompletionStage<List<ClusterMember>> members(String networkKey) {
        return commands.hgetall(membersKey(networkKey)).thenApply(ClusterMessages::members);
    }

    @Override
    public CompletionStage<?> putMember(String networkKey, ClusterMember member) {
        return commands.hset(membersKey(networkKey), member.peerId(), ClusterMessages.member(member));
    }

    @Override
    public CompletionStage<Boolean> removeMember(String networkKey, String peerId) {
        return commands.hdel(membersKey(networkKey), peerId).thenApply(count -> count > 0);
    }

    @Override
    public CompletionStage<?> park(String tokenHash, String record, Duration ttl) {
        return commands.set(parkedKey(tokenHash), record, SetArgs.Builder.px(ttl.toMillis()));
    }

    @Override
    public CompletionStage<?> repark(String tokenHash, String record, Duration ttl) {
        return commands.eval(REPARK, ScriptOutputType.STATUS, new String[] {parkedKey(tokenHash), takenKey(tokenHash)},
                record, Long.toString(ttl.toMillis()));
    }

    @Override
    public CompletionStage<?> unpark(String tokenHash) {
        return commands.del(parkedKey(tokenHash));
    }

    @Override
    public CompletionStage<String> takeParked(String tokenHash) {
        return commands.eval(TAKE_PARKED, ScriptOutputType.VALUE,
                new String[] {parkedKey(tokenHash), takenKey(tokenHash)}, Long.toString(TAKEN_MARK.toMillis()));
    }

    @Override
    public CompletionStage<?> publishToNetwork(String networkKey, String message) {
        return commands.publish(NET + networkKey, message);
    }

    @Override
    public CompletionStage<?> publishToNode(String node, String message) {
        return commands.publish(nodeChannel(node), message);
    }

    @Override
    public CompletionStage<?> subscribe(String networkKey) {
        return pubSub.async().subscribe(NET + networkKey);
    }

    @Override
    public CompletionStage<?> unsubscribe(String networkKey) {
        return pubSub.async().unsubscribe(NET + networkKey);
    }

    @Override
    public CompletionStage<?> listen(String node, Inbox inbox) {
        pubSub.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                inbox.received(channel.startsWith(NET) ? channel.substring(NET.length()) : null, message);
            }
        });
        return pubSub.async().subscribe(nodeChannel(node));
    }

    @Override
    public boolean isOpen() {
        return connection.isOpen();
    }

    @Override
    public void close() {
        pubSub.close();
        connection.close();
        RedisClients.shutdown(client);
    }

    /** Only the hash of a token ever reaches Redis. */
    private static String parkedKey(String tokenHash) {
        return PREFIX + "away:" + tokenHash;
    }

    private static String takenKey(String tokenHash) {
        return PREFIX + "taken:" + tokenHash;
    }

    private static String membersKey(String networkKey) {
        return PREFIX + "members:" + networkKey;
    }

    private static String aliveKey(String node) {
        return PREFIX + "alive:" + node;
    }

    private static String nodeChannel(String node) {
        return PREFIX + "node:" + node;
    }
}
