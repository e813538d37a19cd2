package io.peershare.spring;

import io.peershare.PeerShare;
import io.peershare.redis.RedisClusterNode;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/** With Actuator's health: the {@code peershare} component ({@link PeerShareHealthIndicator}). */
@AutoConfiguration(after = PeerShareAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(PeerShareLifecycle.class)
@ConditionalOnEnabledHealthIndicator("peershare")
public class PeerShareHealthAutoConfiguration {

    /** Named so that Actuator shows it as {@code peershare}. */
    @Bean
    HealthIndicator peershareHealthIndicator(PeerShare engine, PeerShareLifecycle lifecycle,
            ObjectProvider<RedisClusterNode> cluster) {
        return new PeerShareHealthIndicator(engine, lifecycle, cluster.getIfAvailable());
    }
}
