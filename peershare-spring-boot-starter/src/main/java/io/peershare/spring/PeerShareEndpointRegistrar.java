package io.peershare.spring;

import jakarta.servlet.ServletContext;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.web.context.ServletContextAware;

/**
 * Puts the PeerShare endpoint on the servlet container's Jakarta WebSocket {@link ServerContainer}, once every
 * singleton exists (the container is set up by then, and nothing has connected yet). Runs on the thread that
 * starts the application.
 */
final class PeerShareEndpointRegistrar implements ServletContextAware, SmartInitializingSingleton {

    private final ServerEndpointConfig endpoint;
    private ServletContext servletContext;

    PeerShareEndpointRegistrar(ServerEndpointConfig endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public void setServletContext(ServletContext value) {
        servletContext = value;
    }

    @Override
    public void afterSingletonsInstantiated() {
        Object container = servletContext == null ? null : servletContext.getAttribute(ServerContainer.class.getName());
        if (!(container instanceof ServerContainer serverContainer)) {
            throw new IllegalStateException("PeerShare needs a Jakarta WebSocket container in this web application:"
                    + " add spring-boot-starter-websocket (or set peershare.enabled=false)");
        }
        try {
            serverContainer.addEndpoint(endpoint);
        } catch (DeploymentException e) {
            throw new IllegalStateException("PeerShare could not register its endpoint at " + endpoint.getPath()
                    + " (peershare.path): " + e.getMessage(), e);
        }
    }
}
