package io.peershare.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.peershare.PeerShare;
import io.peershare.socketio.EngineIoSettings;
import io.peershare.spring.app.ShareApplication;
import io.peershare.testkit.EngineIoLimits;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The starter announces the Socket.IO limits every PeerShare host derives from the engine's settings
 * ({@link EngineIoSettings#forEngine}): the same figures the reference server's {@code SocketIoLimitsTest} checks
 * for the same engine settings, so that the two cannot drift apart.
 */
class SocketIoLimitsTest {

    private static final String ORIGIN = "https://share.example.test";

    @Test
    void socketIoLimitsAreTheOnesDerivedFromTheEngine() throws Exception {
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(ShareApplication.class).run(
                "--server.port=0", "--server.address=127.0.0.1", "--peershare.allowed-origins=" + ORIGIN)) {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            EngineIoLimits announced = EngineIoLimits.announcedAt(URI.create("ws://127.0.0.1:" + port + "/socket.io/"),
                    ORIGIN);
            EngineIoSettings derived = EngineIoSettings.forEngine(app.getBean(PeerShare.class).config());
            assertEquals(new EngineIoLimits(derived.pingIntervalMillis(), derived.pingTimeoutMillis(),
                    derived.maxPayload()), announced);
            assertEquals(EngineIoLimits.FOR_DEFAULT_ENGINE, announced, "what the reference server announces too");
        }
    }
}
