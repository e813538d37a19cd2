package io.peershare.redis;

import io.lettuce.core.RedisURI;
import io.lettuce.core.resource.ClientResources;
import java.util.Objects;

/**
 * Which Redis a node talks to, and whose Lettuce event loops carry the talk. PeerShare always opens its own
 * connections (with its own reconnect and timeout rules, so that a Redis outage is noticed within seconds); it can
 * run them on the host application's {@link ClientResources}, so that one application keeps one set of Redis I/O
 * threads. Shared resources are never shut down by PeerShare.
 *
 * @param uri       the Redis to connect to
 * @param resources the host's Lettuce resources to share, or {@code null} for resources PeerShare owns and closes
 */
public record RedisTarget(RedisURI uri, ClientResources resources) {

    public RedisTarget {
        Objects.requireNonNull(uri, "uri");
    }

    /** The Redis at {@code redisUrl}, such as {@code redis://localhost:6379}, on resources of PeerShare's own. */
    public static RedisTarget of(String redisUrl) {
        return new RedisTarget(RedisURI.create(Objects.requireNonNull(redisUrl, "redisUrl")), null);
    }

    /** The Redis at {@code uri}, on the host application's {@code resources}. */
    public static RedisTarget sharing(RedisURI uri, ClientResources resources) {
        return new RedisTarget(uri, Objects.requireNonNull(resources, "resources"));
    }

    /** The address without credentials, for messages. */
    @Override
    public String toString() {
        return (uri.isSsl() ? "rediss://" : "redis://") + uri.getHost() + ":" + uri.getPort() + "/" + uri.getDatabase();
    }
}
