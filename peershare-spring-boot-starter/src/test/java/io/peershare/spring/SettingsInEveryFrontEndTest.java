package io.peershare.spring;

import static io.peershare.config.PeerShareSetting.CLEANUP_INTERVAL;
import static io.peershare.config.PeerShareSetting.ICE_SERVERS;
import static io.peershare.config.PeerShareSetting.MAX_FILE_NAME_LENGTH;
import static io.peershare.config.PeerShareSetting.MAX_FILE_SIZE;
import static io.peershare.config.PeerShareSetting.MAX_FRAME_SIZE;
import static io.peershare.config.PeerShareSetting.MAX_HISTORY_BYTES_PER_NETWORK;
import static io.peershare.config.PeerShareSetting.MAX_HISTORY_BYTES_TOTAL;
import static io.peershare.config.PeerShareSetting.MAX_MESSAGE_LENGTH;
import static io.peershare.config.PeerShareSetting.MAX_NETWORK_NAME_LENGTH;
import static io.peershare.config.PeerShareSetting.MAX_OUTBOUND_BYTES;
import static io.peershare.config.PeerShareSetting.MAX_OUTBOUND_BYTES_TOTAL;
import static io.peershare.config.PeerShareSetting.MAX_SIGNAL_SIZE;
import static io.peershare.config.PeerShareSetting.MAX_USER_NAME_LENGTH;
import static io.peershare.config.PeerShareSetting.RATE_LIMIT_STRIKES;
import static io.peershare.config.PeerShareSetting.SWEEP_INTERVAL;
import static io.peershare.config.PeerShareSetting.TRUSTED_PROXIES;
import static io.peershare.config.PeerShareSetting.TURN_CREDENTIALS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peershare.config.ForwardedHeader;
import io.peershare.config.IceServer;
import io.peershare.config.NetworkPolicy;
import io.peershare.config.PeerShareConfig;
import io.peershare.config.PeerShareSetting;
import io.peershare.config.RateLimit;
import io.peershare.server.ConfigurationException;
import io.peershare.server.EnvironmentTable;
import io.peershare.server.ServerConfig;
import io.peershare.war.ContextParameters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * Every engine setting is offered by all three front ends with one meaning: the reference server's environment
 * variables, the WAR's context parameters (the same names) and the starter's {@code peershare.*} properties. Unset, each
 * gives the engine's default; the same value gives the same engine setting; a bad value is refused naming the setting
 * in the front end's own spelling; and docs/operations.md shows the engine's default.
 */
class SettingsInEveryFrontEndTest {

    /** Engine settings no front end offers, and why: a host that needs them builds its own {@link PeerShareConfig}. */
    private static final Map<PeerShareSetting<?>, String> ENGINE_ONLY = Map.ofEntries(
            Map.entry(MAX_NETWORK_NAME_LENGTH, "a protocol limit clients are told on join; the page is written for it"),
            Map.entry(MAX_USER_NAME_LENGTH, "a protocol limit clients are told on join; the page is written for it"),
            Map.entry(MAX_MESSAGE_LENGTH, "a protocol limit clients are told on join; the page is written for it"),
            Map.entry(MAX_FILE_NAME_LENGTH, "a protocol limit clients are told on join; the page is written for it"),
            Map.entry(MAX_SIGNAL_SIZE, "a protocol limit, sized for what browsers' WebRTC signals need"),
            Map.entry(MAX_FRAME_SIZE, "a protocol limit, tied to the transports' own frame limits"),
            Map.entry(SWEEP_INTERVAL, "the engine's own housekeeping rhythm"),
            Map.entry(CLEANUP_INTERVAL, "the engine's own housekeeping rhythm"),
            Map.entry(RATE_LIMIT_STRIKES, "tuned with the rate limits themselves, which are offered"),
            Map.entry(TURN_CREDENTIALS, "made of three settings of each front end's own: URLs, secret, lifetime"));

    /** Settings the starter takes as a {@code DataSize}. */
    private static final Set<PeerShareSetting<?>> SIZES = Set.of(MAX_HISTORY_BYTES_PER_NETWORK, MAX_HISTORY_BYTES_TOTAL,
            MAX_FILE_SIZE, MAX_OUTBOUND_BYTES, MAX_OUTBOUND_BYTES_TOTAL);

    private static final PeerShareConfig DEFAULTS = PeerShareConfig.defaults();

    static Stream<PeerShareSetting<?>> offeredSettings() {
        return PeerShareSetting.all().stream().filter(setting -> !ENGINE_ONLY.containsKey(setting));
    }

