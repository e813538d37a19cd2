package io.peershare.spring;

import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/** The application asks to join a cluster: {@code peershare.redis.url} is set, or {@code peershare.redis.enabled=true}. */
final class JoinsCluster extends AnyNestedCondition {

    JoinsCluster() {
        super(ConfigurationPhase.REGISTER_BEAN);
    }

    @ConditionalOnProperty(prefix = "peershare.redis", name = "url")
    static final class UrlSet {
    }

    @ConditionalOnProperty(prefix = "peershare.redis", name = "enabled", havingValue = "true")
    static final class Enabled {
    }
}
