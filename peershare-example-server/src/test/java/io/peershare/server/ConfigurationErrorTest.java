package io.peershare.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** A bad setting stops start-up with a message in the user's words: the variable, its value and what is allowed. */
class ConfigurationErrorTest {

    /** What a message must never show: Java's words for numbers, durations and exceptions. */
    private static final Pattern JAVA_INTERNALS = Pattern.compile("For input string|PT-?\\d|Exception|java\\.|null");

    private static String refusal(Map<String, String> environment) {
        return assertThrows(IllegalArgumentException.class, () -> ServerConfig.fromEnvironment(environment)).getMessage();
    }

    private static List<String> problems(Map<String, String> environment) {
        return assertThrows(ConfigurationException.class, () -> ServerConfig.fromEnvironment(environment)).problems();
    }

    static Stream<Setting<?>> everySetting() {
        return EnvironmentSettings.ALL.stream();
    }

    /** A setting added to the table is fed a bad value here without a word: its format says which. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("everySetting")
    void everySettingGivenAValueItRefusesIsTheOneProblemReportedAndIsNamed(Setting<?> setting) {
        String bad = setting.format().refused();
        assertNotNull(bad, () -> setting.name() + "'s format needs an example of a value it refuses:"
                + " give it one with .refusing(\"...\") in ValueFormats or the table");
        assertNotEquals(setting.defaultValue(), bad, () -> setting.name() + "'s example of a bad value is its default");
        List<String> problems = problems(Map.of(setting.name(), bad));
        assertEquals(1, problems.size(), () -> "one problem, about " + setting.name() + ": " + problems);
        String problem = problems.get(0);
        assertTrue(problem.startsWith(setting.name() + " must be " + setting.format().allowed() + "; was "),
                () -> "names " + setting.name() + " and says what is allowed: " + problem);
        if (setting.format().secret()) {
            assertFalse(problem.contains(bad), () -> "a secret is not repeated: " + problem);
        } else {
            assertTrue(problem.contains("'" + Setting.oneLine(bad) + "'"), () -> "quotes the value: " + problem);
        }
        assertFalse(problem.contains("\n"), () -> "one line: " + problem);
        assertFalse(JAVA_INTERNALS.matcher(problem).find(), () -> "should not show Java's words: " + problem);
    }

    @Test
    void everyBadValueOfTheTableIsReportedAtOnceOneLineEachInTheTablesOrder() {
        Map<String, String> environment = new HashMap<>();
        EnvironmentSettings.ALL.forEach(setting -> environment.put(setting.name(), setting.format().refused()));
        List<String> problems = problems(environment);
        List<String> named = problems.stream().map(p -> p.substring(0, p.indexOf(" must be "))).toList();
        assertEquals(EnvironmentSettings.ALL.stream().map(Setting::name).toList(), named);
        ConfigurationException refused = assertThrows(ConfigurationException.class,
                () -> ServerConfig.fromEnvironment(environment));
        assertEquals(String.join(System.lineSeparator(), problems), refused.getMessage(), "the message is the lines");
    }

    @Test
    void severalBadValuesAreAllReportedAndARuleAboutARefusedValueIsNotRepeated() {
        List<String> problems = problems(Map.of("PORT", "forty", "NODE_ENV", "production",
                "FRONTEND_URL", "share.example.com", "MAX_FILE_SIZE", "0", "HEARTBEAT_TIMEOUT_SECONDS", "20"));
        assertEquals(4, problems.size(), problems::toString);
        assertTrue(problems.get(0).startsWith("PORT must be"), problems::toString);
        assertTrue(problems.get(1).startsWith("FRONTEND_URL must be"), () -> "not 'FRONTEND_URL is required': " + problems);
        assertTrue(problems.get(2).startsWith("MAX_FILE_SIZE must be"), problems::toString);
        assertTrue(problems.get(3).startsWith("HEARTBEAT_TIMEOUT_SECONDS must be longer than"), problems::toString);
    }

    @Test
    void aFrontendUrlWithoutASchemeSaysWhatAnOriginIs() {
        assertEquals("FRONTEND_URL must be browser origins, comma-separated, such as https://share.example.com;"
                + " was 'https://a.example.com, share.example.com' ('share.example.com' is not an origin; expected"
                + " scheme://host[:port] such as https://share.example.com)",
                refusal(Map.of("NODE_ENV", "production", "FRONTEND_URL", "https://a.example.com, share.example.com")));
    }

    @Test
    void aSizeOfNothingIsRefused() {
        assertEquals("MAX_FILE_SIZE must be a whole number of bytes such as 104857600, or with a unit such as 10MB or"
                + " 100MiB; was '0 MB' (a bound of 0 bytes allows nothing; it must be at least 1)",
                refusal(Map.of("MAX_FILE_SIZE", "0 MB")));
    }

    @Test
    void aTotalBelowItsPerNetworkBoundNamesBothVariables() {
        assertEquals("MAX_HISTORY_BYTES_TOTAL must be at least MAX_HISTORY_BYTES_PER_NETWORK;"
                + " MAX_HISTORY_BYTES_TOTAL was '512KiB', MAX_HISTORY_BYTES_PER_NETWORK was '1MiB' (its default)",
                refusal(Map.of("MAX_HISTORY_BYTES_TOTAL", "512KiB")));
        assertEquals("MAX_OUTBOUND_TOTAL must be at least MAX_OUTBOUND_PER_CONNECTION;"
                + " MAX_OUTBOUND_TOTAL was '1MB', MAX_OUTBOUND_PER_CONNECTION was '2MB'",
                refusal(Map.of("MAX_OUTBOUND_TOTAL", "1MB", "MAX_OUTBOUND_PER_CONNECTION", "2MB")));
    }

    @Test
    void aTotalEqualToItsBoundIsAccepted() {
        assertEquals(1 << 20, ServerConfig.fromEnvironment(Map.of("MAX_HISTORY_BYTES_TOTAL", "1MiB"))
                .engine().maxHistoryBytesTotal());
    }

    @Test
    void aSecretIsNeverRepeatedInItsRefusal() {
        String message = refusal(Map.of("METRICS_TOKEN", "hunter2 hunter2 hunter2"));
        assertEquals("METRICS_TOKEN must be at least 16 printable characters without spaces; was 23 characters long"
                + " (not shown: it is a secret)", message);
    }

    @Test
    void aValueWithALineBreakIsShownOnOneLine() {
        assertEquals("NODE_ID must be 1 to 64 letters, digits, '.', '_' or '-'; was 'node\\nb\\u0007c'",
                refusal(Map.of("NODE_ID", "node\nb\u0007c")));
    }

    @Test
    void aTurnSecretWithoutItsUrlsBecauseTheUrlsAreRefusedIsReportedOnce() {
        List<String> problems = problems(Map.of("TURN_URLS", "stun:stun.example.com", "TURN_SECRET", "north"));
        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).startsWith("TURN_URLS must be"), problems::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"redis://", "redis://:secret@", "redis:///0", "redis://[::1"})
    void aRedisUrlWithoutAHostIsRefused(String url) {
        assertTrue(refusal(Map.of("REDIS_URL", url)).startsWith("REDIS_URL must be"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"redis://redis.internal", "redis://:secret@[::1]:6379/0", "rediss://u:p@10.0.0.5:6380?timeout=5s"})
    void aRedisUrlWithAHostIsAccepted(String url) {
        assertEquals(url, ServerConfig.fromEnvironment(Map.of("REDIS_URL", url)).redisUrl());
    }

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
        "MESSAGE_RETENTION_HOURS          | 0.001",
        "MESSAGE_RETENTION_HOURS          | 99999999999999999999",
        "MAX_HISTORY_MESSAGES             | -5",
        "MAX_FILE_SIZE                    | 100 parsecs",
        "MAX_FILE_SIZE                    | 10TB",
        "MAX_FILE_SIZE                    | 1.5",
        "MAX_FILE_SIZE                    | 99999999999GiB",
        "MAX_FILE_SIZE                    | MB",
        "MAX_FILE_SIZE                    | -1",
        "MAX_FILE_SIZE                    | 0",
        "MAX_USERS_PER_NETWORK            | 1",
        "MAX_HISTORY_BYTES_TOTAL          | 0",
        "MAX_OUTBOUND_TOTAL               | 0",
        "FRONTEND_URL                     | share.example.com",
        "FRONTEND_URL                     | localhost:5173",
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
        "ICE_SERVERS                      | [{\"urls\":[]}]",
        "ICE_SERVERS                      | [{\"urls\":\"stun:s.example.com\",\"username\":7}]",
        "RATE_LIMIT_CHAT                  | fast",
        "RATE_LIMIT_JOIN                  | 0,10",
        "RATE_LIMIT_CONTROL               | 5,0",
        "ADDRESS_RATE_LIMIT_SIGNAL        | 1,2,3",
        "ADDRESS_RATE_LIMIT_TRANSFER      | -1,5",
        "PORT                             | 80a",
        "PORT                             | 70000",
        "NODE_ENV                         | staging",
        "SHUTDOWN_DRAIN_SECONDS           | 301",
        "SHUTDOWN_TIMEOUT_SECONDS         | 0",
        "REDIS_URL                        | http://redis.example.com",
        "NODE_ID                          | node a",
        "HOST                             | my host",
    })
    void aBadValueIsReportedWithTheVariableAndTheValueQuotedWithoutJavaInternals(String name, String value) {
        String message = refusal(Map.of(name, value));
        assertTrue(message.startsWith(name) || message.contains(" " + name), () -> "should name " + name + ": " + message);
        assertTrue(message.contains("'" + value + "'"), () -> "should quote '" + value + "': " + message);
        assertFalse(JAVA_INTERNALS.matcher(message).find(), () -> "should not show Java's words: " + message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"MAX_USERS_PER_NETWORK", "MAX_HISTORY_MESSAGES", "MAX_TRANSFERS_PER_PEER"})
    void aBadValueIsQuotedInTheMessage(String name) {
        assertTrue(refusal(Map.of(name, "lots")).contains("'lots'"));
    }

    @Test
    void aFileSizeWithAnUnknownUnitSaysWhatIsAllowedAndWhichUnitsThereAre() {
        assertEquals("MAX_FILE_SIZE must be a whole number of bytes such as 104857600, or with a unit such as 10MB or"
                + " 100MiB; was '10TB' ('TB' is not a unit; they are " + ValueFormats.BYTE_UNITS + ")",
                refusal(Map.of("MAX_FILE_SIZE", "10TB")));
    }

    @Test
    void aFileSizeThatIsNotANumberSaysWhatIsAllowed() {
        assertEquals("MAX_FILE_SIZE must be a whole number of bytes such as 104857600, or with a unit such as 10MB or"
                + " 100MiB; was 'ten'", refusal(Map.of("MAX_FILE_SIZE", "ten")));
    }

    @Test
    void aNegativeRetentionSaysHoursArePositive() {
        assertEquals("MESSAGE_RETENTION_HOURS must be a positive number of hours such as 24 or 1.5; was '-1'",
                refusal(Map.of("MESSAGE_RETENTION_HOURS", "-1")));
    }

    @Test
    void aPortThatIsNotANumberSaysTheRange() {
        assertEquals("PORT must be a whole number from 0 to 65535; was 'forty'", refusal(Map.of("PORT", "forty")));
    }

    @Test
    void aCountTooLargeForTheEngineSaysSo() {
        assertEquals("MAX_USERS_PER_NETWORK must be a whole number, at least 2; was '99999999999' (too large)",
                refusal(Map.of("MAX_USERS_PER_NETWORK", "99999999999")));
    }

    @Test
    void aBadTrustedProxyIsNamedAmongTheOthers() {
        assertTrue(refusal(Map.of("TRUSTED_PROXIES", "10.0.0.0/8, proxy.example.com"))
                .endsWith("; was '10.0.0.0/8, proxy.example.com' ('proxy.example.com' is not an IP address or CIDR range)"));
    }

    @Test
    void aBadIceServerIsNamedByItsPlaceInTheList() {
        assertTrue(refusal(Map.of("ICE_SERVERS", "[{\"urls\":\"stun:a.example.com\"}, {\"url\":\"stun:b.example.com\"}]"))
                .endsWith("(server 2 needs urls, a string or an array of strings)"));
    }

    @Test
    void aHeartbeatTimeoutBelowTheDefaultIntervalNamesBothVariablesAndTheDefault() {
        assertEquals("HEARTBEAT_TIMEOUT_SECONDS must be longer than HEARTBEAT_INTERVAL_SECONDS;"
                + " HEARTBEAT_TIMEOUT_SECONDS was '20', HEARTBEAT_INTERVAL_SECONDS was '25' (its default)",
                refusal(Map.of("HEARTBEAT_TIMEOUT_SECONDS", "20")));
    }

    @Test
    void aHeartbeatIntervalAboveTheDefaultTimeoutNamesBothVariablesAndTheDefault() {
        assertEquals("HEARTBEAT_TIMEOUT_SECONDS must be longer than HEARTBEAT_INTERVAL_SECONDS;"
                + " HEARTBEAT_TIMEOUT_SECONDS was '60' (its default), HEARTBEAT_INTERVAL_SECONDS was '90'",
                refusal(Map.of("HEARTBEAT_INTERVAL_SECONDS", "90")));
    }

    @Test
    void conflictingHeartbeatVariablesNameBothVariablesAndValues() {
        assertEquals("HEARTBEAT_TIMEOUT_SECONDS must be longer than HEARTBEAT_INTERVAL_SECONDS;"
                + " HEARTBEAT_TIMEOUT_SECONDS was '30', HEARTBEAT_INTERVAL_SECONDS was '30'",
                refusal(Map.of("HEARTBEAT_INTERVAL_SECONDS", "30", "HEARTBEAT_TIMEOUT_SECONDS", " 30 ")));
    }

    @Test
    void productionWithoutFrontendUrlSaysWhatToSet() {
        assertEquals("FRONTEND_URL is required when NODE_ENV=production: browser origins, comma-separated, such as"
                + " https://share.example.com", refusal(Map.of("NODE_ENV", "production")));
    }

    @Test
    void productionWithOnlyCommasForFrontendUrlIsRefusedToo() {
        assertTrue(refusal(Map.of("NODE_ENV", "Production", "FRONTEND_URL", " , ")).startsWith("FRONTEND_URL is required"));
    }
}
