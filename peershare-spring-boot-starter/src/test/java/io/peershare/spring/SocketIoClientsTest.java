package io.peershare.spring;

import io.peershare.spring.app.ShareApplication;
import io.peershare.testkit.SocketIoNodeSuite;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An unmodified {@code socket.io-client} 4.8 from npm, in Node, against the Boot application: the reference server's
 * own Socket.IO suite, WebSocket transport only (join, peer lists, chat and history, signals, transfers, errors,
 * isolation, a plain WebSocket client in the same network, reconnection).
 */
class SocketIoClientsTest {

    private static final Path SUITE = Path.of("..", "peershare-example-server", "src", "test", "node");

    @TempDir
    Path workDir;

    @Test
    void socketIoClientDoesEverythingAgainstTheBootApplication() throws Exception {
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(ShareApplication.class).run(
                "--server.port=0", "--server.address=127.0.0.1", "--peershare.allowed-origins=https://share.example.test")) {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            new SocketIoNodeSuite(SUITE).run("http://127.0.0.1:" + port, true, workDir, () -> "(in this process)");
        }
    }
}
