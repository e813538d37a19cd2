package io.peershare.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peershare.testkit.WsTestClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runnable jar in its own process, as an operator runs it, on each transport: {@link ServerJarOnNettyIT} (the
 * default, so those runs set no {@code TRANSPORT}) and {@link ServerJarOnTyrusIT}.
 */
abstract class ServerJarContract {

    /** The {@code TRANSPORT} to run the jar with, or {@code null} for the default. */
    abstract String transport();

    private static final String ORIGIN = "http://app.example.test";

    @TempDir
    Path workDir;
    private ServerProcess server;
    private Process process;

    @AfterEach
    void kill() {
        if (server != null) {
            server.close();
        }
    }

    /** Starts the jar in {@code workDir} on this class's transport. */
    private Process startJar(Map<String, String> env) throws IOException {
        Map<String, String> all = new HashMap<>(env);
        if (transport() != null) {
            all.put("TRANSPORT", transport());
        }
        server = ServerProcess.start(workDir, all, List.of());
        process = server.process();
        return process;
    }

    private void awaitHealthy(int port) throws InterruptedException {
        server.listeningOn(port).awaitHealthy();
    }

    private static int freePort() throws IOException {
        return ServerProcess.freePort();
    }

    private String log() {
        return server.log();
    }

    @Test
    void theJarServesKeepsIdleWebSocketsAndStopsGracefullyOnSigterm() throws Exception {
        int port = freePort();
        startJar(Map.of("PORT", Integer.toString(port), "HOST", "127.0.0.1",
                "NODE_ENV", "production", "FRONTEND_URL", ORIGIN));
        awaitHealthy(port);

        WsTestClient client = WsTestClient.connect(URI.create("ws://127.0.0.1:" + port + "/ws"), ORIGIN);
        client.join("Home", "Alice");
        client.await("network-joined");

        // Longer than Grizzly's default 30 s keep-alive idle timeout, shorter than the 60 s heartbeat timeout.
        Thread.sleep(35_000);
        client.send("heartbeat", Json.createObjectBuilder());
        client.await("heartbeat-ack");

        process.destroy(); // SIGTERM
        assertEquals(1001, client.awaitClose());
        assertTrue(process.waitFor(15, TimeUnit.SECONDS), "the server exits within 15 s of SIGTERM");
        String log = log();
        assertTrue(log.contains("PeerShare listening on http://127.0.0.1:" + port), log);
        assertTrue(log.contains("PeerShare stopped"), log);
        assertTrue(log.lines().count() < 10, () -> "no log line per message at the default level:\n" + log);
    }

    @Test
    void aBadValueStopsStartUpNamingTheVariable() throws Exception {
        startJar(Map.of("PORT", "forty"));
        assertTrue(process.waitFor(20, TimeUnit.SECONDS));
        assertEquals(2, process.exitValue());
        assertTrue(log().contains("PORT must be a whole number"), log());
    }

    @Test
    void aDotEnvFileInTheWorkingDirectoryConfiguresTheServerAndTheRealEnvironmentWins() throws Exception {
        int port = freePort();
        Files.writeString(workDir.resolve(".env"), "# settings of this directory\nPORT=" + port + "\nHOST=127.0.0.1\n"
                + "MAX_USERS_PER_NETWORK=3\nMAX_FILE_SIZE=10MB\n");
        startJar(Map.of("MAX_USERS_PER_NETWORK", "7"));
        awaitHealthy(port);

        WsTestClient client = WsTestClient.connect(URI.create("ws://127.0.0.1:" + port + "/ws"), null);
        client.join("Home", "Alice");
        JsonObject limits = client.await("network-joined").getJsonObject("limits");
        client.close();
        assertEquals(7, limits.getInt("maxUsersPerNetwork"), "the real environment wins over .env");
        assertEquals(10_000_000, limits.getJsonNumber("maxFileSize").longValue(), "MAX_FILE_SIZE=10MB from .env");
    }

    @Test
    void aBadValueInTheDotEnvFileStopsStartUpNamingTheVariableAndTheValue() throws Exception {
        Files.writeString(workDir.resolve(".env"), "MAX_FILE_SIZE=10 parsecs\n");
        startJar(Map.of());
        assertTrue(process.waitFor(20, TimeUnit.SECONDS));
        assertEquals(2, process.exitValue());
        assertTrue(log().contains("peershare: configuration error: MAX_FILE_SIZE must be a whole number of bytes"), log());
        assertTrue(log().contains("was '10 parsecs'"), log());
    }
}
