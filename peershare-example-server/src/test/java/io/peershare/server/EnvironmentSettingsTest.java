package io.peershare.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peershare.config.IceServer;
import io.peershare.config.NetworkPolicy;
import io.peershare.config.PeerShareConfig;
import io.peershare.config.RateLimit;
import io.peershare.model.EventClass;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The engine's variables, read by the server's table of settings. */
class EnvironmentSettingsTest {

    private static PeerShareConfig fromEnv(String name, String value) {
        return ServerConfig.fromEnvironment(Map.of(name, value)).engine();
    }

    /** Every value the configuration exposes, so that two configurations can be compared. */
    private static List<Object> valuesOf(PeerShareConfig config) throws Exception {
        List<Object> values = new ArrayList<>();
        for (Method getter : PeerShareConfig.class.getMethods()) {
            if (getter.getParameterCount() == 0 && getter.getDeclaringClass() == PeerShareConfig.class
                    && !Modifier.isStatic(getter.getModifiers()) && !getter.getName().equals("toBuilder")) {
                values.add(getter.getName() + "=" + getter.invoke(config));
            }
        }
        for (EventClass eventClass : EventClass.values()) {
            values.add(eventClass + "=" + config.connectionRateLimit(eventClass) + "/" + config.addressRateLimit(eventClass));
        }
        values.sort(null);
        return values;
    }

    @Test
    void anEmptyEnvironmentGivesTheEnginesDefaults() throws Exception {
        assertEquals(valuesOf(PeerShareConfig.defaults()), valuesOf(ServerConfig.fromEnvironment(Map.of()).engine()),
                "the defaults in the table of settings are the engine's");
    }

    @Test
    void unrelatedAndBlankVariablesAreIgnored() {
        PeerShareConfig c = ServerConfig.fromEnvironment(Map.of("PATH", "/usr/bin", "MAX_USERS_PER_NETWORK", "  ",
                "HEARTBEAT_TIMEOUT_SECONDS", "")).engine();
        assertEquals(100, c.maxUsersPerNetwork());
        assertEquals(Duration.ofSeconds(60), c.heartbeatTimeout());
    }

    /** What each variable sets, read back from the engine's configuration. */
    private static final Map<String, Function<PeerShareConfig, Object>> SETS = Map.of(
            "MAX_USERS_PER_NETWORK", PeerShareConfig::maxUsersPerNetwork,
            "MESSAGE_RETENTION_HOURS", PeerShareConfig::messageRetention,
            "MAX_HISTORY_MESSAGES", PeerShareConfig::maxHistoryMessages,
            "MAX_FILE_SIZE", PeerShareConfig::maxFileSize,
            "MAX_TRANSFERS_PER_PEER", PeerShareConfig::maxTransfersPerPeer,
            "TRANSFER_REQUEST_TIMEOUT_SECONDS", PeerShareConfig::transferRequestTimeout,
            "HEARTBEAT_INTERVAL_SECONDS", PeerShareConfig::heartbeatInterval,
            "HEARTBEAT_TIMEOUT_SECONDS", PeerShareConfig::heartbeatTimeout);

