package io.peershare.server;

import io.peershare.PeerShare;
import io.peershare.jakarta.CloseExecutor;
import io.peershare.jakarta.PeerShareEndpointConfig;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.http.server.ServerConfiguration;
import org.glassfish.grizzly.ssl.SSLEngineConfigurator;
import org.glassfish.grizzly.strategies.WorkerThreadIOStrategy;
import org.glassfish.tyrus.container.grizzly.server.WebSocketAddOn;

/**
 * The reference server on Tyrus and Grizzly ({@code TRANSPORT=tyrus}): the Jakarta WebSocket adapter as a host
 * container runs it, and the routes as a Grizzly handler, on one listener; a secure one (Grizzly's TLS filter before
 * its HTTP codec) when the port speaks TLS.
 *
 * <p>Threading: Grizzly's worker threads run the HTTP handlers and deliver WebSocket frames to the engine; session
 * closes run on the transport's close executor; {@link #awaitClosed} and {@link #stop} on the thread that stops the
 * server.
 */
final class TyrusServerTransport implements ServerTransport {

    private final HttpServer http;
    private final NetworkListener listener;
    private final ServerEndpointConfig endpoint;
    private final GrizzlyConnectionGuard guard;
    /** Both endpoints' session closes: after the engine has closed, every close it asked for has been handed to Tyrus. */
    private final CloseExecutor closeExecutor;
    private final GrizzlyConnections connections;

    private TyrusServerTransport(HttpServer http, NetworkListener listener, ServerEndpointConfig endpoint,
            GrizzlyConnectionGuard guard, CloseExecutor closeExecutor, GrizzlyConnections connections) {
        this.http = http;
        this.listener = listener;
        this.endpoint = endpoint;
        this.guard = guard;
        this.closeExecutor = closeExecutor;
        this.connections = connections;
    }

    /** @param tls what the listener's TLS is made from; {@code null} for plain HTTP and WebSocket */
    static TyrusServerTransport start(ServerConfig config, ServerEngine server, SSLContext tls) throws IOException {
        PeerShare engine = server.engine();
        int maxTextMessageSize = 2 * config.engine().maxFrameSize();
        // The engine's heartbeat timeout closes silent clients (with a reason); Tyrus's own idle timer is switched
        // off, because while enabled it re-arms a timer task on every message (measured: about 4 % of the CPU
        // of relaying signals, and about 12 cancelled tasks kept per connection).
        CloseExecutor closeExecutor = new CloseExecutor("peershare-ws-close");
        ServerEndpointConfig endpointConfig = server.endpoint().idleTimeout(Duration.ZERO).closeExecutor(closeExecutor)
                .build();

        TyrusContainer container = new TyrusContainer(maxTextMessageSize);
        // Negative: Tyrus schedules no idle timer at all (zero would still schedule one per message).
        container.setDefaultMaxSessionIdleTimeout(-1);
        try {
            container.register(endpointConfig);
            // WebSocket only: no long-polling on this transport
            container.register(server.socketIoEndpoint().closeExecutor(closeExecutor).build());
        } catch (DeploymentException e) {
            throw new IOException("cannot deploy the WebSocket endpoint", e);
        }

        HttpServer http = new HttpServer();
        NetworkListener listener = new NetworkListener("peershare", config.host(), config.port());
        // Grizzly closes HTTP connections idle for 30 s by default, and an upgraded WebSocket counts as idle
        // to it: WebSocket liveness is the engine's heartbeat's job.
        listener.getKeepAlive().setIdleTimeoutInSeconds(-1);
        listener.getTransport().setIOStrategy(WorkerThreadIOStrategy.getInstance());
        if (tls != null) {
            listener.setSecure(true);
            listener.setSSLEngineConfig(new SSLEngineConfigurator(tls, false, false, false));
        }
        // Keep-alive idle timeouts are off (above), so the guard gives every connection its handshake deadline.
        GrizzlyConnectionGuard guard = new GrizzlyConnectionGuard(engine.socketLimit(), config.handshakeTimeout(),
                maxTextMessageSize);
        listener.registerAddOn(guard);
        listener.registerAddOn(new WebSocketAddOn(container, ""));
        GrizzlyConnections connections = new GrizzlyConnections();
        listener.getTransport().getConnectionMonitoringConfig().addProbes(connections);
        http.addListener(listener);
        ServerConfiguration handlers = http.getServerConfiguration();
        handlers.setDefaultErrorPageGenerator(null);
        handlers.setSendFileEnabled(false);
        handlers.addHttpHandler(new GrizzlyHttpRoutes(server.routes()), "/");
        try {
            http.start();
        } catch (IOException e) {
            throw ListenFailure.of(config, e);
        }
        return new TyrusServerTransport(http, listener, endpointConfig, guard, closeExecutor, connections);
    }

    @Override
    public int port() {
        return listener.getPort();
    }

    @Override
    public int openConnections() {
        return PeerShareEndpointConfig.openSessions(endpoint);
    }

    /**
     * Tyrus counts a session closed once its close frame is queued, not written: the sessions closing is not enough.
     * Once every close has been handed to Tyrus, every connection is closed gracefully, so Grizzly writes what is
     * queued for it (the close frame last) before it closes it, and the wait is for the connections. One accepted
     * meanwhile is closed too.
     */
    @Override
    public int awaitClosed(long deadline) {
        ServerTransport.super.awaitClosed(deadline);
        closeExecutor.close(); // runs the closes still waiting (Socket.IO sessions' among them), then stops
        ServerTransport.awaitUntil(() -> connections.closeAll() == 0, deadline);
        return connections.open();
    }

    @Override
    public void stop() {
        closeExecutor.close();
        http.shutdownNow(); // drops whatever is still queued: the connections have been given their time
        guard.stop();
    }
}
