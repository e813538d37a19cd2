package io.peershare.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.peershare.testkit.WsTestClient;
import jakarta.json.JsonObject;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Start-up as an operator meets it, through the runnable jar in its own process: a configuration error is one line per
 * problem naming its variable, never a stack trace, and exit code 2; a misspelt name is a warning; the limits in force
 * are logged. Configuration is read the same on either transport, so this runs on the default one.
 */
class ConfigurationJarIT {

    @TempDir
    Path workDir;
    private ServerProcess server;

    @AfterEach
    void kill() {
        if (server != null) {
            server.close();
        }
    }

    /** Starts the jar and waits for it to exit, which a refused configuration makes it do at once. */
    private int exitCodeOf(Map<String, String> env) throws Exception {
        server = ServerProcess.start(workDir, env, List.of());
        assertTrue(server.process().waitFor(30, TimeUnit.SECONDS), "the server exits when its configuration is refused");
        return server.process().exitValue();
    }

    /** What the server wrote, without what the JVM says of its own options. */
    private List<String> lines() {
        return server.log().lines().filter(line -> !line.startsWith("Picked up ")).toList();
    }

    private void assertNoStackTrace(List<String> lines) {
        for (String line : lines) {
            assertFalse(line.contains("Exception") || line.startsWith("\tat ") || line.contains("null"),
                    () -> "no stack trace, no Java words:\n" + String.join("\n", lines));
        }
    }

    @Test
    void aFrontendUrlThatIsNotAnOriginIsOneLineNamingItAndExitCode2() throws Exception {
        int exit = exitCodeOf(Map.of("NODE_ENV", "production", "FRONTEND_URL", "share.example.com"));
        List<String> lines = lines();
        assertEquals(2, exit, server::log);
        assertEquals(1, lines.size(), () -> "one line:\n" + server.log());
        assertTrue(lines.get(0).startsWith("peershare: configuration error: FRONTEND_URL must be "), lines::toString);
        assertTrue(lines.get(0).contains("'share.example.com' is not an origin; expected scheme://host[:port]"),
                lines::toString);
        assertNoStackTrace(lines);
    }

    @Test
    void aHostThatDoesNotResolveIsNamedAndExitCode2() throws Exception {
        int exit = exitCodeOf(Map.of("HOST", "not-a-host", "PORT", Integer.toString(ServerProcess.freePort())));
        List<String> lines = lines();
        assertEquals(2, exit, server::log);
        assertEquals(List.of("peershare: configuration error: HOST must be an IP address or host name, such as"
                + " 127.0.0.1; was 'not-a-host' (the name does not resolve to an address)"), lines);
    }

    @Test
    void everyBadValueAndEveryMalformedDotEnvLineIsALineOfItsOwn() throws Exception {
        Files.writeString(workDir.resolve(".env"), "MAX_FILE_SIZE=0\nHOST 127.0.0.1\nMAX_FILE_SZE=10MB\n");
        int exit = exitCodeOf(Map.of("PORT", "forty", "NODE_ENV", "staging"));
        List<String> lines = lines();
        assertEquals(2, exit, server::log);
        assertEquals(5, lines.size(), () -> "a warning and four problems:\n" + server.log());
        assertTrue(lines.get(0).matches("peershare: warning: .*\\.env line 3: MAX_FILE_SZE is not a setting; did you mean"
                + " MAX_FILE_SIZE\\?"), lines::toString);
        assertTrue(lines.get(1).matches("peershare: configuration error: .*\\.env line 2: expected NAME=value.*"),
                lines::toString);
        assertTrue(lines.get(2).startsWith("peershare: configuration error: PORT must be"), lines::toString);
        assertTrue(lines.get(3).startsWith("peershare: configuration error: NODE_ENV must be"), lines::toString);
        assertTrue(lines.get(4).startsWith("peershare: configuration error: MAX_FILE_SIZE must be"), lines::toString);
        assertNoStackTrace(lines);
    }

    @Test
    void aPortInUseIsNamedWithTheSystemsReason() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            int exit = exitCodeOf(Map.of("HOST", "127.0.0.1", "PORT", Integer.toString(port)));
            List<String> lines = lines();
            assertEquals(1, exit, server::log);
            assertTrue(lines.contains("peershare: cannot listen on 127.0.0.1:" + port + ": PORT " + port
                    + " is in use by another process (Address already in use)"), server::log);
            assertNoStackTrace(lines);
        }
    }

    @Test
    void aHostThatIsNotAnAddressOfThisMachineIsNamedWithTheSystemsReason() throws Exception {
        assumeFalse(Files.readString(Path.of("/proc/sys/net/ipv4/ip_nonlocal_bind")).strip().equals("1"),
                "this machine lets a process listen on any address");
        // 192.0.2.0/24 is for documentation (RFC 5737): no machine has it.
        int exit = exitCodeOf(Map.of("HOST", "192.0.2.1", "PORT", Integer.toString(ServerProcess.freePort())));
        assertEquals(1, exit, server::log);
        assertTrue(server.log().contains(": HOST 192.0.2.1 is not an address of this machine (Cannot assign requested"
                + " address)"), server::log);
        assertNoStackTrace(lines());
    }

    @Test
    void theDotEnvSyntaxIsReadAMisspeltNameIsWarnedAboutAndTheLimitsAreLogged() throws Exception {
        int port = ServerProcess.freePort();
        Files.writeString(workDir.resolve(".env"), "# PeerShare on this machine\n\nexport PORT='" + port + "'\n"
                + "HOST = \"127.0.0.1\"   # local only\nMAX_FILE_SZE=10MB\nMAX_USERS_PER_NETWORK=3 # a small office\n");
        server = ServerProcess.start(workDir, Map.of(), List.of()).listeningOn(port).awaitHealthy();

        WsTestClient client = WsTestClient.connect(server.ws(), null);
        client.join("Home", "Alice");
        JsonObject limits = client.await("network-joined").getJsonObject("limits");
        client.close();
        assertEquals(3, limits.getInt("maxUsersPerNetwork"), "read from a line with a comment");
        assertEquals(100L << 20, limits.getJsonNumber("maxFileSize").longValue(), "the misspelt name changed nothing");

        String log = awaitLog("limits: ");
        assertTrue(log.lines().anyMatch(line -> line.contains(" WARNING ") && line.endsWith(".env line 5: MAX_FILE_SZE is"
                + " not a setting; did you mean MAX_FILE_SIZE?")), log);
        assertTrue(log.contains("limits: max file size 100 MiB, 3 users a network, 5 transfers a peer"), log);
    }

    /** The log once it holds {@code text}: it is written just after the port opens, so it may trail {@code /health}. */
    private String awaitLog(String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!server.log().contains(text) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        return server.log();
    }
}
