package io.peershare.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** A bad setting stops start-up with a message in the user's words: the variable, its value and what is allowed. */
class ConfigurationErrorTest {

    /** What a message must never show: Java's words for numbers, durations and exceptions. */
    private static final Pattern JAVA_INTERNALS = Pattern.compile("For input string|PT-?\\d|Exception|java\\.|null");

    private static String refusal(Map<String, String> environment) {
        return assertThrows(IllegalArgumentException.class, () -> ServerConfig.fromEnvironment(environment)).getMessage();
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
        assertEquals("MAX_USERS_PER_NETWORK must be a whole number, at least 1; was '99999999999' (too large)",
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
