package io.peershare.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Names that look meant for the server are warned about; the rest of an environment is none of its business. */
class UnknownSettingNamesTest {

    private static final List<String> KNOWN = EnvironmentSettings.ALL.stream().map(Setting::name).toList();

    private static Optional<String> warning(String name) {
        return UnknownSettingNames.warning(name, KNOWN);
    }

    @ParameterizedTest(name = "{0}: did you mean {1}?")
    @CsvSource({
        "MAX_FILE_SZE,               MAX_FILE_SIZE",
        "MAX_FILESIZE,               MAX_FILE_SIZE",
        "MAX_FILE_SIEZ,              MAX_FILE_SIZE",
        "MAX_USER_PER_NETWORK,       MAX_USERS_PER_NETWORK",
        "HEARTBEAT_TIMEOUT_SECOND,   HEARTBEAT_TIMEOUT_SECONDS",
        "FRONTEND_URLS,              FRONTEND_URL",
        "FRONTED_URL,                FRONTEND_URL",
        "PROT,                       PORT",
        "port,                       PORT",
        "Node_Env,                   NODE_ENV",
        "NODE_EMV,                   NODE_ENV",
        "TRANSPROT,                  TRANSPORT",
        "RATE_LIMIT_CHATS,           RATE_LIMIT_CHAT",
    })
    void aNameCloseToASettingIsWarnedAboutWithTheSetting(String name, String setting) {
        assertEquals(Optional.of(name + " is not a setting; did you mean " + setting + "?"), warning(name));
    }

    @Test
    void aNameEquallyCloseToTwoSettingsNamesBoth() {
        assertEquals(Optional.of("POST is not a setting; did you mean PORT or HOST?"), warning("POST"));
    }

    @Test
    void thePeerShareprefixIsWarnedAboutWithTheSettingItWasMeantFor() {
        assertEquals(Optional.of("PEERSHARE_MAX_FILE_SIZE is not a setting (settings take no PEERSHARE_ prefix); did you"
                + " mean MAX_FILE_SIZE?"), warning("PEERSHARE_MAX_FILE_SIZE"));
        assertEquals(Optional.of("PEERSHARE_COLOUR is not a setting (settings take no PEERSHARE_ prefix);"
                + " docs/operations.md lists them"), warning("PEERSHARE_COLOUR"));
    }

    /** A process's environment, as shells, Java, Maven, Node, Docker and CI set it. */
    @ParameterizedTest
    @ValueSource(strings = {"PATH", "HOME", "JAVA_HOME", "USER", "HOSTNAME", "HOSTTYPE", "SHELL", "TERM", "LANG", "PWD",
        "OLDPWD", "TZ", "SHLVL", "LOGNAME", "MAIL", "JAVA_OPTS", "JAVA_TOOL_OPTIONS", "MAVEN_OPTS", "MAVEN_HOME", "NODE_PATH",
        "NODE_OPTIONS", "NODE_VERSION", "DEBIAN_FRONTEND", "CI", "KUBERNETES_PORT", "KUBERNETES_SERVICE_HOST", "POD_NAME",
        "POD_IP", "NODE_NAME", "REDIS_HOST", "DISPLAY", "XDG_RUNTIME_DIR", "http_proxy", "no_proxy", "_"})
    void theRestOfAnEnvironmentIsNotWarnedAbout(String name) {
        assertEquals(Optional.empty(), warning(name));
    }

    @Test
    void everySettingIsKnown() {
        KNOWN.forEach(name -> assertEquals(Optional.empty(), warning(name), name));
    }

    @Test
    void theFilesNamesAreWarnedAboutByLineThenTheEnvironmentsInAlphabeticalOrder() {
        DotEnvFile file = DotEnvFile.parse("/srv/.env", "PORT=4001\nMAX_FILE_SZE=10MB\nAPP_NAME=share\n");
        Map<String, String> environment = new HashMap<>(Map.of("PATH", "/usr/bin", "PEERSHARE_PORT_NUMBER", "4001",
                "METRIC", "false", "MAX_FILE_SZE", "20MB"));
        assertEquals(List.of(
                "/srv/.env line 2: MAX_FILE_SZE is not a setting; did you mean MAX_FILE_SIZE?",
                "environment variable METRIC is not a setting; did you mean METRICS?",
                "environment variable PEERSHARE_PORT_NUMBER is not a setting (settings take no PEERSHARE_ prefix);"
                        + " docs/operations.md lists them"),
                UnknownSettingNames.warnings(KNOWN, file, environment));
    }

    /** Kubernetes gives a pod these for a service named peershare; nobody wrote them. */
    @Test
    void kubernetesServiceVariablesInTheEnvironmentAreNotWarnedAbout() {
        Map<String, String> environment = Map.of("PEERSHARE_PORT", "tcp://10.0.0.1:4000",
                "PEERSHARE_SERVICE_HOST", "10.0.0.1", "PEERSHARE_SERVICE_PORT", "4000",
                "PEERSHARE_SERVICE_PORT_HTTP", "4000", "PEERSHARE_PORT_4000_TCP", "tcp://10.0.0.1:4000",
                "PEERSHARE_PORT_4000_TCP_PROTO", "tcp", "PEERSHARE_PORT_4000_TCP_PORT", "4000",
                "PEERSHARE_PORT_4000_TCP_ADDR", "10.0.0.1");
        assertEquals(List.of(), UnknownSettingNames.warnings(KNOWN, DotEnvFile.parse("/srv/.env", ""), environment));
    }

    @ParameterizedTest(name = "{0} to {1}: {2}")
    @CsvSource({
        "PORT, PORT, 0",
        "PORT, PROT, 1",
        "PORT, PORTS, 1",
        "PORT, POT, 1",
        "HOME, HOST, 2",
        "CA, ABC, 3",
        "MAX_FILE_SZE, MAX_FILE_SIZE, 1",
        "MAX_FILE_SIEZ, MAX_FILE_SIZE, 1",
    })
    void distanceCountsInsertionsDeletionsReplacementsAndSwaps(String a, String b, int distance) {
        assertEquals(distance, UnknownSettingNames.distance(a, b));
    }
}
