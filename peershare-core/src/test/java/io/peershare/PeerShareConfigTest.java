package io.peershare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PeerShareConfigTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        PeerShareConfig c = PeerShareConfig.defaults();
        assertEquals(100, c.maxUsersPerNetwork());
        assertEquals(1000, c.maxHistoryMessages());
        assertEquals(Duration.ofHours(24), c.messageRetention());
        assertEquals(100L * 1024 * 1024, c.maxFileSize());
        assertEquals(50, c.maxNetworkNameLength());
        assertEquals(30, c.maxUserNameLength());
        assertEquals(2000, c.maxMessageLength());
        assertEquals(64 * 1024, c.maxSignalSize());
        assertEquals(NetworkPolicy.ADDRESS_AND_NAME, c.networkPolicy());
        assertEquals(List.of(), c.iceServers());
    }

    @Test
    void readsEveryVariable() {
        PeerShareConfig c = PeerShareConfig.fromEnvironment(Map.of(
                "MAX_USERS_PER_NETWORK", "12",
                "MESSAGE_RETENTION_HOURS", "1.5",
                "MAX_HISTORY_MESSAGES", "50",
                "MAX_FILE_SIZE", "2048",
                "MAX_TRANSFERS_PER_PEER", "2",
                "TRANSFER_REQUEST_TIMEOUT_SECONDS", "30",
                "HEARTBEAT_TIMEOUT_SECONDS", "90",
                "NETWORK_POLICY", "name",
                "TRUSTED_PROXIES", "10.0.0.0/8, 127.0.0.1",
                "ICE_SERVERS", "[{\"urls\":\"stun:stun.example.com:3478\"}]")).build();
        assertEquals(12, c.maxUsersPerNetwork());
        assertEquals(Duration.ofMinutes(90), c.messageRetention());
        assertEquals(50, c.maxHistoryMessages());
        assertEquals(2048, c.maxFileSize());
        assertEquals(2, c.maxTransfersPerPeer());
        assertEquals(Duration.ofSeconds(30), c.transferRequestTimeout());
        assertEquals(Duration.ofSeconds(90), c.heartbeatTimeout());
        assertEquals(NetworkPolicy.NAME, c.networkPolicy());
        assertEquals(List.of("10.0.0.0/8", "127.0.0.1"), c.trustedProxies());
        assertEquals(1, c.iceServers().size());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "MAX_USERS_PER_NETWORK | lots",
        "MESSAGE_RETENTION_HOURS | forever",
        "NETWORK_POLICY | everyone",
        "TRUSTED_PROXIES | proxy.example.com",
        "ICE_SERVERS | stun:stun.example.com",
        "RATE_LIMIT_CHAT | fast",
        "ADDRESS_RATE_LIMIT_SIGNAL | 1,2,3",
    })
    void aBadValueIsReportedWithTheVariablesName(String name, String value) {
        Exception e = assertThrows(IllegalArgumentException.class,
                () -> PeerShareConfig.fromEnvironment(Map.of(name, value.trim())).build());
        assertTrue(e.getMessage().contains(name.trim()), () -> "should name " + name + ": " + e.getMessage());
    }

    @Test
    void heartbeatIntervalAndTimeoutAreBothSettableAndTheirConflictNamesBothVariables() {
        PeerShareConfig c = PeerShareConfig.fromEnvironment(Map.of(
                "HEARTBEAT_INTERVAL_SECONDS", "10", "HEARTBEAT_TIMEOUT_SECONDS", "20")).build();
        assertEquals(Duration.ofSeconds(10), c.heartbeatInterval());
        Exception e = assertThrows(IllegalArgumentException.class,
                () -> PeerShareConfig.fromEnvironment(Map.of("HEARTBEAT_TIMEOUT_SECONDS", "20")).build());
        assertTrue(e.getMessage().contains("HEARTBEAT_TIMEOUT_SECONDS") && e.getMessage().contains("HEARTBEAT_INTERVAL_SECONDS"),
                e.getMessage());
    }

    @Test
    void theBuilderRefusesImpossibleValues() {
        assertThrows(IllegalArgumentException.class, () -> PeerShareConfig.builder().maxUsersPerNetwork(0).build());
        assertThrows(IllegalArgumentException.class, () -> PeerShareConfig.builder().maxFrameSize(1024).build(),
                "a frame must be able to carry a signal of the maximum size");
    }
}
