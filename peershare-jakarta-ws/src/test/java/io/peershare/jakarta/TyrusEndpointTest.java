package io.peershare.jakarta;

import jakarta.websocket.server.ServerEndpointConfig;
import java.net.URI;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.tyrus.container.grizzly.server.WebSocketAddOn;

/**
 * The endpoint contract in Tyrus on Grizzly, deployed the way an embedding host does it: a Tyrus container
 * whose default idle timeout is set to the endpoint's before any session exists (see the embedding guide:
 * Tyrus 2.2 sessions created with an unlimited default may otherwise be closed by a stale idle check).
 */
class TyrusEndpointTest extends ContainerContract {

    private HttpServer http;

    @Override
    URI deploy(ServerEndpointConfig endpoint) throws Exception {
        TyrusTestContainer container = new TyrusTestContainer();
        container.setDefaultMaxSessionIdleTimeout(PeerShareEndpointConfig.idleTimeoutOf(endpoint).toMillis());
        container.register(endpoint);

        http = new HttpServer();
        NetworkListener listener = new NetworkListener("test", "127.0.0.1", 0);
        listener.getKeepAlive().setIdleTimeoutInSeconds(-1);
        listener.registerAddOn(new WebSocketAddOn(container, ""));
        http.addListener(listener);
        http.start();
        return URI.create("ws://127.0.0.1:" + listener.getPort() + "/ws");
    }

    @Override
    protected void undeploy() {
        if (http != null) {
            http.shutdownNow();
        }
    }
}
