package io.peershare.server;

import io.peershare.testkit.SocketIoNodeSuite;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
        int port = ServerProcess.freePort();
        Map<String, String> env = new HashMap<>(Map.of("PORT", String.valueOf(port)));
        if (transport() != null) {
            env.put("TRANSPORT", transport());
        }
        try (ServerProcess server = ServerProcess.start(workDir, env, List.of())) {
            server.awaitHealthy();
            new SocketIoNodeSuite(TESTS).run("http://127.0.0.1:" + port, webSocketOnly(), workDir, server::log);
        }
    }
}
