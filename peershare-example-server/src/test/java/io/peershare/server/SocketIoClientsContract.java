package io.peershare.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An unmodified {@code socket.io-client} 4.8 from npm, in Node, against the real jar, on each transport:
 * {@code src/test/node/socketio.test.js} (default transports and WebSocket only; join, peer lists, chat and
 * history, signals, transfers, errors through acknowledgements and the {@code error} event, isolation, a plain
 * WebSocket client in the same network, reconnection after a cut). Needs {@code node} and {@code npm}; the
 * packages are installed from the lock file on first run. On {@code TRANSPORT=tyrus} (the Jakarta adapter) only
 * the WebSocket transport is served, so only the WebSocket-only tests run there.
 */
abstract class SocketIoClientsContract {

    private static final Path TESTS = Path.of("src", "test", "node");

    @TempDir
    Path workDir;

    /** The server's {@code TRANSPORT}, or {@code null} for the default. */
    abstract String transport();

    /** Whether the server serves Engine.IO's WebSocket transport only. */
    abstract boolean webSocketOnly();

    @Test
    void socketIoClientDoesEverythingAgainstTheJar() throws Exception {
        assumeTrue(found("node"), "node is not installed: the socket.io-client tests need Node 18 or later");
        if (!Files.isDirectory(TESTS.resolve("node_modules"))) {
            assumeTrue(found("npm"), "npm is not installed: it installs socket.io-client for these tests");
            Process install = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(TESTS.toFile())
                    .redirectErrorStream(true).start();
            String output = new String(install.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(install.waitFor(180, TimeUnit.SECONDS), "npm ci finished");
            assertEquals(0, install.exitValue(), () -> "npm ci failed:\n" + output);
        }
        int port = ServerProcess.freePort();
        Map<String, String> env = new HashMap<>(Map.of("PORT", String.valueOf(port)));
        if (transport() != null) {
            env.put("TRANSPORT", transport());
        }
        try (ServerProcess server = ServerProcess.start(workDir, env, List.of())) {
            server.awaitHealthy();
            ProcessBuilder tests = new ProcessBuilder("node", "--test").directory(TESTS.toFile())
                    .redirectErrorStream(true).redirectOutput(workDir.resolve("node-tests.log").toFile());
            tests.environment().put("SERVER_URL", "http://127.0.0.1:" + port);
            tests.environment().put("SOCKETIO_WEBSOCKET_ONLY", webSocketOnly() ? "1" : "0");
            Process node = tests.start();
            boolean finished = node.waitFor(120, TimeUnit.SECONDS);
            if (!finished) {
                node.destroyForcibly();
            }
            String output = Files.readString(workDir.resolve("node-tests.log"));
            assertTrue(finished, () -> "the Node tests finished within 120 s:\n" + output);
            assertEquals(0, node.exitValue(), () -> "the Node tests failed:\n" + output + "\nserver:\n" + server.log());
            assertTrue(output.contains("# fail 0") && !output.contains("# pass 0"), () -> "tests ran, none failed:\n"
                    + output);
        }
    }

    private static boolean found(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
