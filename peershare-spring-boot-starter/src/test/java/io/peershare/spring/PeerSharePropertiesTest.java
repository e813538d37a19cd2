package io.peershare.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peershare.config.PeerShareConfig;
import io.peershare.spring.app.ShareApplication;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

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
        Map<String, JsonObject> properties = metadata();
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
    }

    /**
     * The defaults IDEs show (additional-spring-configuration-metadata.json; the fields are unset, so the processor
     * finds none) are the engine's: each, bound as a user would write it, gives the engine's default.
     */
    @Test
    void theDefaultsInTheMetadataAreTheEnginesDefaults() throws Exception {
        Map<String, JsonObject> properties = metadata();
        int compared = 0;
        for (EngineProperty<?, ?> property : EngineProperty.ALL) {
            JsonObject described = properties.get(property.name());
            if (described == null || !described.containsKey("defaultValue")) {
                assertTrue(NO_DEFAULT_IN_THE_METADATA.stream().anyMatch(property.name()::startsWith),
                        () -> property.name() + " needs its default in additional-spring-configuration-metadata.json: "
                                + property.setting().valueIn(PeerShareConfig.defaults()));
                continue;
            }
            String text = described.get("defaultValue").toString().replace("\"", "");
            PeerShareConfig bound = new Binder(new MapConfigurationPropertySource(Map.of(property.name(), text)))
                    .bindOrCreate("peershare", PeerShareProperties.class).toEngineConfig();
            assertEquals(property.setting().valueIn(PeerShareConfig.defaults()), property.setting().valueIn(bound),
                    () -> property.name() + "'s default in the metadata, " + text);
            compared++;
        }
        assertTrue(compared > 15, "compared only " + compared);
    }

    /** The metadata IDEs read, by property name. */
    private static Map<String, JsonObject> metadata() throws IOException {
        try (InputStream in = PeerSharePropertiesTest.class.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            return Json.createReader(in).readObject().getJsonArray("properties").stream().map(JsonObject.class::cast)
                    .collect(Collectors.toMap(p -> p.getString("name"), Function.identity()));
        }
    }

    /** Properties whose default the metadata cannot say: a share of the heap, none, or one per event class. */
    private static final List<String> NO_DEFAULT_IN_THE_METADATA = List.of("peershare.max-history-bytes-total",
            "peershare.max-outbound-total", "peershare.trusted-proxies", "peershare.ice-servers", "peershare.rate-limits.",
            "peershare.address-rate-limits.");

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
