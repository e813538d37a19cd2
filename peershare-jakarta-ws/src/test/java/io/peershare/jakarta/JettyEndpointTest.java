package io.peershare.jakarta;

import jakarta.websocket.server.ServerEndpointConfig;
import java.net.URI;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** The endpoint contract in Jetty 12 (ee10). */
class JettyEndpointTest extends ContainerContract {

    private Server jetty;

    @Override
    URI deploy(ServerEndpointConfig endpoint) throws Exception {
        jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        jetty.setHandler(context);
        JakartaWebSocketServletContainerInitializer.configure(context,
                (servletContext, container) -> container.addEndpoint(endpoint));
        jetty.start();
        return URI.create("ws://127.0.0.1:" + connector.getLocalPort() + "/ws");
    }

    @Override
    protected void undeploy() throws Exception {
        if (jetty != null) {
            jetty.stop();
        }
    }
}
