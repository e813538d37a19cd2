package io.peershare.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peershare.jakarta.testing.WsTestClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runnable jar in its own process, as an operator runs it. */
class ServerJarIT {

    private static final String ORIGIN = "http://app.example.test";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    Path workDir;
    private Process process;

    @AfterEach
    void kill() {
        if (process != null) {
            process.destroyForcibly();
        }
    }

    /**
     * Starts {@code java -jar <relative path to the jar>} in {@code workDir}, as a user in that directory would, with
     * none of the server's variables inherited from this environment.
     */
    private Process startJar(Map<String, String> env) throws IOException {
        Path jar = Path.of(System.getProperty("peershare.jar")).toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), "the shaded jar exists: " + jar);
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", workDir.relativize(jar).toString()).directory(workDir.toFile())
                .redirectOutput(workDir.resolve("stdout.log").toFile())
                .redirectError(workDir.resolve("stderr.log").toFile());
        EnvironmentSettings.ALL.forEach(setting -> builder.environment().remove(setting.name()));
        builder.environment().putAll(env);
        process = builder.start();
        return process;
    }

    private void awaitHealthy(int port) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (healthStatus(port) != 200) {
            assertTrue(process.isAlive(), () -> "the server died: " + log());
            assertTrue(System.nanoTime() < deadline, "the server answers /health within 30 s");
            Thread.sleep(100);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static int healthStatus(int port) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException | InterruptedException e) {
            return -1;
        }
    }

    private String log() {
        try {
            return Files.readString(workDir.resolve("stdout.log")) + Files.readString(workDir.resolve("stderr.log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
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
