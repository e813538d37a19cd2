package io.peershare.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peershare.model.EventClass;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class PeerShareConfigTest {

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

    // --- every setting is named once

    @Test
    void everyBuilderMethodIsASettingNamedByItsKey() {
        Set<String> methods = Arrays.stream(PeerShareConfig.Builder.class.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()) && !m.getName().equals("build"))
                .map(Method::getName).collect(Collectors.toSet());
        Set<String> keys = PeerShareSetting.all().stream().map(PeerShareSetting::key)
                .map(key -> key.contains("(") ? key.substring(0, key.indexOf('(')) : key).collect(Collectors.toSet());
        assertEquals(methods, keys);
    }

    @Test
    void everySettingIsReadAndSetAsItsBuilderMethodAndGetterDo() {
        PeerShareConfig changed = PeerShareSetting.MAX_FILE_SIZE.set(PeerShareConfig.builder(), 7L)
                .connectionRateLimit(EventClass.CHAT, RateLimit.of(1, 2)).build();
        assertEquals(7L, PeerShareSetting.MAX_FILE_SIZE.valueIn(changed));
        assertEquals(RateLimit.of(1, 2), PeerShareSetting.connectionRateLimit(EventClass.CHAT).valueIn(changed));
        assertEquals("connectionRateLimit(CHAT)", PeerShareSetting.connectionRateLimit(EventClass.CHAT).key());
    }

    @Test
    void toBuilderCopiesEverySetting() {
        PeerShareConfig changed = PeerShareConfig.builder().maxUsersPerNetwork(7).maxOutboundBytesTotal(1L << 30)
                .turnCredentials(new TurnCredentials(List.of("turn:t.example.com"), "secret", Duration.ofHours(1)))
                .addressRateLimit(EventClass.SIGNAL, RateLimit.of(3, 4)).build();
        PeerShareConfig copy = changed.toBuilder().build();
        for (PeerShareSetting<?> setting : PeerShareSetting.all()) {
            assertEquals(setting.valueIn(changed), setting.valueIn(copy), setting.key());
        }
    }

    @Test
    void aRefusalCarriesItsSettingsSoThatAHostCanNameThemItsOwnWay() {
        InvalidSettingException refused = assertThrows(InvalidSettingException.class, () -> PeerShareConfig.builder()
                .heartbeatInterval(Duration.ofSeconds(30)).heartbeatTimeout(Duration.ofSeconds(20)).build());
        assertEquals(PeerShareSetting.HEARTBEAT_TIMEOUT, refused.setting());
        assertEquals(List.of(PeerShareSetting.HEARTBEAT_TIMEOUT, PeerShareSetting.HEARTBEAT_INTERVAL), refused.settings());
        assertEquals("heartbeatTimeout (PT20S) must be longer than heartbeatInterval (PT30S)", refused.getMessage());
        assertEquals("HEARTBEAT_TIMEOUT (PT20S) must be longer than HEARTBEAT_INTERVAL (PT30S)",
                refused.getMessage(setting -> setting == PeerShareSetting.HEARTBEAT_TIMEOUT ? "HEARTBEAT_TIMEOUT"
                        : "HEARTBEAT_INTERVAL"));
        assertEquals(PeerShareSetting.MAX_USERS_PER_NETWORK, assertThrows(InvalidSettingException.class,
                () -> PeerShareConfig.builder().maxUsersPerNetwork(0).build()).setting());
        assertEquals(PeerShareSetting.TRUSTED_PROXIES, assertThrows(InvalidSettingException.class,
                () -> PeerShareConfig.builder().trustedProxies(List.of("proxy.example.com")).build()).setting());
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
}
