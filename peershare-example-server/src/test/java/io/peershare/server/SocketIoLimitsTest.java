package io.peershare.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.peershare.socketio.EngineIoSettings;
import io.peershare.testkit.EngineIoLimits;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The reference server announces the Socket.IO limits every PeerShare host derives from the engine's settings
 * ({@link EngineIoSettings#forEngine}); the Spring Boot starter's {@code SocketIoLimitsTest} checks the same
 * figures against the same engine settings, so that the two cannot drift apart.
 */
class SocketIoLimitsTest {

    @ParameterizedTest
    @EnumSource(TransportKind.class)
    void socketIoLimitsAreTheOnesDerivedFromTheEngineOnEitherTransport(TransportKind transport) throws Exception {
        ServerConfig config = ServerConfig.fromEnvironment(Map.of("HOST", "127.0.0.1", "PORT", "0",
                "IO_THREADS", "1", "TRANSPORT", transport.name()));
        try (PeerShareServer server = PeerShareServer.start(config)) {
            EngineIoLimits announced = EngineIoLimits.announcedAt(
                    URI.create("ws://127.0.0.1:" + server.port() + PeerShareServer.SOCKET_IO_PATH), "http://localhost");
            EngineIoSettings derived = EngineIoSettings.forEngine(server.engine().config());
            assertEquals(new EngineIoLimits(derived.pingIntervalMillis(), derived.pingTimeoutMillis(),
                    derived.maxPayload()), announced);
            assertEquals(EngineIoLimits.FOR_DEFAULT_ENGINE, announced, "what the starter announces too");
        }
    }
}
