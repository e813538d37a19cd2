package io.peershare.jakarta;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.Map;
import java.util.Set;
import org.glassfish.tyrus.core.TyrusWebSocketEngine;
import org.glassfish.tyrus.server.TyrusServerContainer;
import org.glassfish.tyrus.spi.WebSocketEngine;

/**
 * A Tyrus container without a server of its own, for a Grizzly listener's {@code WebSocketAddOn}: the way an
 * embedding host puts Tyrus and its own HTTP handlers on one port.
 */
final class TyrusTestContainer extends TyrusServerContainer {

    private final TyrusWebSocketEngine engine = TyrusWebSocketEngine.builder(this).build();

    TyrusTestContainer() {
        super((Set<Class<?>>) null);
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
