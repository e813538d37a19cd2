package io.peershare.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.peershare.redis.testing.RedisProcess;
import io.peershare.spring.app.ShareApplication;
import io.peershare.testkit.WsTestClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Two instances of one Spring Boot application on one Redis (a redis-server of the test's own): one joins the
 * cluster through the application's Spring Data Redis connection, the other through {@code peershare.redis.url}.
 */
class RedisClusterTest {

    private static final String ORIGIN = "https://share.example.test";

    private RedisProcess redis;
    private ConfigurableApplicationContext nodeA;
    private ConfigurableApplicationContext nodeB;

    @BeforeEach
    void startRedis() throws Exception {
        String missing = RedisProcess.missingReason();
        if (missing != null) {
            System.out.println("[peershare-spring-boot-starter] SKIPPED: " + missing);
            Assumptions.abort(missing);
        }
        redis = RedisProcess.start();
    }

    @AfterEach
    void stopAll() throws Exception {
        for (ConfigurableApplicationContext node : new ConfigurableApplicationContext[] {nodeA, nodeB}) {
            if (node != null) {
                node.close();
            }
        }
        if (redis != null) {
            redis.close();
        }
    }

    private static ConfigurableApplicationContext start(String... properties) {
        String[] common = {"--server.port=0", "--server.address=127.0.0.1", "--peershare.allowed-origins=" + ORIGIN,
                "--management.endpoint.health.show-details=always"};
        String[] args = new String[common.length + properties.length];
        System.arraycopy(common, 0, args, 0, common.length);
        System.arraycopy(properties, 0, args, common.length, properties.length);
        return new SpringApplicationBuilder(ShareApplication.class).run(args);
    }

    private static int port(ConfigurableApplicationContext node) {
        return ((WebServerApplicationContext) node).getWebServer().getPort();
    }

    private static URI ws(ConfigurableApplicationContext node) {
        return URI.create("ws://127.0.0.1:" + port(node) + "/ws");
    }

    @Test
    void peopleOnTwoNodesShareANetworkThroughTheApplicationsRedisAndAUrl() throws Exception {
        nodeA = start("--spring.data.redis.host=127.0.0.1", "--spring.data.redis.port=" + redis.port(),
                "--peershare.redis.enabled=true", "--peershare.redis.node-id=node-a");
        nodeB = start("--peershare.redis.url=" + redis.url(), "--peershare.redis.node-id=node-b");

        try (WsTestClient alice = WsTestClient.connect(ws(nodeA), ORIGIN);
             WsTestClient bob = WsTestClient.connect(ws(nodeB), ORIGIN)) {
            alice.join("Studio", "Alice");
            alice.await("network-joined");
            bob.join("Studio", "Bob");
            bob.await("network-joined");
            alice.await("network-users-updated", d -> d.getJsonArray("users").size() == 2);

            alice.send("send-message", Json.createObjectBuilder().add("text", "across nodes"));
            bob.await("new-message", d -> "across nodes".equals(d.getString("text", null)));
        }

        JsonObject clusterA = clusterHealth(nodeA);
        assertEquals("redis-cluster", clusterA.getString("mode"));
        assertEquals("node-a", clusterA.getString("nodeId"));
        assertEquals("up", clusterA.getString("redis"));
        assertEquals("node-b", clusterHealth(nodeB).getString("nodeId"));

        // PeerShare shares the application's Lettuce threads and leaves them running when it stops.
        nodeA.getBean(io.peershare.spring.PeerShareLifecycle.class).stop();
        assertEquals("PONG", nodeA.getBean(StringRedisTemplate.class).getConnectionFactory().getConnection().ping());
    }

    private static JsonObject clusterHealth(ConfigurableApplicationContext node) throws Exception {
        String body = PeerShareStarterTest.get(port(node), "/actuator/health/peershare").body();
        return PeerShareStarterTest.json(body).getJsonObject("details").getJsonObject("cluster");
    }
}
