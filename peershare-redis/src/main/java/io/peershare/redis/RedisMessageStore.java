package io.peershare.redis;

import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.XTrimArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.peershare.model.ChatMessage;
import io.peershare.spi.MessageStore;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One shared chat history per network, in Redis: users' messages in a stream {@code peershare:history:<network>}
 * and system messages in {@code peershare:system:<network>}, each trimmed to its own limit on every append (so joins
 * and leaves never push the conversation out), whose keys expire once the network has been quiet for the retention
 * time. A late joiner on any node reads the same history, the two streams merged in time order.
 *
 * <p>Appends are sent without waiting (the engine appends under a network's monitor). Reading a history
 * waits for Redis, at most its command timeout; while Redis is unreachable reads return an empty history at
 * once and appends are dropped, so chat between members of one node goes on (documented degradation).
 */
public final class RedisMessageStore implements MessageStore, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(RedisMessageStore.class.getName());
    private static final JsonProvider JSON = JsonProvider.provider();

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final int maxUserMessages;
    private final int maxSystemMessages;
    private final Duration retention;
    /** Streams this node appended to, for trimming by age and for the stored-messages figure. */
    private final Set<String> written = ConcurrentHashMap.newKeySet();

    private RedisMessageStore(RedisClient client, int maxUserMessages, int maxSystemMessages, Duration retention) {
        this.client = client;
        this.connection = client.connect();
        this.maxUserMessages = maxUserMessages;
        this.maxSystemMessages = maxSystemMessages;
        this.retention = retention;
    }

    /**
     * @param maxUserMessages   users' messages kept per network
     * @param maxSystemMessages system messages kept per network, apart
     * @param retention         how long a quiet network's history lives
     */
    public static RedisMessageStore connect(String redisUrl, int maxUserMessages, int maxSystemMessages,
            Duration retention) {
        return connect(RedisTarget.of(redisUrl), maxUserMessages, maxSystemMessages, retention);
    }

    /** As {@link #connect(String, int, int, Duration)}, on a {@link RedisTarget}. */
    public static RedisMessageStore connect(RedisTarget target, int maxUserMessages, int maxSystemMessages,
            Duration retention) {
        RedisClient client = RedisClients.newClient(target);
        try {
            return new RedisMessageStore(client, maxUserMessages, maxSystemMessages, retention);
        } catch (RuntimeException e) {
            RedisClients.shutdown(client);
            throw e;
        }
    }

    static String historyKey(String networkKey) {
        return "peershare:history:" + networkKey;
    }

    static String systemKey(String networkKey) {
        return "peershare:system:" + networkKey;
    }

    @Override
    public void append(String networkKey, ChatMessage message) {
        boolean system = message.type() == ChatMessage.Type.SYSTEM;
        String key = system ? systemKey(networkKey) : historyKey(networkKey);
        written.add(key);
        var async = connection.async();
        async.xadd(key, XAddArgs.Builder.maxlen(system ? maxSystemMessages : maxUserMessages),
                        Map.of("m", encode(message)))
                .exceptionally(e -> {
                    LOG.log(Level.DEBUG, () -> "history append dropped: " + e.getMessage());
                    return null;
                });
        async.pexpire(key, retention.toMillis()).exceptionally(e -> null);
    }

    @Override
    public List<ChatMessage> history(String networkKey, Instant notBefore) {
        try {
            List<StreamMessage<String, String>> entries = new ArrayList<>();
            Range<String> range = Range.create(Long.toString(Math.max(0, notBefore.toEpochMilli())), "+");
            entries.addAll(connection.sync().xrange(historyKey(networkKey), range));
            entries.addAll(connection.sync().xrange(systemKey(networkKey), range));
            // Stream ids are "<milliseconds>-<sequence>": in time order, the two streams interleave as they were written.
            entries.sort(java.util.Comparator.comparing((StreamMessage<String, String> e) -> streamIdPart(e, 0))
                    .thenComparing(e -> streamIdPart(e, 1)));
            List<ChatMessage> messages = new ArrayList<>(entries.size());
            for (StreamMessage<String, String> entry : entries) {
                ChatMessage m = decode(entry.getBody().get("m"));
                if (m != null && !m.timestamp().isBefore(notBefore)) {
                    messages.add(m);
                }
            }
            return messages;
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, () -> "history unavailable: " + e.getMessage());
            return List.of();
        }
    }

    private static long streamIdPart(StreamMessage<String, String> entry, int part) {
        return Long.parseLong(entry.getId().split("-")[part]);
    }

    @Override
    public boolean hasHistory(String networkKey) {
        try {
            return connection.sync().exists(historyKey(networkKey), systemKey(networkKey)) > 0;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public int purgeOlderThan(Instant cutoff) {
        int removed = 0;
        for (String key : written) {
            try {
                Long trimmed = connection.sync().xtrim(key, new XTrimArgs().minId(Long.toString(cutoff.toEpochMilli())));
                removed += trimmed == null ? 0 : trimmed.intValue();
                if (connection.sync().exists(key) == 0) {
                    written.remove(key);
                }
            } catch (RuntimeException e) {
                return removed;
            }
        }
        return removed;
    }

    @Override
    public long size() {
        long total = 0;
        for (String key : written) {
            try {
                total += connection.sync().xlen(key);
            } catch (RuntimeException e) {
                return total;
            }
        }
        return total;
    }

    /**
     * This node no longer keeps the network. The shared history stays for the nodes that still have members there,
     * and expires by itself once the network is quiet; this node only stops counting it.
     */
    @Override
    public void forget(String networkKey) {
        written.remove(historyKey(networkKey));
        written.remove(systemKey(networkKey));
    }

    private static String encode(ChatMessage m) {
        var b = JSON.createObjectBuilder().add("id", m.id()).add("type", m.type().name()).add("text", m.text())
                .add("timestamp", m.timestamp().toEpochMilli());
        if (m.peerId() != null) {
            b.add("peerId", m.peerId());
        }
        if (m.userName() != null) {
            b.add("userName", m.userName());
        }
        return b.build().toString();
    }

    private static ChatMessage decode(String json) {
        if (json == null) {
            return null;
        }
        JsonObject o = ClusterMessages.parse(json);
        return new ChatMessage(o.getString("id"), ChatMessage.Type.valueOf(o.getString("type")),
                o.getString("peerId", null), o.getString("userName", null), o.getString("text"),
                Instant.ofEpochMilli(o.getJsonNumber("timestamp").longValue()));
    }

    @Override
    public void close() {
        connection.close();
        RedisClients.shutdown(client);
    }
}
