package io.peershare.server;

import io.peershare.PeerShare;
import io.peershare.defaults.ExecutorScheduler;
import io.peershare.socketio.EngineIoServer;
import io.peershare.socketio.EngineIoSettings;
import java.time.Clock;

/**
 * The reference server's Socket.IO side, the same on both transports: Engine.IO sessions on the engine, with
 * Engine.IO's own defaults for pings and a payload limit that fits the engine's largest signal.
 */
final class SocketIoSetup implements AutoCloseable {

    static final String PATH = "/socket.io/";
    /** Characters in one Engine.IO request or message: a signal at the engine's limit, in its Socket.IO packet. */
    static final int MAX_PAYLOAD = 100_000;
    static final EngineIoSettings SETTINGS = EngineIoSettings.DEFAULTS.withMaxPayload(MAX_PAYLOAD);

    private final ExecutorScheduler ticks = new ExecutorScheduler();
    private final EngineIoServer server;

    SocketIoSetup(PeerShare engine) {
        server = new EngineIoServer(engine, SETTINGS, Clock.systemUTC(), ticks);
    }

    EngineIoServer server() {
        return server;
    }

    @Override
    public void close() {
        server.close();
        ticks.close();
    }
}
