package io.peershare.spring;

import io.lettuce.core.RedisURI;
import io.peershare.redis.RedisTarget;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The application's own Redis, from its Spring Data Redis {@link LettuceConnectionFactory}: the same server,
 * database and credentials, and the same Lettuce I/O threads. Loaded only when Spring Data Redis is present.
 */
final class ApplicationRedis {

    private ApplicationRedis() {
    }

    /** @throws IllegalStateException when there is no such factory, or it is not for a standalone Redis */
    static RedisTarget target(ListableBeanFactory beans) {
        LettuceConnectionFactory factory = beans.getBeanProvider(LettuceConnectionFactory.class).getIfUnique();
        if (factory == null) {
            throw new IllegalStateException("peershare.redis.enabled is true but this application has no Lettuce"
                    + " connection factory: set peershare.redis.url, or configure spring.data.redis.*");
        }
        if (factory.isClusterAware() || factory.isRedisSentinelAware()) {
            throw new IllegalStateException("PeerShare's cluster needs one standalone Redis, and the application's"
                    + " connection factory is for a Redis Cluster or Sentinel: set peershare.redis.url");
        }
        RedisStandaloneConfiguration standalone = factory.getStandaloneConfiguration();
        RedisURI.Builder uri = RedisURI.builder()
                .withHost(standalone.getHostName())
                .withPort(standalone.getPort())
                .withDatabase(standalone.getDatabase())
                .withSsl(factory.isUseSsl());
        standalone.getPassword().toOptional().ifPresent(password -> {
            if (standalone.getUsername() != null) {
                uri.withAuthentication(standalone.getUsername(), password);
            } else {
                uri.withPassword(password);
            }
        });
        return factory.getClientResources() == null ? new RedisTarget(uri.build(), null)
                : RedisTarget.sharing(uri.build(), factory.getClientResources());
    }
}
