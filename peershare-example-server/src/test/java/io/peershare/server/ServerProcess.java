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

    /** As {@link #start}, with the process's limit of open files at {@code openFiles} ({@code ulimit -n}). */
    static ServerProcess startWithOpenFileLimit(Path workDir, Map<String, String> env, List<String> jvmOptions,
            int openFiles) throws IOException {
        Path jar = Path.of(System.getProperty("peershare.jar")).toAbsolutePath();
        StringBuilder command = new StringBuilder("ulimit -n " + openFiles + " && exec '"
                + Path.of(System.getProperty("java.home"), "bin", "java") + "'");
        for (String option : jvmOptions) {
            command.append(" '").append(option).append('\'');
        }
        command.append(" -jar '").append(workDir.relativize(jar)).append('\'');
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", command.toString()).directory(workDir.toFile())
                .redirectOutput(workDir.resolve("stdout.log").toFile())
                .redirectError(workDir.resolve("stderr.log").toFile());
        EnvironmentSettings.ALL.forEach(setting -> builder.environment().remove(setting.name()));
        builder.environment().putAll(env);
        return new ServerProcess(builder.start(), workDir, Integer.parseInt(env.get("PORT")));
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

    /** {@code GET /api/stats}, rendered after this call began (the server renders it at most four times a second). */
    JsonObject stats() throws IOException, InterruptedException {
        return Json.createReader(new StringReader(fresh("/api/stats"))).readObject();
    }

    /**
     * One series of {@code GET /metrics} (without labels), rendered after this call began; -1 when it is not there.
     */
    double metric(String series) throws IOException, InterruptedException {
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("(?m)^" + java.util.regex.Pattern.quote(series) + " ([0-9.eE+-]+)$").matcher(fresh("/metrics"));
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }

    /** The body of {@code path}, waiting (up to 3 s) for a rendering made after this call began. */
    String fresh(String path) throws IOException, InterruptedException {
        return fresh(HTTP, http(path));
    }

    /**
     * The body of {@code uri}, waiting (up to 3 s) for a rendering made after this call began: {@code /api/stats} and
     * {@code /metrics} serve one rendering for up to 250 ms, and say when it was made in {@code Rendered-At}.
     */
    static String fresh(HttpClient client, URI uri) throws IOException, InterruptedException {
        long asked = System.currentTimeMillis();
        long deadline = asked + 3_000;
        while (true) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5))
                    .build(), HttpResponse.BodyHandlers.ofString());
            long rendered = response.headers().firstValueAsLong("Rendered-At").orElse(Long.MAX_VALUE);
            if (rendered >= asked || System.currentTimeMillis() > deadline) {
                return response.body();
            }
            Thread.sleep(50);
        }
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
