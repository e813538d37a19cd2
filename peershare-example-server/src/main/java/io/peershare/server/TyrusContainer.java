package io.peershare.server;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.Map;
import java.util.Set;
import org.glassfish.tyrus.core.TyrusWebSocketEngine;
import org.glassfish.tyrus.server.TyrusServerContainer;
import org.glassfish.tyrus.spi.WebSocketEngine;

/**
 * A Tyrus server container without a server of its own: its engine is plugged into the reference server's
 * Grizzly listener by a {@code WebSocketAddOn}, so one port serves WebSocket and HTTP.
 */
final class TyrusContainer extends TyrusServerContainer {

    private final TyrusWebSocketEngine engine;

    TyrusContainer(int maxTextMessageSize) {
        super((Set<Class<?>>) null);
        // Tyrus rejects frames above its incoming buffer before any endpoint limit applies.
        engine = TyrusWebSocketEngine.builder(this).incomingBufferSize(maxTextMessageSize + 1024).build();
    }

    @Override
    public void register(Class<?> endpointClass) throws DeploymentException {
        engine.register(endpointClass, "");
    }

    @Override
    public void register(ServerEndpointConfig config) throws DeploymentException {
        engine.register(config, "");
    }

    @Override
    public WebSocketEngine getWebSocketEngine() {
        return engine;
    }

    @Override
    public Map<String, Object> getProperties() {
        return Map.of();
    }
}
