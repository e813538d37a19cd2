package io.peershare.spring;

import jakarta.servlet.ServletContext;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.web.context.ServletContextAware;

/**
 * Puts the PeerShare endpoints on the servlet container's Jakarta WebSocket {@link ServerContainer}, once every
 * singleton exists (the container is set up by then, and nothing has connected yet). Runs on the thread that
 * starts the application.
 */
final class PeerShareEndpointRegistrar implements ServletContextAware, SmartInitializingSingleton {

    private final List<ServerEndpointConfig> endpoints;
    private ServletContext servletContext;

    PeerShareEndpointRegistrar(List<ServerEndpointConfig> endpoints) {
        this.endpoints = List.copyOf(endpoints);
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
        for (ServerEndpointConfig endpoint : endpoints) {
            try {
                serverContainer.addEndpoint(endpoint);
            } catch (DeploymentException e) {
                throw new IllegalStateException("PeerShare could not register its endpoint at " + endpoint.getPath()
                        + " (peershare.path, peershare.socket-io.path): " + e.getMessage(), e);
            }
        }
    }
}
