package io.peershare.jakarta;

import io.peershare.AllowedOrigins;
import io.peershare.socketio.EngineIoServer;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.net.InetSocketAddress;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Socket.IO clients over a Jakarta WebSocket container, at {@code /socket.io/} by default: the Engine.IO
 * WebSocket transport only (clients with {@code transports: ["websocket"]}); long-polling needs HTTP requests the
 * WebSocket API does not see (docs/embedding.md). Register the built config with the container as
 * {@link PeerShareEndpointConfig}'s.
 *
 * <pre>{@code
 * container.addEndpoint(SocketIoEndpointConfig.builder(engineIo).allowedOrigins(origins).build());
 * }</pre>
 */
public final class SocketIoEndpointConfig {

    public static final String DEFAULT_PATH = "/socket.io/";
    static final String HEADERS_PROPERTY = "io.peershare.socketio.headers";

    private SocketIoEndpointConfig() {
    }

    public static Builder builder(EngineIoServer server) {
        return new Builder(server);
    }

    /** Settings of the Socket.IO endpoint. */
    public static final class Builder {
        private final EngineIoServer server;
        private String path = DEFAULT_PATH;
        private AllowedOrigins origins;

        private Builder(EngineIoServer server) {
            this.server = Objects.requireNonNull(server, "server");
        }

        public Builder path(String value) {
            path = Objects.requireNonNull(value, "path");
            return this;
        }

        /** Browser origins allowed to connect; any other is refused with 403 at the handshake. */
        public Builder allowedOrigins(java.util.Collection<String> value) {
            origins = AllowedOrigins.only(value);
            return this;
        }

        /** Allows any Origin; for development. */
        public Builder allowAnyOrigin() {
            origins = AllowedOrigins.any();
            return this;
        }

        public ServerEndpointConfig build() {
            if (origins == null) {
                throw new IllegalStateException("say which origins may connect: allowedOrigins(...) or allowAnyOrigin()");
            }
            AllowedOrigins allowed = origins;
            return ServerEndpointConfig.Builder.create(SocketIoEndpoint.class, path)
                    .configurator(new ServerEndpointConfig.Configurator() {
                        @Override
                        public boolean checkOrigin(String origin) {
                            return allowed.allows(origin);
                        }

                        @Override
                        public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request,
                                HandshakeResponse response) {
                            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                            request.getHeaders().forEach((name, values) -> headers.put(name, List.copyOf(values)));
                            sec.getUserProperties().put(HEADERS_PROPERTY, Collections.unmodifiableMap(headers));
                            if (!(sec.getUserProperties().get(RemoteAddresses.REMOTE_ADDRESS_PROPERTY)
                                    instanceof InetSocketAddress)) {
                                InetSocketAddress remote = RemoteAddresses.fromHandshake(request);
                                if (remote != null) {
                                    sec.getUserProperties().put(RemoteAddresses.REMOTE_ADDRESS_PROPERTY, remote);
                                }
                            }
                        }

                        @Override
                        public <T> T getEndpointInstance(Class<T> endpointClass) {
                            return endpointClass.cast(new SocketIoEndpoint(server));
                        }
                    })
                    .build();
        }
    }
}