    @ParameterizedTest(name = "{0}=''{1}'' sets {2}")
    @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, value = {
        "MAX_USERS_PER_NETWORK|12|12",
        "MAX_USERS_PER_NETWORK| 12 |12",
        "MESSAGE_RETENTION_HOURS|1.5|PT1H30M",
        "MESSAGE_RETENTION_HOURS|48|PT48H",
        "MESSAGE_RETENTION_HOURS|0.01|PT1M",
        "MAX_HISTORY_MESSAGES|50|50",
        "MAX_FILE_SIZE|5000000000|5000000000",
        "MAX_FILE_SIZE|1|1",
        "MAX_TRANSFERS_PER_PEER|2|2",
        "TRANSFER_REQUEST_TIMEOUT_SECONDS|30|PT30S",
        "HEARTBEAT_INTERVAL_SECONDS|10|PT10S",
        "HEARTBEAT_TIMEOUT_SECONDS|90|PT1M30S",
    })
    void readsEachEngineVariableTrimmed(String name, String value, String expected) {
        assertEquals(expected, String.valueOf(SETS.get(name).apply(fromEnv(name, value))));
    }

    @ParameterizedTest(name = "{0} is {1} bytes")
    @CsvSource({
        "10MB,      10000000",
        "10 MB,     10000000",
        "10mb,      10000000",
        "100MiB,    104857600",
        "100 mib,   104857600",
        "2KB,       2000",
        "2KiB,      2048",
        "1GB,       1000000000",
        "1GiB,      1073741824",
        "1.5GB,     1500000000",
        "0.5 KiB,   512",
        "512B,      512",
        "512 b,     512",
    })
    void readsMaxFileSizeWithAUnit(String value, long bytes) {
        assertEquals(bytes, fromEnv("MAX_FILE_SIZE", value).maxFileSize());
    }

    @ParameterizedTest(name = "interval {0} s, timeout {1} s")
    @CsvSource({"10, 20", "70, 120"})
    void heartbeatIntervalAndTimeoutMayBeLoweredOrRaisedTogether(int interval, int timeout) {
        PeerShareConfig c = ServerConfig.fromEnvironment(Map.of("HEARTBEAT_INTERVAL_SECONDS", Integer.toString(interval),
                "HEARTBEAT_TIMEOUT_SECONDS", Integer.toString(timeout))).engine();
        assertEquals(Duration.ofSeconds(interval), c.heartbeatInterval());
        assertEquals(Duration.ofSeconds(timeout), c.heartbeatTimeout());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "address-and-name, ADDRESS_AND_NAME",
        "ADDRESS_AND_NAME, ADDRESS_AND_NAME",
        "address_and_name, ADDRESS_AND_NAME",
        "name,             NAME",
        "Address,          ADDRESS",
    })
    void readsTheNetworkPolicyInAnyCase(String value, NetworkPolicy expected) {
        assertEquals(expected, fromEnv("NETWORK_POLICY", value).networkPolicy());
    }

    @Test
    void readsTrustedProxiesAsACommaSeparatedList() {
        assertEquals(List.of("10.0.0.0/8", "127.0.0.1", "2001:db8::/32"),
                fromEnv("TRUSTED_PROXIES", "10.0.0.0/8, 127.0.0.1,,2001:db8::/32 ").trustedProxies());
    }

    @Test
    void readsIceServersAsAJsonArray() {
        List<IceServer> servers = fromEnv("ICE_SERVERS", "[{\"urls\":\"stun:stun.example.com:3478\"},"
                + "{\"urls\":[\"turn:turn.example.com\",\"turns:turn.example.com\"],\"username\":\"u\",\"credential\":\"c\"}]")
                .iceServers();
        assertEquals(List.of(IceServer.stun("stun:stun.example.com:3478"),
                new IceServer(List.of("turn:turn.example.com", "turns:turn.example.com"), "u", "c")), servers);
    }

    @Test
    void readsAnEmptyIceServerList() {
        assertEquals(List.of(), fromEnv("ICE_SERVERS", "[]").iceServers());
    }

    @ParameterizedTest
    @EnumSource(EventClass.class)
    void readsTheConnectionAndTheAddressRateLimitOfEachClassApart(EventClass eventClass) {
        PeerShareConfig perConnection = fromEnv("RATE_LIMIT_" + eventClass.name(), "2.5, 7");
        PeerShareConfig perAddress = fromEnv("ADDRESS_RATE_LIMIT_" + eventClass.name(), "300,900");
        assertEquals(RateLimit.of(2.5, 7), perConnection.connectionRateLimit(eventClass));
        assertEquals(PeerShareConfig.defaults().addressRateLimit(eventClass), perConnection.addressRateLimit(eventClass));
        assertEquals(RateLimit.of(300, 900), perAddress.addressRateLimit(eventClass));
        assertEquals(PeerShareConfig.defaults().connectionRateLimit(eventClass), perAddress.connectionRateLimit(eventClass));
    }

    @Test
    void readsEveryVariableTogether() {
        PeerShareConfig c = ServerConfig.fromEnvironment(Map.ofEntries(
                Map.entry("MAX_USERS_PER_NETWORK", "12"),
                Map.entry("MESSAGE_RETENTION_HOURS", "1.5"),
                Map.entry("MAX_HISTORY_MESSAGES", "50"),
                Map.entry("MAX_FILE_SIZE", "2048"),
                Map.entry("MAX_TRANSFERS_PER_PEER", "2"),
                Map.entry("TRANSFER_REQUEST_TIMEOUT_SECONDS", "30"),
                Map.entry("HEARTBEAT_INTERVAL_SECONDS", "15"),
                Map.entry("HEARTBEAT_TIMEOUT_SECONDS", "90"),
                Map.entry("NETWORK_POLICY", "name"),
                Map.entry("TRUSTED_PROXIES", "10.0.0.0/8, 127.0.0.1"),
                Map.entry("ICE_SERVERS", "[{\"urls\":\"stun:stun.example.com:3478\"}]"),
                Map.entry("RATE_LIMIT_CHAT", "1,2"),
                Map.entry("ADDRESS_RATE_LIMIT_SIGNAL", "3,4"))).engine();
        assertEquals(12, c.maxUsersPerNetwork());
        assertEquals(Duration.ofMinutes(90), c.messageRetention());
        assertEquals(50, c.maxHistoryMessages());
        assertEquals(2048, c.maxFileSize());
        assertEquals(2, c.maxTransfersPerPeer());
        assertEquals(Duration.ofSeconds(30), c.transferRequestTimeout());
        assertEquals(Duration.ofSeconds(15), c.heartbeatInterval());
        assertEquals(Duration.ofSeconds(90), c.heartbeatTimeout());
        assertEquals(NetworkPolicy.NAME, c.networkPolicy());
        assertEquals(List.of("10.0.0.0/8", "127.0.0.1"), c.trustedProxies());
        assertEquals(1, c.iceServers().size());
        assertEquals(RateLimit.of(1, 2), c.connectionRateLimit(EventClass.CHAT));
        assertEquals(RateLimit.of(3, 4), c.addressRateLimit(EventClass.SIGNAL));
    }

    // --- the table itself

    @Test
    void everyEventClassHasAConnectionAndAnAddressRateLimitVariable() {
        Set<String> names = EnvironmentSettings.ALL.stream().map(Setting::name).collect(Collectors.toSet());
        for (EventClass eventClass : EventClass.values()) {
            assertTrue(names.contains("RATE_LIMIT_" + eventClass), "RATE_LIMIT_" + eventClass);
            assertTrue(names.contains("ADDRESS_RATE_LIMIT_" + eventClass), "ADDRESS_RATE_LIMIT_" + eventClass);
        }
    }

    @Test
    void eachVariableIsWrittenOnce() {
        List<String> names = EnvironmentSettings.ALL.stream().map(Setting::name).toList();
        assertEquals(names.size(), Set.copyOf(names).size(), names.toString());
    }

    @Test
    void everyDefaultValueIsAValueItsVariableAccepts() {
        for (Setting<?> setting : EnvironmentSettings.ALL) {
            if (setting.hasDefaultValue()) {
                setting.read(setting.defaultValue()); // throws naming the variable if not
            }
        }
    }
}
