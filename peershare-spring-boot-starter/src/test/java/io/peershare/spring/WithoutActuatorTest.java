package io.peershare.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peershare.spring.app.ShareApplication;
import io.peershare.testkit.WsTestClient;
import jakarta.json.Json;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The same application in a JVM of its own whose class path lacks Actuator, its health and metrics modules and
 * Micrometer's registries, as an application that never added them: the endpoint works all the same.
 */
class WithoutActuatorTest {

    private static final Pattern ACTUATOR_JARS = Pattern.compile(
            "spring-boot-(starter-)?actuator|spring-boot-health|spring-boot-micrometer|micrometer-registry-|spring-boot-starter-micrometer");
    private static final Pattern STARTED = Pattern.compile("Tomcat started on port (\\d+)");

    @Test
    void theEndpointServesInAnApplicationWithoutActuator() throws Exception {
        List<String> classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !ACTUATOR_JARS.matcher(Path.of(entry).getFileName().toString()).find())
                .toList();
        assertTrue(classPath.size() < System.getProperty("java.class.path").split(File.pathSeparator).length,
                "Actuator was on the test's class path to begin with");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", String.join(File.pathSeparator, classPath), ShareApplication.class.getName(),
                "--server.port=0", "--server.address=127.0.0.1", "--logging.level.root=INFO",
                "--peershare.allowed-origins=https://share.example.test"));
        Process app = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            int port = awaitPort(app);
            assertEquals(404, PeerShareStarterTest.get(port, "/actuator/health").statusCode());
            URI ws = URI.create("ws://127.0.0.1:" + port + "/ws");
            try (WsTestClient alice = WsTestClient.connect(ws, "https://share.example.test");
                 WsTestClient bob = WsTestClient.connect(ws, "https://share.example.test")) {
                alice.join("Porch", "Alice");
                alice.await("network-joined");
                bob.join("Porch", "Bob");
                bob.await("network-joined");
                alice.send("send-message", Json.createObjectBuilder().add("text", "no actuator needed"));
                bob.await("new-message", d -> "no actuator needed".equals(d.getString("text", null)));
            }
        } finally {
            app.destroy();
            if (!app.waitFor(20, TimeUnit.SECONDS)) {
                app.destroyForcibly();
            }
        }
    }

    /** Reads the application's output until Tomcat names its port; the lines read are in the failure message. */
    private static int awaitPort(Process app) throws Exception {
        BufferedReader output = new BufferedReader(new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8));
        List<String> seen = new ArrayList<>();
        CompletableFuture<Integer> port = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line; (line = output.readLine()) != null; ) {
                    seen.add(line);
                    Matcher m = STARTED.matcher(line);
                    if (m.find()) {
                        return Integer.parseInt(m.group(1));
                    }
                }
            } catch (java.io.IOException e) {
                // the process ended
            }
            return -1;
        });
        int found = port.get(60, TimeUnit.SECONDS);
        assertTrue(found > 0, () -> "the application did not start:\n" + seen.stream().collect(Collectors.joining("\n")));
        // Keep draining its output so that it never blocks on a full pipe.
        CompletableFuture.runAsync(() -> output.lines().forEach(line -> { }));
        return found;
    }
}
