package io.peershare.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peershare.config.PeerShareConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServerConfigTest {

    @Test
    void defaultsMatchTheDocumentedOnes() {
        ServerConfig config = ServerConfig.fromEnvironment(Map.of());
        assertEquals(4000, config.port());
        assertEquals("0.0.0.0", config.host());
        assertFalse(config.production());
        assertTrue(config.allowedOrigins().isEmpty(), "development allows any origin");
        assertEquals(Duration.ZERO, config.drainDelay());
        assertEquals(Duration.ofSeconds(10), config.shutdownTimeout());
        assertEquals(100, config.engine().maxUsersPerNetwork());
    }

    @Test
    void readsTheOriginalVariables() {
        ServerConfig config = ServerConfig.fromEnvironment(Map.of(
                "PORT", "8080", "HOST", "127.0.0.1", "NODE_ENV", "production",
                "FRONTEND_URL", "https://share.example.com, https://www.share.example.com",
                "MAX_USERS_PER_NETWORK", "12", "MESSAGE_RETENTION_HOURS", "2", "MAX_FILE_SIZE", "1048576"));
        assertEquals(8080, config.port());
        assertEquals("127.0.0.1", config.host());
        assertTrue(config.production());
        assertEquals(List.of("https://share.example.com", "https://www.share.example.com"), config.allowedOrigins());
        assertEquals(12, config.engine().maxUsersPerNetwork());
        assertEquals(Duration.ofHours(2), config.engine().messageRetention());
        assertEquals(1048576, config.engine().maxFileSize());
    }

    @Test
    void productionRequiresFrontendUrl() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ServerConfig.fromEnvironment(Map.of("NODE_ENV", "production")));
        assertTrue(e.getMessage().startsWith("FRONTEND_URL"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({
        "PORT, 80a",
        "PORT, 70000",
        "NODE_ENV, staging",
        "MAX_USERS_PER_NETWORK, many",
        "MAX_USERS_PER_NETWORK, 0",
        "MESSAGE_RETENTION_HOURS, soon",
        "MAX_FILE_SIZE, -1",
        "SHUTDOWN_TIMEOUT_SECONDS, 0",
    })
    void aBadValueStopsStartUpWithAMessageNamingTheVariable(String name, String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ServerConfig.fromEnvironment(Map.of(name, value)));
        assertTrue(e.getMessage().contains(name), () -> "message should name " + name + ": " + e.getMessage());
    }

    @Test
    void readsADotEnvFileAndTheRealEnvironmentWins(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(".env"), "# local settings\nMAX_USERS_PER_NETWORK=7\nPORT=5000\n");
        ServerConfig config = ServerConfig.load(dir, Map.of("PORT", "6000"));
        assertEquals(7, config.engine().maxUsersPerNetwork(), "from the file");
        assertEquals(6000, config.port(), "the environment overrides the file");
    }

    @Test
    void noDotEnvFileIsFine(@TempDir Path dir) {
        assertEquals(4000, ServerConfig.load(dir, Map.of()).port());
    }

    @Test
    void readsTheDotEnvFileOfARelativeDirectorySuchAsTheWorkingDirectory(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(".env"), "MAX_USERS_PER_NETWORK=7\n");
        Path relative = Path.of("").toAbsolutePath().relativize(dir);
        assertFalse(relative.isAbsolute());
        assertEquals(7, ServerConfig.load(relative, Map.of()).engine().maxUsersPerNetwork());
    }

    @Test
    void aBadValueInTheDotEnvFileIsReportedLikeAnyOther(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(".env"), "MAX_FILE_SIZE=10 parsecs\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ServerConfig.load(dir, Map.of()));
        assertTrue(e.getMessage().startsWith("MAX_FILE_SIZE must be "), e.getMessage());
        assertTrue(e.getMessage().contains("was '10 parsecs'"), e.getMessage());
    }

    @Test
    void aBlankValueInTheDotEnvFileMeansTheDefault(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(".env"), "PORT=\nHOST=\n");
        ServerConfig config = ServerConfig.load(dir, Map.of());
        assertEquals(4000, config.port());
        assertEquals("0.0.0.0", config.host());
    }

    @Test
    void aMalformedDotEnvLineIsReportedByThePathAndTheLineNumber(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(".env"), "# settings\nPORT 5000\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ServerConfig.load(dir, Map.of()));
        assertEquals(dir.toAbsolutePath().resolve(".env") + " line 2: expected NAME=value, such as PORT=4000; was 'PORT 5000'",
                e.getMessage());
    }

    @Test
    void quotedAndExportedValuesInTheDotEnvFileAreRead(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(".env"), "export PORT='4001'\nHOST = \"127.0.0.1\" # local only\n"
                + "MAX_FILE_SIZE=10MB # per file\nICE_SERVERS='[{\"urls\":\"stun:stun.example.com:3478\"}]'\n");
        ServerConfig config = ServerConfig.load(dir, Map.of());
        assertEquals(4001, config.port());
        assertEquals("127.0.0.1", config.host());
        assertEquals(10_000_000, config.engine().maxFileSize());
        assertEquals(1, config.engine().iceServers().size());
    }

    @Test
    void theDotEnvFilesMalformedLinesAndEveryBadValueAreReportedTogether(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(".env"), "PORT=forty\nHOST 127.0.0.1\nMAX_FILE_SIZE=0\n");
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> ServerConfig.load(dir, Map.of("NODE_ENV", "staging")));
        assertEquals(4, e.problems().size(), e.problems()::toString);
        assertTrue(e.problems().get(0).startsWith(dir.toAbsolutePath().resolve(".env") + " line 2: "), e.getMessage());
        assertTrue(e.problems().get(1).startsWith("PORT must be"), e.getMessage());
        assertTrue(e.problems().get(2).startsWith("NODE_ENV must be"), e.getMessage());
        assertTrue(e.problems().get(3).startsWith("MAX_FILE_SIZE must be"), e.getMessage());
    }

    @Test
    void aMisspeltNameInTheDotEnvFileIsAWarningAndTheServerStillStarts(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(".env"), "PORT=4001\nMAX_FILE_SZE=10MB\n");
        ServerEnvironment environment = ServerEnvironment.read(dir, Map.of("PATH", "/usr/bin", "PEERSHARE_HOST", "::1"));
        assertEquals(List.of(dir.toAbsolutePath().resolve(".env") + " line 2: MAX_FILE_SZE is not a setting; did you mean"
                + " MAX_FILE_SIZE?", "environment variable PEERSHARE_HOST is not a setting (settings take no PEERSHARE_"
                + " prefix); did you mean HOST?"), environment.warnings());
        assertEquals(PeerShareConfig.DEFAULT_MAX_FILE_SIZE, environment.config().engine().maxFileSize());
    }

    @Test
    void readsEveryServerVariable() {
        ServerConfig config = ServerConfig.fromEnvironment(Map.of(
                "PORT", " 0 ", "HOST", "::1", "NODE_ENV", "test", "FRONTEND_URL", "http://localhost:5173",
                "SHUTDOWN_DRAIN_SECONDS", "5", "SHUTDOWN_TIMEOUT_SECONDS", "300",
                "REDIS_URL", "rediss://user:secret@redis.example.com:6380/1", "NODE_ID", "node-a.1_x"));
        assertEquals(0, config.port());
        assertEquals("::1", config.host());
        assertFalse(config.production());
        assertEquals(List.of("http://localhost:5173"), config.allowedOrigins());
        assertEquals(Duration.ofSeconds(5), config.drainDelay());
        assertEquals(Duration.ofSeconds(300), config.shutdownTimeout());
        assertEquals("rediss://user:secret@redis.example.com:6380/1", config.redisUrl());
        assertEquals("node-a.1_x", config.nodeId());
    }

    @Test
    void aSingleNodeWithARandomIdIsTheDefault() {
        ServerConfig config = ServerConfig.fromEnvironment(Map.of("REDIS_URL", " ", "NODE_ID", ""));
        assertNull(config.redisUrl());
        assertNull(config.nodeId());
    }

    @ParameterizedTest
    @CsvSource({"production, true", "PRODUCTION, true", "Development, false", "TEST, false"})
    void readsNodeEnvInAnyCase(String value, boolean production) {
        assertEquals(production, ServerConfig.fromEnvironment(Map.of("NODE_ENV", value,
                "FRONTEND_URL", "https://share.example.com")).production());
    }

    @Test
    void turnSettingsGiveEachConnectionItsOwnCredentials() {
        ServerConfig config = ServerConfig.fromEnvironment(Map.of("TURN_URLS",
                "turn:turn.example.com:3478,turns:turn.example.com:5349", "TURN_SECRET", "north",
                "TURN_CREDENTIAL_TTL", "600"));
        io.peershare.config.TurnCredentials turn = config.engine().turnCredentials();
        assertEquals(java.util.List.of("turn:turn.example.com:3478", "turns:turn.example.com:5349"), turn.urls());
        assertEquals(java.time.Duration.ofMinutes(10), turn.ttl());
        assertEquals(null, ServerConfig.fromEnvironment(Map.of()).engine().turnCredentials(), "none by default");
    }

    @Test
    void turnUrlsWithoutASecretIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ServerConfig.fromEnvironment(Map.of("TURN_URLS", "turn:turn.example.com:3478")));
        assertTrue(e.getMessage().contains("TURN_URLS and TURN_SECRET go together"), e.getMessage());
        IllegalArgumentException badUrl = assertThrows(IllegalArgumentException.class,
                () -> ServerConfig.fromEnvironment(Map.of("TURN_URLS", "stun:x", "TURN_SECRET", "s")));
        assertTrue(badUrl.getMessage().contains("turn: or turns:"), badUrl.getMessage());
    }
}