    static Stream<PeerShareSetting<?>> engineOnlySettings() {
        return ENGINE_ONLY.keySet().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("offeredSettings")
    void everyFrontEndOffersTheSetting(PeerShareSetting<?> setting) {
        String variable = EnvironmentTable.variableOf(setting).orElseThrow(
                () -> new AssertionError("the reference server has no variable for " + setting));
        assertNotEquals(setting.key(), EngineProperty.nameOf(setting), () -> "the starter has no property for " + setting);
        assertTrue(ContextParameters.read(Map.of(variable, "x")).containsKey(variable),
                () -> "the WAR takes " + variable + " from its context parameters");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engineOnlySettings")
    void aSettingLeftToTheEngineIsOfferedByNoFrontEnd(PeerShareSetting<?> setting) {
        assertFalse(EnvironmentTable.offers(setting), () -> setting + " is offered after all: " + ENGINE_ONLY.get(setting));
        assertEquals(setting.key(), EngineProperty.nameOf(setting), () -> setting + " has a property after all");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("offeredSettings")
    void unsetItIsTheEnginesDefaultInEveryFrontEnd(PeerShareSetting<?> setting) {
        Object expected = setting.valueIn(DEFAULTS);
        assertEquals(expected, setting.valueIn(ServerConfig.fromEnvironment(Map.of()).engine()), "environment");
        assertEquals(expected, setting.valueIn(ServerConfig.fromEnvironment(ContextParameters.read(Map.of())).engine()),
                "WAR");
        assertEquals(expected, setting.valueIn(fromProperties(Map.of())), "starter");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("offeredSettings")
    <T> void theSameValueGivesTheSameEngineSettingInEveryFrontEnd(PeerShareSetting<T> setting) {
        T value = otherThanTheDefault(setting);
        String variable = EnvironmentTable.variableOf(setting).orElseThrow();
        Map<String, String> environment = Map.of(variable, EnvironmentTable.written(setting, value));
        assertEquals(value, setting.valueIn(ServerConfig.fromEnvironment(environment).engine()), "environment");
        assertEquals(value, setting.valueIn(ServerConfig.fromEnvironment(ContextParameters.read(environment)).engine()),
                "WAR");
        assertEquals(value, setting.valueIn(fromProperties(asProperties(setting, value))), "starter");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("offeredSettings")
    void aBadValueIsRefusedNamingTheSettingAsEachFrontEndSpellsIt(PeerShareSetting<?> setting) {
        String variable = EnvironmentTable.variableOf(setting).orElseThrow();
        Map<String, String> bad = Map.of(variable, EnvironmentTable.refused(setting));
        assertTrue(problems(bad).stream().anyMatch(p -> p.startsWith(variable + " ")), () -> problems(bad).toString());
        assertTrue(problems(ContextParameters.read(bad)).stream().anyMatch(p -> p.startsWith(variable + " ")), "WAR");
        String property = EngineProperty.nameOf(setting);
        Throwable refused = assertThrows(RuntimeException.class, () -> fromProperties(badProperty(setting, property)));
        String messages = messages(refused);
        assertTrue(messages.contains(property), () -> "names " + property + ": " + messages);
        assertFalse(refused.getMessage().contains(setting.key() + " "), () -> "the user is not told the engine's name, "
                + setting.key() + ": " + refused.getMessage());
    }

    @Test
    void theOperationsGuideShowsTheEnginesDefaultOfEveryVariable() throws IOException {
        String guide = Files.readString(Path.of("").toAbsolutePath().getParent().resolve("docs/operations.md"));
        offeredSettings().forEach(setting -> {
            String shown = EnvironmentTable.shownDefault(setting);
            String row = "| `" + EnvironmentTable.variableOf(setting).orElseThrow() + "` | "
                    + (shown.startsWith("(") ? shown : "`" + shown + "`") + " |";
            assertTrue(guide.contains(row), () -> "docs/operations.md has the row " + row);
        });
    }

    // --- the front ends

    private static PeerShareConfig fromProperties(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("peershare", PeerShareProperties.class).toEngineConfig();
    }

    private static List<String> problems(Map<String, String> environment) {
        return assertThrows(ConfigurationException.class, () -> ServerConfig.fromEnvironment(environment)).problems();
    }

    /** {@code value} as {@code peershare.*} properties. */
    private static Map<String, String> asProperties(PeerShareSetting<?> setting, Object value) {
        String property = EngineProperty.nameOf(setting);
        if (setting == ICE_SERVERS) {
            return Map.of(property + "[0].urls[0]", ((List<?>) value).stream().map(IceServer.class::cast)
                    .findFirst().orElseThrow().urls().get(0));
        }
        String text = value instanceof Duration duration ? duration.toSeconds() + "s"
                : SIZES.contains(setting) ? value + "B"
                : value instanceof Enum<?> constant ? constant.name()
                : value instanceof RateLimit limit ? limit.perSecond() + "," + limit.burst()
                : value instanceof List<?> list ? String.join(",", list.stream().map(String::valueOf).toList())
                : String.valueOf(value);
        return Map.of(property, text);
    }

    private static Map<String, String> badProperty(PeerShareSetting<?> setting, String property) {
        Object value = setting.valueIn(DEFAULTS);
        if (setting == ICE_SERVERS) {
            return Map.of(property + "[0].urls[0]", "http://example.com");
        }
        String text = value instanceof Duration ? "-1s"
                : SIZES.contains(setting) ? "-1B"
                : value instanceof Number ? "0"
                : value instanceof Enum<?> ? "nonsense"
                : value instanceof RateLimit ? "0,10"
                : setting == TRUSTED_PROXIES ? "proxy.example.com" : "?";
        return Map.of(property, text);
    }

    /** A value other than the default that every front end can say. */
    @SuppressWarnings("unchecked")
    private static <T> T otherThanTheDefault(PeerShareSetting<T> setting) {
        Object value = setting.valueIn(DEFAULTS);
        Object other = value instanceof Boolean on ? (Object) !on
                : value instanceof Integer count ? (Object) (count * 2)
                : value instanceof Long bytes ? (Object) (bytes * 2)
                : value instanceof Duration duration ? duration.multipliedBy(2)
                : value instanceof NetworkPolicy policy ? (policy == NetworkPolicy.NAME ? NetworkPolicy.ADDRESS : NetworkPolicy.NAME)
                : value instanceof ForwardedHeader header ? (header == ForwardedHeader.FORWARDED
                        ? ForwardedHeader.X_FORWARDED_FOR : ForwardedHeader.FORWARDED)
                : value instanceof RateLimit limit ? RateLimit.of(limit.perSecond() * 2, limit.burst() * 2)
                : setting == TRUSTED_PROXIES ? List.of("10.0.0.0/8")
                : List.of(IceServer.stun("stun:stun.example.com:3478"));
        return (T) other;
    }

    private static String messages(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }
}
