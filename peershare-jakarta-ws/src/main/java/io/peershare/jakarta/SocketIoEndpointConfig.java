package io.peershare.jakarta;

import io.peershare.AllowedOrigins;
import io.peershare.socketio.EngineIoServer;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Socket.IO clients over a Jakarta WebSocket container, at {@code /socket.io/} by default: the Engine.IO
 * WebSocket transport only (clients with {@code transports: ["websocket"]}); long-polling needs HTTP requests the
 * WebSocket API does not see (docs/embedding.md). Register the built config with the container as
 * {@link PeerShareEndpointConfig}'s.
 *
 * <pre>{@code
 * container.addEndpoint(SocketIoEndpointConfig.builder(engineIo).allowedOrigins(AllowedOrigins.only(origins)).build());
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
        private Executor closeExecutor;

        private Builder(EngineIoServer server) {
            this.server = Objects.requireNonNull(server, "server");
        }

        public Builder path(String value) {
            path = Objects.requireNonNull(value, "path");
            return this;
        }

        /**
         * Which browser origins may connect; any other is refused with 403 at the handshake. Required:
         * {@link AllowedOrigins#only} the origins you serve, or {@link AllowedOrigins#any} for development.
         */
        public Builder allowedOrigins(AllowedOrigins value) {
            origins = Objects.requireNonNull(value, "allowedOrigins");
            return this;
        }

        /**
         * Runs session closes, which block in some containers, off the engine's threads; default a
         * {@link CloseExecutor} of this endpoint's.
         */
        public Builder closeExecutor(Executor value) {
            closeExecutor = Objects.requireNonNull(value, "closeExecutor");
            return this;
        }

        public ServerEndpointConfig build() {
            if (origins == null) {
                throw new IllegalStateException("say which origins may connect: allowedOrigins(AllowedOrigins.only(...))"
                        + " or allowedOrigins(AllowedOrigins.any())");
            }
            AllowedOrigins allowed = origins;
            Executor closes = closeExecutor != null ? closeExecutor : new CloseExecutor("peershare-socketio-close");
            return ServerEndpointConfig.Builder.create(SocketIoEndpoint.class, path)
                    .configurator(new ServerEndpointConfig.Configurator() {
                        @Override
                        public boolean checkOrigin(String origin) {
                            return allowed.allows(origin);
                        }

                        @Override
                        public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request,
                                HandshakeResponse response) {
                            PeerShareConfigurator.recordHandshake(sec, request, HEADERS_PROPERTY);
                        }

                        @Override
                        public <T> T getEndpointInstance(Class<T> endpointClass) {
                            return endpointClass.cast(new SocketIoEndpoint(server, closes));
                        }
                    })
                    .build();
        }
    }
}
