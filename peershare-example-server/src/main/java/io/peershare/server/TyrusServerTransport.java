package io.peershare.server;

import io.peershare.PeerShare;
import io.peershare.jakarta.PeerShareEndpointConfig;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.time.Duration;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.http.server.ServerConfiguration;
import org.glassfish.grizzly.strategies.WorkerThreadIOStrategy;
import org.glassfish.tyrus.container.grizzly.server.WebSocketAddOn;

/**
 * The reference server on Tyrus and Grizzly ({@code TRANSPORT=tyrus}): the Jakarta WebSocket adapter as a host
 * container runs it, and the routes as a Grizzly handler, on one listener.
 *
 * <p>Threading: Grizzly's worker threads run the HTTP handlers and deliver WebSocket frames to the engine.
 */
final class TyrusServerTransport implements ServerTransport {

    private final HttpServer http;
    private final NetworkListener listener;
    private final ServerEndpointConfig endpoint;
    private final GrizzlyConnectionGuard guard;

    private TyrusServerTransport(HttpServer http, NetworkListener listener, ServerEndpointConfig endpoint,
            GrizzlyConnectionGuard guard) {
        this.http = http;
        this.listener = listener;
        this.endpoint = endpoint;
        this.guard = guard;
    }

    static TyrusServerTransport start(ServerConfig config, ServerEngine server) throws IOException {
        PeerShare engine = server.engine();
        int maxTextMessageSize = 2 * config.engine().maxFrameSize();
        // The engine's heartbeat timeout closes silent clients (with a reason); Tyrus's own idle timer is switched
        // off, because while enabled it re-arms a timer task on every message (measured: about 4 % of the CPU
        // of relaying signals, and about 12 cancelled tasks kept per connection).
        ServerEndpointConfig endpointConfig = server.endpoint().idleTimeout(Duration.ZERO).build();

        TyrusContainer container = new TyrusContainer(maxTextMessageSize);
        // Negative: Tyrus schedules no idle timer at all (zero would still schedule one per message).
        container.setDefaultMaxSessionIdleTimeout(-1);
        try {
            container.register(endpointConfig);
            container.register(server.socketIoEndpoint().build()); // WebSocket only: no long-polling on this transport
        } catch (DeploymentException e) {
            throw new IOException("cannot deploy the WebSocket endpoint", e);
        }

        HttpServer http = new HttpServer();
        NetworkListener listener = new NetworkListener("peershare", config.host(), config.port());
        // Grizzly closes HTTP connections idle for 30 s by default, and an upgraded WebSocket counts as idle
        // to it: WebSocket liveness is the engine's heartbeat's job.
        listener.getKeepAlive().setIdleTimeoutInSeconds(-1);
        listener.getTransport().setIOStrategy(WorkerThreadIOStrategy.getInstance());
        // Keep-alive idle timeouts are off (above), so the guard gives every connection its handshake deadline.
        GrizzlyConnectionGuard guard = new GrizzlyConnectionGuard(engine.socketLimit(), config.handshakeTimeout(),
                maxTextMessageSize);
        listener.registerAddOn(guard);
        listener.registerAddOn(new WebSocketAddOn(container, ""));
        http.addListener(listener);
        ServerConfiguration handlers = http.getServerConfiguration();
        handlers.setDefaultErrorPageGenerator(null);
        handlers.setSendFileEnabled(false);
        handlers.addHttpHandler(new GrizzlyHttpRoutes(server.routes()), "/");
        try {
            http.start();
        } catch (IOException e) {
            throw new IOException("cannot listen on " + config.host() + ":" + config.port() + ": " + e.getMessage(), e);
        }
        return new TyrusServerTransport(http, listener, endpointConfig, guard);
    }

    @Override
    public int port() {
        return listener.getPort();
    }

    @Override
    public int openConnections() {
        return PeerShareEndpointConfig.openSessions(endpoint);
    }

    @Override
    public void stop() {
        http.shutdownNow(); // every client has been closed before; nothing is left to finish gracefully
        guard.stop();
    }
}
