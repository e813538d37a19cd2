package io.peershare.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peershare.PeerShareConfig;
import io.peershare.spring.app.ShareApplication;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** The properties' defaults, their metadata for IDEs, and what a wrong value does at start-up. */
class PeerSharePropertiesTest {

    @Test
    void unsetPropertiesGiveTheEnginesOwnDefaults() throws Exception {
        PeerShareConfig fromProperties = new PeerShareProperties().toEngineConfig();
        PeerShareConfig defaults = PeerShareConfig.defaults();
        int compared = 0;
        for (Method getter : PeerShareConfig.class.getMethods()) {
            if (getter.getParameterCount() == 0 && !Modifier.isStatic(getter.getModifiers())
                    && getter.getDeclaringClass() == PeerShareConfig.class && !getter.getName().equals("toBuilder")) {
                assertEquals(String.valueOf(getter.invoke(defaults)), String.valueOf(getter.invoke(fromProperties)),
                        getter.getName());
                compared++;
            }
        }
        assertTrue(compared > 20, "compared only " + compared + " settings");
    }

    @Test
    void everyPropertyIsInTheMetadataWithADescription() throws Exception {
        JsonObject metadata;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            metadata = Json.createReader(in).readObject();
        }
        Map<String, JsonObject> properties = metadata.getJsonArray("properties").stream().map(JsonObject.class::cast)
                .collect(Collectors.toMap(p -> p.getString("name"), Function.identity()));
        for (String name : new String[] {"peershare.path", "peershare.allowed-origins", "peershare.max-users-per-network",
                "peershare.message-retention", "peershare.max-file-size", "peershare.rate-limits",
                "peershare.address-rate-limits", "peershare.trusted-proxies", "peershare.trusted-proxy-header",
                "peershare.ice-servers", "peershare.turn.urls", "peershare.turn.secret", "peershare.resume-grace",
                "peershare.redis.url", "peershare.redis.enabled", "peershare.redis.node-id", "peershare.socket-io.enabled",
                "peershare.socket-io.path"}) {
            JsonObject property = properties.get(name);
            assertTrue(property != null, name + " is missing from the metadata");
            assertTrue(!property.getString("description", "").isBlank(), name + " has no description");
        }
        assertEquals("/ws", properties.get("peershare.path").getString("defaultValue"));
        assertEquals("24h", properties.get("peershare.message-retention").getString("defaultValue"));
        assertEquals("100MB", properties.get("peershare.max-file-size").getString("defaultValue"));
    }

    @Test
    void aWrongValueStopsStartUpNamingTheProperty() {
        Throwable failure = assertThrows(Exception.class, () -> new SpringApplicationBuilder(ShareApplication.class)
                .run("--server.port=0", "--server.address=127.0.0.1", "--peershare.rate-limits.chat=fast"));
        String messages = messages(failure);
        assertTrue(messages.contains("peershare.rate-limits.chat must be PER_SECOND,BURST, such as 5,20; was 'fast'"),
                messages);
    }

    @Test
    void aHeartbeatTimeoutShorterThanItsIntervalStopsStartUp() {
        Throwable failure = assertThrows(Exception.class, () -> new SpringApplicationBuilder(ShareApplication.class)
                .run("--server.port=0", "--server.address=127.0.0.1", "--peershare.heartbeat-interval=30s",
                        "--peershare.heartbeat-timeout=20s"));
        String messages = messages(failure);
        assertTrue(messages.contains("peershare.heartbeat-timeout (PT20S) must be longer than"
                + " peershare.heartbeat-interval (PT30S)"), messages);
    }

    @Test
    void aPathWithoutItsSlashStopsStartUpNamingTheProperty() {
        Throwable failure = assertThrows(Exception.class, () -> new SpringApplicationBuilder(ShareApplication.class)
                .run("--server.port=0", "--server.address=127.0.0.1", "--peershare.path=ws"));
        String messages = messages(failure);
        assertTrue(messages.contains("peershare.path") && messages.contains("path must start with '/': ws"), messages);
    }

    @Test
    void aRedisClusterWithoutARedisStopsStartUpSayingWhatToSet() {
        Throwable failure = assertThrows(Exception.class, () -> new SpringApplicationBuilder(ShareApplication.class)
                .run("--server.port=0", "--server.address=127.0.0.1", "--peershare.redis.enabled=true",
                        "--spring.data.redis.port=1", "--spring.autoconfigure.exclude="
                                + "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration"));
        String messages = messages(failure);
        assertTrue(messages.contains("set peershare.redis.url"), messages);
    }

    private static String messages(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }
}
