package io.peershare.war;

import io.peershare.jakarta.CloseExecutor;
import io.peershare.jakarta.PeerShareEndpointConfig;
import io.peershare.server.ServerConfig;
import io.peershare.server.ServerEngine;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Starts PeerShare with the web application and stops it with it. On start: reads the settings
 * ({@link WebappSettings}), builds the engine ({@link ServerEngine}) and registers its WebSocket endpoint at
 * {@code /ws}, and Socket.IO's at {@code /socket.io/}, on the container's {@link ServerContainer}. On stop: closes
 * every client with 1001, waits (up to {@code SHUTDOWN_TIMEOUT_SECONDS}) for the sessions to end, and stops every
 * thread the application started, so that an undeploy leaves nothing of it behind.
 *
 * <p>Declared in {@code WEB-INF/web.xml}; the container calls it on one thread.
 */
public final class PeerShareWebapp implements ServletContextListener {

    /** The context attribute under which {@link PeerShareHttpServlet} finds the {@link ServerEngine}. */
    static final String SERVER_ATTRIBUTE = ServerEngine.class.getName();
    /** The context attribute under which {@link PeerShareHttpServlet} finds the WebSocket endpoint. */
    static final String ENDPOINT_ATTRIBUTE = ServerEndpointConfig.class.getName();
    private static final System.Logger LOG = System.getLogger(PeerShareWebapp.class.getName());

    private ServerEngine server;
    private ServerEndpointConfig endpoint;
    private CloseExecutor closeExecutor;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        Map<String, String> parameters = Collections.list(context.getInitParameterNames()).stream()
                .collect(Collectors.toMap(Function.identity(), context::getInitParameter));
        ServerConfig config = ServerConfig.fromEnvironment(WebappSettings.merge(parameters, System.getenv()));
        List<String> ignored = WebappSettings.ignored(parameters);
        if (!ignored.isEmpty()) {
            LOG.log(Level.INFO, "PeerShare: " + ignored + " do not apply in a servlet container; its connector and"
                    + " logging decide");
        }
        ServerContainer container = (ServerContainer) context.getAttribute(ServerContainer.class.getName());
        if (container == null) {
            throw new IllegalStateException("PeerShare needs Jakarta WebSocket: this container sets no "
                    + ServerContainer.class.getName() + " attribute");
        }
        try {
            server = ServerEngine.start(config);
        } catch (IOException e) {
            throw new IllegalStateException("PeerShare cannot start: " + e.getMessage(), e);
        }
        // Ours, not the adapter's default, so that the undeploy can stop its threads.
        closeExecutor = new CloseExecutor("peershare-ws-close");
        endpoint = server.endpoint().closeExecutor(closeExecutor).build();
        try {
            container.addEndpoint(endpoint);
            // Engine.IO over WebSocket only: a WebSocket container shows no plain requests, so no long-polling.
            container.addEndpoint(server.socketIoEndpoint().closeExecutor(closeExecutor).build());
        } catch (DeploymentException e) {
            stop();
            throw new IllegalStateException("PeerShare cannot register its WebSocket endpoint: " + e.getMessage(), e);
        }
        context.setAttribute(SERVER_ATTRIBUTE, server);
        context.setAttribute(ENDPOINT_ATTRIBUTE, endpoint);
        LOG.log(Level.INFO, "PeerShare serving WebSocket at " + context.getContextPath() + endpoint.getPath());
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        event.getServletContext().removeAttribute(SERVER_ATTRIBUTE);
        event.getServletContext().removeAttribute(ENDPOINT_ATTRIBUTE);
        stop();
    }

    private void stop() {
        if (server == null) {
            return;
        }
        server.drain();
        server.engine().close(); // every client is sent 1001 "server shutting down"
        int left = endpoint == null ? 0
                : PeerShareEndpointConfig.awaitSessionsClosed(endpoint, server.config().shutdownTimeout());
        closeExecutor.close(); // its threads have ended when this returns
        server.close();
        server = null;
        LOG.log(Level.INFO, "PeerShare stopped" + (left > 0 ? "; " + left + " client(s) did not answer the close" : ""));
    }
}
