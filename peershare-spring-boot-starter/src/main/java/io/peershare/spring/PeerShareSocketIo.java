package io.peershare.spring;

import io.peershare.AllowedOrigins;
import io.peershare.PeerShare;
import io.peershare.defaults.ExecutorScheduler;
import io.peershare.jakarta.SocketIoEndpointConfig;
import io.peershare.socketio.EngineIoServer;
import io.peershare.socketio.EngineIoSettings;
import jakarta.websocket.server.ServerEndpointConfig;
import java.time.Clock;
import java.util.concurrent.Executor;

/**
 * Socket.IO clients on the application's engine: Engine.IO sessions ticked by a thread of their own, served over
 * Engine.IO's WebSocket transport at {@code peershare.socket-io.path} (a Jakarta WebSocket container sees no plain
 * HTTP requests, so there is no long-polling: clients connect with {@code transports: ["websocket"]}).
 */
final class PeerShareSocketIo implements AutoCloseable {

    private final ExecutorScheduler ticks = new ExecutorScheduler();
    private final EngineIoServer server;
    private final ServerEndpointConfig endpoint;

    /**
     * @param closeExecutor  where session closes run, off the engine's threads
     */
    PeerShareSocketIo(PeerShare engine, String path, AllowedOrigins origins, Executor closeExecutor) {
        // A message may be as large as the WebSocket endpoint's frames: twice the engine's frame limit, so that a
        // frame over that limit gets the engine's FRAME_TOO_LARGE rather than a closed connection.
        server = new EngineIoServer(engine, EngineIoSettings.DEFAULTS.withMaxPayload(2 * engine.config().maxFrameSize()),
                Clock.systemUTC(), ticks);
        endpoint = SocketIoEndpointConfig.builder(server).path(path).allowedOrigins(origins)
                .closeExecutor(closeExecutor).build();
    }

    ServerEndpointConfig endpoint() {
        return endpoint;
    }

    /** Before the engine closes: Engine.IO's sessions end first. */
    @Override
    public void close() {
        server.close();
        ticks.close();
    }
}
