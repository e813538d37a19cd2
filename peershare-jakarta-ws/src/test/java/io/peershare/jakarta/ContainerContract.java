package io.peershare.jakarta;

import io.peershare.AllowedOrigins;
import io.peershare.testkit.AdapterContract;
import jakarta.websocket.server.ServerEndpointConfig;
import java.net.URI;

/** The adapter contract for one Jakarta WebSocket container: the endpoint this adapter builds, deployed in it. */
abstract class ContainerContract extends AdapterContract {

    /** Deploys the endpoint at {@code /ws} on a free port and returns the {@code ws://} URI of it. */
    abstract URI deploy(ServerEndpointConfig endpoint) throws Exception;

    @Override
    protected final URI deploy(Deployment deployment) throws Exception {
        // Jakarta containers hand every handshake header to the engine, so there is nothing to retain.
        return deploy(PeerShareEndpointConfig.builder(deployment.engine())
                .allowedOrigins(AllowedOrigins.only(deployment.allowedOrigins()))
                .build());
    }
}
