package io.peershare.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The runnable jar in its own process, started as an operator would ({@code java -jar} with a relative path, in its
 * own working directory), with none of the server's variables inherited from the test's environment.
 */
final class ServerProcess implements AutoCloseable {

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final Process process;
    private final Path workDir;
    /** Where the server listens: its {@code PORT} variable, or what a test says when that comes from elsewhere. */
    private int port;

    private ServerProcess(Process process, Path workDir, int port) {
        this.process = process;
        this.workDir = workDir;
        this.port = port;
    }

    /** Starts the jar in {@code workDir} with {@code env} (its {@code PORT} is used if set) and JVM options. */
    static ServerProcess start(Path workDir, Map<String, String> env, List<String> jvmOptions) throws IOException {
        Path jar = Path.of(System.getProperty("peershare.jar")).toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), "the shaded jar exists: " + jar);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", workDir.relativize(jar).toString()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(workDir.resolve("stdout.log").toFile())
                .redirectError(workDir.resolve("stderr.log").toFile());
        EnvironmentSettings.ALL.forEach(setting -> builder.environment().remove(setting.name()));
        builder.environment().putAll(env);
        String port = env.getOrDefault("PORT", "");
        return new ServerProcess(builder.start(), workDir, port.matches("\\d+") ? Integer.parseInt(port) : -1);
    }

    /** A port nothing listens on now. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    Process process() {
        return process;
    }

    int port() {
        return port;
    }

    /** Says where the server listens, when its port is set by other means than its {@code PORT} variable. */
    ServerProcess listeningOn(int value) {
        port = value;
        return this;
    }

    URI ws() {
        return URI.create("ws://127.0.0.1:" + port + "/ws");
    }

    URI http(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** Waits up to 30 s for {@code /health} to answer 200. */
    ServerProcess awaitHealthy() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (healthStatus() != 200) {
            assertTrue(process.isAlive(), () -> "the server died: " + log());
            assertTrue(System.nanoTime() < deadline, "the server answers /health within 30 s");
            Thread.sleep(100);
        }
        return this;
    }

    /** The status of {@code GET /health}, or -1 if it is not answered within 2 s. */
    int healthStatus() {
        try {
            return HTTP.send(HttpRequest.newBuilder(http("/health")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException | InterruptedException e) {
            return -1;
        }
    }

    /** {@code GET /api/stats}. */
    JsonObject stats() throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(http("/api/stats"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    /** One series of {@code GET /metrics} (without labels), or -1 when it is not there. */
    double metric(String series) throws IOException, InterruptedException {
        String scrape = HTTP.send(HttpRequest.newBuilder(http("/metrics")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("(?m)^" + java.util.regex.Pattern.quote(series) + " ([0-9.eE+-]+)$").matcher(scrape);
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }

    /** What the server wrote to stdout and stderr so far. */
    String log() {
        try {
            return Files.readString(workDir.resolve("stdout.log")) + Files.readString(workDir.resolve("stderr.log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
