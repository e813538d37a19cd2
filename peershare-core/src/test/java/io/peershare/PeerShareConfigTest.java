package io.peershare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class PeerShareConfigTest {

    private static PeerShareConfig fromEnv(String name, String value) {
        return PeerShareConfig.fromEnvironment(Map.of(name, value)).build();
    }

    private static IllegalArgumentException envRefusal(Map<String, String> environment) {
        return assertThrows(IllegalArgumentException.class, () -> PeerShareConfig.fromEnvironment(environment).build());
    }

    private static void assertRefused(UnaryOperator<PeerShareConfig.Builder> change) {
        assertThrows(IllegalArgumentException.class, () -> change.apply(PeerShareConfig.builder()).build());
    }

    // --- documented defaults

    @Test
    void theDefaultLimitsAreTheDocumentedOnes() {
        PeerShareConfig c = PeerShareConfig.defaults();
        assertEquals(100, c.maxUsersPerNetwork());
        assertEquals(1000, c.maxHistoryMessages());
        assertEquals(100L * 1024 * 1024, c.maxFileSize());
        assertEquals(PeerShareConfig.DEFAULT_MAX_FILE_SIZE, c.maxFileSize());
        assertEquals(50, c.maxNetworkNameLength());
        assertEquals(30, c.maxUserNameLength());
        assertEquals(2000, c.maxMessageLength());
        assertEquals(255, c.maxFileNameLength());
        assertEquals(64 * 1024, c.maxSignalSize());
        assertEquals(96 * 1024, c.maxFrameSize());
        assertEquals(5, c.maxTransfersPerPeer());
    }

    @Test
    void theDefaultDurationsAreTheDocumentedOnes() {
        PeerShareConfig c = PeerShareConfig.defaults();
        assertEquals(Duration.ofHours(24), c.messageRetention());
        assertEquals(Duration.ofSeconds(60), c.transferRequestTimeout());
        assertEquals(Duration.ofSeconds(25), c.heartbeatInterval());
        assertEquals(Duration.ofSeconds(60), c.heartbeatTimeout());
        assertEquals(Duration.ofSeconds(5), c.sweepInterval());
        assertEquals(Duration.ofMinutes(1), c.cleanupInterval());
    }

    @Test
    void theDefaultPolicyIsAddressAndNameWithNoProxiesAndNoIceServers() {
        PeerShareConfig c = PeerShareConfig.defaults();
        assertEquals(NetworkPolicy.ADDRESS_AND_NAME, c.networkPolicy());
        assertEquals(List.of(), c.trustedProxies());
        assertEquals(List.of(), c.iceServers());
    }

    @Test
    void theDefaultStrikesAre30AtOnceForgivenAtOneASecond() {
        assertEquals(RateLimit.of(1, 30), PeerShareConfig.defaults().rateLimitStrikes());
    }

    @ParameterizedTest(name = "{0}: {1}/s burst {2} per connection, {3}/s burst {4} per address")
    @CsvSource({
        "JOIN,     0.5, 10,  10,   200",
        "CHAT,     5,   20,  100,  400",
        "SIGNAL,   100, 400, 5000, 20000",
        "TRANSFER, 20,  60,  500,  2000",
        "CONTROL,  5,   20,  200,  1000",
    })
    void theDefaultRateLimitsAreTheDocumentedOnes(EventClass eventClass, double connectionRate, int connectionBurst,
            double addressRate, int addressBurst) {
        PeerShareConfig c = PeerShareConfig.defaults();
        assertEquals(RateLimit.of(connectionRate, connectionBurst), c.connectionRateLimit(eventClass));
        assertEquals(RateLimit.of(addressRate, addressBurst), c.addressRateLimit(eventClass));
    }

    @Test
    void toBuilderKeepsEverySetting() {
        PeerShareConfig c = PeerShareConfig.builder().maxUsersPerNetwork(7).networkPolicy(NetworkPolicy.NAME)
                .trustedProxies(List.of("10.0.0.0/8")).connectionRateLimit(EventClass.CHAT, RateLimit.of(1, 2)).build();
        PeerShareConfig copy = c.toBuilder().build();
        assertEquals(7, copy.maxUsersPerNetwork());
        assertEquals(NetworkPolicy.NAME, copy.networkPolicy());
        assertEquals(List.of("10.0.0.0/8"), copy.trustedProxies());
        assertEquals(RateLimit.of(1, 2), copy.connectionRateLimit(EventClass.CHAT));
    }

    // --- the builder refuses invalid values

    @Test
    void zeroCountsAreRefused() {
        assertRefused(b -> b.maxUsersPerNetwork(0));
        assertRefused(b -> b.maxHistoryMessages(0));
        assertRefused(b -> b.maxNetworkNameLength(0));
        assertRefused(b -> b.maxUserNameLength(0));
        assertRefused(b -> b.maxMessageLength(0));
        assertRefused(b -> b.maxFileNameLength(0));
        assertRefused(b -> b.maxSignalSize(0));
        assertRefused(b -> b.maxTransfersPerPeer(0));
    }

    @Test
    void negativeCountsAreRefused() {
        assertRefused(b -> b.maxUsersPerNetwork(-1));
        assertRefused(b -> b.maxFileSize(-1));
    }

    @Test
    void aMaxFileSizeOfZeroIsAllowed() {
        assertEquals(0, PeerShareConfig.builder().maxFileSize(0).build().maxFileSize());
    }

    @Test
    void zeroNegativeAndMissingDurationsAreRefused() {
        assertRefused(b -> b.messageRetention(Duration.ZERO));
        assertRefused(b -> b.messageRetention(Duration.ofSeconds(-1)));
        assertRefused(b -> b.messageRetention(null));
        assertRefused(b -> b.transferRequestTimeout(Duration.ZERO));
        assertRefused(b -> b.sweepInterval(Duration.ZERO));
        assertRefused(b -> b.cleanupInterval(Duration.ZERO));
    }

    @Test
    void aFrameMustBeLargerThanTheLargestSignal() {
        assertRefused(b -> b.maxFrameSize(1024));
        assertRefused(b -> b.maxSignalSize(1000).maxFrameSize(1000));
        assertEquals(1001, PeerShareConfig.builder().maxSignalSize(1000).maxFrameSize(1001).build().maxFrameSize());
    }

    @Test
    void theHeartbeatTimeoutMustBeLongerThanTheInterval() {
        assertRefused(b -> b.heartbeatInterval(Duration.ofSeconds(30)).heartbeatTimeout(Duration.ofSeconds(30)));
        assertRefused(b -> b.heartbeatInterval(Duration.ofSeconds(90)));
    }

    @Test
    void anInvalidTrustedProxyIsRefusedAndNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PeerShareConfig.builder().trustedProxies(List.of("10.0.0.0/8", "proxy.example.com")).build());
        assertTrue(e.getMessage().contains("proxy.example.com"), e.getMessage());
    }

    @Test
    void aMissingNetworkPolicyIsRefused() {
        assertThrows(NullPointerException.class, () -> PeerShareConfig.builder().networkPolicy(null).build());
    }

    @Test
    void aBuiltConfigurationDoesNotChangeWithItsBuilder() {
        PeerShareConfig.Builder builder = PeerShareConfig.builder().connectionRateLimit(EventClass.CHAT, RateLimit.of(1, 2));
        PeerShareConfig built = builder.build();
        builder.connectionRateLimit(EventClass.CHAT, RateLimit.of(9, 9)).maxUsersPerNetwork(3);
        assertEquals(RateLimit.of(1, 2), built.connectionRateLimit(EventClass.CHAT));
        assertEquals(100, built.maxUsersPerNetwork());
    }

    // --- environment variables

    @Test
    void anEmptyEnvironmentGivesTheDefaults() {
        PeerShareConfig c = PeerShareConfig.fromEnvironment(Map.of()).build();
        assertEquals(PeerShareConfig.defaults().maxUsersPerNetwork(), c.maxUsersPerNetwork());
        assertEquals(PeerShareConfig.defaults().heartbeatTimeout(), c.heartbeatTimeout());
    }

    @Test
    void unrelatedAndBlankVariablesAreIgnored() {
        PeerShareConfig c = PeerShareConfig.fromEnvironment(Map.of("PATH", "/usr/bin", "MAX_USERS_PER_NETWORK", "  ",
                "HEARTBEAT_TIMEOUT_SECONDS", "")).build();
        assertEquals(100, c.maxUsersPerNetwork());
        assertEquals(Duration.ofSeconds(60), c.heartbeatTimeout());
    }

    @Test
    void readsMaxUsersPerNetwork() {
        assertEquals(12, fromEnv("MAX_USERS_PER_NETWORK", "12").maxUsersPerNetwork());
    }

    @Test
    void valuesAreTrimmed() {
        assertEquals(12, fromEnv("MAX_USERS_PER_NETWORK", " 12 ").maxUsersPerNetwork());
    }

    @Test
    void readsMessageRetentionInFractionalHours() {
        assertEquals(Duration.ofMinutes(90), fromEnv("MESSAGE_RETENTION_HOURS", "1.5").messageRetention());
        assertEquals(Duration.ofHours(48), fromEnv("MESSAGE_RETENTION_HOURS", "48").messageRetention());
    }

    @Test
    void readsMaxHistoryMessages() {
        assertEquals(50, fromEnv("MAX_HISTORY_MESSAGES", "50").maxHistoryMessages());
    }

    @Test
    void readsMaxFileSizeInBytes() {
        assertEquals(5_000_000_000L, fromEnv("MAX_FILE_SIZE", "5000000000").maxFileSize());
    }

    @Test
    void readsMaxTransfersPerPeer() {
        assertEquals(2, fromEnv("MAX_TRANSFERS_PER_PEER", "2").maxTransfersPerPeer());
    }

    @Test
    void readsTransferRequestTimeoutInSeconds() {
        assertEquals(Duration.ofSeconds(30), fromEnv("TRANSFER_REQUEST_TIMEOUT_SECONDS", "30").transferRequestTimeout());
    }

    @Test
    void readsHeartbeatIntervalInSeconds() {
        assertEquals(Duration.ofSeconds(10), fromEnv("HEARTBEAT_INTERVAL_SECONDS", "10").heartbeatInterval());
    }

    @Test
    void readsHeartbeatTimeoutInSeconds() {
        assertEquals(Duration.ofSeconds(90), fromEnv("HEARTBEAT_TIMEOUT_SECONDS", "90").heartbeatTimeout());
    }

    @Test
    void heartbeatIntervalAndTimeoutMayBothBeLoweredTogether() {
        PeerShareConfig c = PeerShareConfig.fromEnvironment(Map.of(
                "HEARTBEAT_INTERVAL_SECONDS", "10", "HEARTBEAT_TIMEOUT_SECONDS", "20")).build();
        assertEquals(Duration.ofSeconds(10), c.heartbeatInterval());
        assertEquals(Duration.ofSeconds(20), c.heartbeatTimeout());
    }

    @Test
    void heartbeatIntervalAndTimeoutMayBothBeRaisedAboveTheDefaultTimeoutTogether() {
        PeerShareConfig c = PeerShareConfig.fromEnvironment(Map.of(
                "HEARTBEAT_INTERVAL_SECONDS", "70", "HEARTBEAT_TIMEOUT_SECONDS", "120")).build();
        assertEquals(Duration.ofSeconds(70), c.heartbeatInterval());
        assertEquals(Duration.ofSeconds(120), c.heartbeatTimeout());
    }

    @Test
    void aHeartbeatTimeoutBelowTheDefaultIntervalNamesBothVariables() {
        IllegalArgumentException e = envRefusal(Map.of("HEARTBEAT_TIMEOUT_SECONDS", "20"));
        assertTrue(e.getMessage().contains("HEARTBEAT_TIMEOUT_SECONDS"), e.getMessage());
        assertTrue(e.getMessage().contains("HEARTBEAT_INTERVAL_SECONDS"), e.getMessage());
    }

    @Test
    void conflictingHeartbeatVariablesNameBothVariables() {
        IllegalArgumentException e = envRefusal(Map.of(
                "HEARTBEAT_INTERVAL_SECONDS", "30", "HEARTBEAT_TIMEOUT_SECONDS", "30"));
        assertTrue(e.getMessage().contains("HEARTBEAT_TIMEOUT_SECONDS"), e.getMessage());
        assertTrue(e.getMessage().contains("HEARTBEAT_INTERVAL_SECONDS"), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "address-and-name, ADDRESS_AND_NAME",
        "ADDRESS_AND_NAME, ADDRESS_AND_NAME",
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

    @ParameterizedTest
    @EnumSource(EventClass.class)
    void readsTheConnectionRateLimitOfEachClass(EventClass eventClass) {
        PeerShareConfig c = fromEnv("RATE_LIMIT_" + eventClass.name(), "2.5, 7");
        assertEquals(RateLimit.of(2.5, 7), c.connectionRateLimit(eventClass));
        assertEquals(PeerShareConfig.defaults().addressRateLimit(eventClass), c.addressRateLimit(eventClass));
    }

    @ParameterizedTest
    @EnumSource(EventClass.class)
    void readsTheAddressRateLimitOfEachClass(EventClass eventClass) {
        PeerShareConfig c = fromEnv("ADDRESS_RATE_LIMIT_" + eventClass.name(), "300,900");
        assertEquals(RateLimit.of(300, 900), c.addressRateLimit(eventClass));
        assertEquals(PeerShareConfig.defaults().connectionRateLimit(eventClass), c.connectionRateLimit(eventClass));
    }

    @Test
    void readsEveryVariableTogether() {
        PeerShareConfig c = PeerShareConfig.fromEnvironment(Map.ofEntries(
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
                Map.entry("ADDRESS_RATE_LIMIT_SIGNAL", "3,4"))).build();
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

    // --- bad values name their variable

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "MAX_USERS_PER_NETWORK            | lots",
        "MAX_USERS_PER_NETWORK            | 0",
        "MAX_USERS_PER_NETWORK            | 1.5",
        "MAX_USERS_PER_NETWORK            | 99999999999",
        "MESSAGE_RETENTION_HOURS          | forever",
        "MESSAGE_RETENTION_HOURS          | 0",
        "MESSAGE_RETENTION_HOURS          | -1",
        "MESSAGE_RETENTION_HOURS          | 1e300",
        "MAX_HISTORY_MESSAGES             | -5",
        "MAX_FILE_SIZE                    | 100MB",
        "MAX_FILE_SIZE                    | -1",
        "MAX_TRANSFERS_PER_PEER           | none",
        "TRANSFER_REQUEST_TIMEOUT_SECONDS | 0",
        "TRANSFER_REQUEST_TIMEOUT_SECONDS | 1m",
        "HEARTBEAT_INTERVAL_SECONDS       | 0",
        "HEARTBEAT_INTERVAL_SECONDS       | 90",
        "HEARTBEAT_INTERVAL_SECONDS       | soon",
        "HEARTBEAT_TIMEOUT_SECONDS        | -60",
        "NETWORK_POLICY                   | everyone",
        "TRUSTED_PROXIES                  | proxy.example.com",
        "TRUSTED_PROXIES                  | 10.0.0.0/33",
        "ICE_SERVERS                      | stun:stun.example.com",
        "ICE_SERVERS                      | [{\"urls\":\"http://example.com\"}]",
        "ICE_SERVERS                      | [\"stun:stun.example.com\"]",
        "RATE_LIMIT_CHAT                  | fast",
        "RATE_LIMIT_JOIN                  | 0,10",
        "RATE_LIMIT_CONTROL               | 5,0",
        "ADDRESS_RATE_LIMIT_SIGNAL        | 1,2,3",
        "ADDRESS_RATE_LIMIT_TRANSFER      | -1,5",
    })
    void aBadValueIsReportedWithTheVariablesName(String name, String value) {
        IllegalArgumentException e = envRefusal(Map.of(name, value));
        assertTrue(e.getMessage().contains(name), () -> "should name " + name + ": " + e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"MAX_USERS_PER_NETWORK", "MAX_HISTORY_MESSAGES", "MAX_TRANSFERS_PER_PEER"})
    void aBadValueIsQuotedInTheMessage(String name) {
        IllegalArgumentException e = envRefusal(Map.of(name, "lots"));
        assertTrue(e.getMessage().contains("'lots'"), e.getMessage());
    }
}
