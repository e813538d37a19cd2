package io.peershare.spring;

import io.peershare.AllowedOrigins;
import io.peershare.PeerShare;
import io.peershare.jakarta.SocketIoEndpointConfig;
import io.peershare.socketio.EngineIoServer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.concurrent.Executor;

/**
 * Socket.IO clients on the application's engine, with the limits every host derives from the engine's
 * ({@link EngineIoServer#start}), served over Engine.IO's WebSocket transport at {@code peershare.socket-io.path}
 * (a Jakarta WebSocket container sees no plain HTTP requests, so there is no long-polling: clients connect with
 * {@code transports: ["websocket"]}).
 */
final class PeerShareSocketIo implements AutoCloseable {

    private final EngineIoServer server;
    private final ServerEndpointConfig endpoint;

    /** @param closeExecutor where session closes run, off the engine's threads */
    PeerShareSocketIo(PeerShare engine, String path, AllowedOrigins origins, Executor closeExecutor) {
        server = EngineIoServer.start(engine);
        try {
            endpoint = SocketIoEndpointConfig.builder(server).path(path).allowedOrigins(origins)
                    .closeExecutor(closeExecutor).build();
        } catch (RuntimeException refused) {
            server.close(); // its thread would outlive a context that failed to start
            throw refused;
        }
    }

    ServerEndpointConfig endpoint() {
        return endpoint;
    }

    /** Before the engine closes: Engine.IO's sessions end first. */
    @Override
    public void close() {
        server.close();
    }
}
