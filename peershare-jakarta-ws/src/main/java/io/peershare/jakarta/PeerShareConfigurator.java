package io.peershare.jakarta;

import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks the Origin and captures the handshake headers. One instance serves every handshake of an endpoint,
 * concurrently, so it holds only the shared settings: per-connection data goes into the user properties of
 * the {@link ServerEndpointConfig} passed to {@link #modifyHandshake}, which WebSocket 2.1 containers make
 * per connection, and from there into the session's user properties.
 */
final class PeerShareConfigurator extends ServerEndpointConfig.Configurator {

    static final String HEADERS_PROPERTY = "io.peershare.handshakeHeaders";
    private static final System.Logger LOG = System.getLogger(PeerShareConfigurator.class.getName());

    private final EndpointSettings settings;

    PeerShareConfigurator(EndpointSettings settings) {
        this.settings = settings;
    }

    EndpointSettings settings() {
        return settings;
    }

    /** A foreign Origin is refused with 403 before the engine ever sees the connection. */
    @Override
    public boolean checkOrigin(String originHeaderValue) {
        boolean allowed = settings.allowedOrigins().allows(originHeaderValue);
        if (!allowed) {
            LOG.log(Level.DEBUG, () -> "refused WebSocket handshake from origin " + originHeaderValue);
        }
        return allowed;
    }

    @Override
    public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
        recordHandshake(sec, request, HEADERS_PROPERTY);
    }

    /**
     * Keeps the handshake's headers (under {@code headersProperty}) and the client's address in the endpoint
     * config's user properties, which WebSocket 2.1 containers copy for each handshake.
     */
    static void recordHandshake(ServerEndpointConfig sec, HandshakeRequest request, String headersProperty) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        request.getHeaders().forEach((name, values) -> headers.put(name, List.copyOf(values)));
        sec.getUserProperties().put(headersProperty, Collections.unmodifiableMap(headers));
        if (!(sec.getUserProperties().get(RemoteAddresses.REMOTE_ADDRESS_PROPERTY) instanceof InetSocketAddress)) {
            InetSocketAddress remote = RemoteAddresses.fromHandshake(request);
            if (remote != null) {
                sec.getUserProperties().put(RemoteAddresses.REMOTE_ADDRESS_PROPERTY, remote);
            }
        }
    }

    @Override
    public <T> T getEndpointInstance(Class<T> endpointClass) {
        return endpointClass.cast(new PeerShareEndpoint(settings));
    }
}
