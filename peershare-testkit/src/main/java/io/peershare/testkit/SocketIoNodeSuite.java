package io.peershare.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The Socket.IO conformance suite: an unmodified {@code socket.io-client} 4.8 from npm, in Node, running
 * {@code peershare-example-server/src/test/node/socketio.test.js} against a server a test started. Needs
 * {@code node} and {@code npm} (the test is skipped, saying so, without them); the packages are installed from the
 * suite's lock file on first run.
 */
public final class SocketIoNodeSuite {

    private final Path suite;

    /** @param suite the folder of {@code socketio.test.js} and its {@code package-lock.json} */
    public SocketIoNodeSuite(Path suite) {
        this.suite = suite;
    }

    /**
     * Runs the whole suite against {@code serverUrl} ({@code http://host:port}) and fails with its output unless
     * tests ran and none failed.
     *
     * @param webSocketOnly for servers without Engine.IO long-polling (Jakarta WebSocket containers)
     * @param workDir       where the suite's output is written
     * @param serverLog     the server's log, for the failure message
     */
    public void run(String serverUrl, boolean webSocketOnly, Path workDir, Supplier<String> serverLog) throws Exception {
        NodePackages.requireNode("the socket.io-client tests");
        NodePackages.installed(suite);
        Path log = workDir.resolve("node-tests.log");
        ProcessBuilder tests = new ProcessBuilder("node", "--test").directory(suite.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        tests.environment().put("SERVER_URL", serverUrl);
        tests.environment().put("SOCKETIO_WEBSOCKET_ONLY", webSocketOnly ? "1" : "0");
        Process node = tests.start();
        boolean finished = node.waitFor(120, TimeUnit.SECONDS);
        if (!finished) {
            node.destroyForcibly();
        }
        String output = Files.readString(log);
        assertTrue(finished, () -> "the Node tests finished within 120 s:\n" + output);
        assertEquals(0, node.exitValue(), () -> "the Node tests failed:\n" + output + "\nserver:\n" + serverLog.get());
        assertTrue(output.contains("# fail 0") && !output.contains("# pass 0"), () -> "tests ran, none failed:\n"
                + output);
    }

}
