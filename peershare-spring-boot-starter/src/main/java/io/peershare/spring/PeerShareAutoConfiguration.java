package io.peershare.spring;

import io.micrometer.core.instrument.MeterRegistry;
import io.peershare.AllowedOrigins;
import io.peershare.PeerShare;
import io.peershare.config.PeerShareConfig;
import io.peershare.jakarta.CloseExecutor;
import io.peershare.jakarta.PeerShareEndpointConfig;
import io.peershare.micrometer.PeerShareMetrics;
import io.peershare.redis.RedisClusterNode;
import io.peershare.redis.RedisTarget;
import io.peershare.spi.AdmissionPolicy;
import io.peershare.spi.MessageStore;
import io.peershare.spi.NetworkResolver;
import io.peershare.spi.PeerShareListener;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.util.ClassUtils;

/**
 * PeerShare in a Spring Boot servlet application: the engine, built from {@code peershare.*} and from the
 * application's own {@link NetworkResolver}, {@link AdmissionPolicy}, {@link PeerShareListener} and
 * {@link MessageStore} beans where it defines them; its endpoint on the container's Jakarta WebSocket
 * {@link ServerContainer} at {@code peershare.path}, and Socket.IO's at {@code peershare.socket-io.path}; its meters in the application's {@link MeterRegistry} when
 * there is one; a Redis cluster when {@code peershare.redis.*} asks for one; and a shutdown in step with the web
 * server's ({@link PeerShareLifecycle}). An application that defines its own {@link PeerShare} or
 * {@link PeerShareConfig} bean keeps it.
 */
@AutoConfiguration(afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ServerContainer.class, PeerShare.class})
@ConditionalOnProperty(prefix = "peershare", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(PeerShareProperties.class)
public class PeerShareAutoConfiguration {

    private static final Log LOG = LogFactory.getLog(PeerShareAutoConfiguration.class);
    private static final String LETTUCE_FACTORY =
            "org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory";

    @Bean
    @ConditionalOnMissingBean
    PeerShareConfig peerShareConfig(PeerShareProperties properties) {
        return properties.toEngineConfig();
    }

    @Bean
    @Conditional(JoinsCluster.class)
    RedisClusterNode peerShareCluster(PeerShareProperties properties, PeerShareConfig config,
            ConfigurableListableBeanFactory beans) {
        PeerShareProperties.Redis redis = properties.getRedis();
        RedisTarget target;
        if (redis.getUrl() != null && !redis.getUrl().isBlank()) {
            target = RedisTarget.of(redis.getUrl());
        } else if (ClassUtils.isPresent(LETTUCE_FACTORY, beans.getBeanClassLoader())) {
            target = ApplicationRedis.target(beans);
        } else {
            throw new IllegalStateException("peershare.redis.enabled is true but this application has no Spring Data"
                    + " Redis: set peershare.redis.url, or add spring-boot-starter-data-redis");
        }
        try {
            return RedisClusterNode.connect(target, redis.getNodeId(), config);
        } catch (IllegalStateException unreachable) {
            throw new IllegalStateException("PeerShare " + unreachable.getMessage() + " (peershare.redis)",
                    unreachable);
        }
    }

    @Bean
    @ConditionalOnMissingBean
    PeerShare peerShare(PeerShareConfig config, ObjectProvider<NetworkResolver> networkResolver,
            ObjectProvider<AdmissionPolicy> admissionPolicy, ObjectProvider<PeerShareListener> listener,
            ObjectProvider<MessageStore> messageStore, ObjectProvider<RedisClusterNode> cluster,
            ObjectProvider<MeterRegistry> meterRegistry) {
        PeerShare.Builder builder = PeerShare.builder().config(config);
        networkResolver.ifUnique(builder::networkResolver);
        admissionPolicy.ifUnique(builder::admissionPolicy);
        listener.ifUnique(builder::listener);
        cluster.ifAvailable(node -> node.apply(builder));
        messageStore.ifUnique(builder::messageStore); // the application's own, over the cluster's shared history
        MeterRegistry registry = meterRegistry.getIfUnique();
        PeerShareMetrics metrics = registry == null ? null : new PeerShareMetrics(registry);
        if (metrics != null) {
            builder.metrics(metrics);
        }
        PeerShare engine = builder.build();
        if (metrics != null) {
            metrics.bind(engine);
        }
        return engine;
    }

    @Bean
    PeerShareLifecycle peerShareLifecycle(PeerShare engine, PeerShareProperties properties,
            ObjectProvider<RedisClusterNode> cluster) {
        CloseExecutor closeExecutor = new CloseExecutor("peershare-ws-close");
        PeerShareProperties.SocketIo socketIo = properties.getSocketIo();
        ServerEndpointConfig endpointConfig;
        PeerShareSocketIo socketIoEndpoint;
        try {
            AllowedOrigins origins = properties.toAllowedOrigins();
            if (origins.isAny()) {
                LOG.warn("peershare.allowed-origins is not set: any web page may open a PeerShare connection; set it"
                        + " to the origins you serve, such as https://share.example.com");
            }
            endpointConfig = PeerShareEndpointConfig.builder(engine)
                    .path(properties.getPath())
                    .allowedOrigins(origins)
                    .closeExecutor(closeExecutor)
                    .build();
            socketIoEndpoint = !socketIo.isEnabled() ? null
                    : new PeerShareSocketIo(engine, socketIo.getPath(), origins, closeExecutor);
        } catch (IllegalArgumentException refused) {
            closeExecutor.close();
            throw new IllegalArgumentException("peershare.path, peershare.socket-io.path or peershare.allowed-origins"
                    + " refused: " + refused.getMessage(), refused);
        }
        return new PeerShareLifecycle(engine, endpointConfig, socketIoEndpoint, cluster.getIfAvailable(),
                closeExecutor, properties.getShutdownDrain(), properties.getShutdownTimeout());
    }

    @Bean
    PeerShareEndpointRegistrar peerShareEndpointRegistrar(PeerShareLifecycle lifecycle) {
        return new PeerShareEndpointRegistrar(lifecycle.endpoints());
    }
}
