package io.peershare.jakarta;

import io.peershare.AllowedOrigins;
import io.peershare.PeerShare;
import jakarta.websocket.server.ServerEndpointConfig;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Builds the {@link ServerEndpointConfig} that puts a PeerShare engine on any Jakarta WebSocket 2.1+
 * container: register the result with {@code ServerContainer.addEndpoint}.
 *
 * <pre>{@code
 * PeerShare engine = PeerShare.builder().build();
 * ServerEndpointConfig endpoint = PeerShareEndpointConfig.builder(engine)
 *         .path("/ws")
 *         .allowedOrigins(AllowedOrigins.only(List.of("https://share.example.com")))
 *         .build();
 * serverContainer.addEndpoint(endpoint);
 * }</pre>
 *
 * <p>The origin rule has no default: a host says which origins it serves or that it serves any
 * ({@link Builder#allowedOrigins}). The bytes that may wait for slow clients are
 * the engine's to bound ({@link io.peershare.OutboundBudget}).
 */
public final class PeerShareEndpointConfig {

    /** Default path of the endpoint. */
    public static final String DEFAULT_PATH = "/ws";

    private PeerShareEndpointConfig() {
    }

    public static Builder builder(PeerShare engine) {
        return new Builder(engine);
    }

    /**
     * The idle timeout an endpoint built here sets on its sessions. Tyrus hosts should make it the
     * container's default ({@code setDefaultMaxSessionIdleTimeout}) before the first connection: a Tyrus 2.2
     * session created with an unlimited default schedules an immediate idle check that closes the session
     * if its timeout is raised in {@code onOpen} before the check runs.
     *
     * @throws IllegalArgumentException if the config was not built by this class
     */
    public static Duration idleTimeoutOf(ServerEndpointConfig endpoint) {
        return Duration.ofMillis(settingsOf(endpoint).idleTimeoutMillis());
    }

    /**
     * How many WebSocket sessions of this endpoint are open right now. A host shutting down waits for this to
     * reach zero after closing the engine, so that every client's close frame has been handed to the container; a
     * container may still be writing it (Tyrus counts a session closed once its close frame is queued), so the host
     * then stops the container in a way that lets it finish.
     *
     * @throws IllegalArgumentException if the config was not built by this class
     */
    public static int openSessions(ServerEndpointConfig endpoint) {
        return settingsOf(endpoint).openSessions().get();
    }

    /**
     * Waits up to {@code timeout} for the endpoint's sessions to close, as they do once {@code engine.close()} has
     * handed each its close frame to the container ({@link #openSessions}); returns how many are still open. A host
     * calls it between closing the engine and stopping the container. An interrupt ends the wait early and stays set.
     *
     * @throws IllegalArgumentException if the config was not built by this class
     */
    public static int awaitSessionsClosed(ServerEndpointConfig endpoint, Duration timeout) {
        AtomicInteger open = settingsOf(endpoint).openSessions();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (open.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return open.get();
    }

    private static EndpointSettings settingsOf(ServerEndpointConfig endpoint) {
        if (endpoint.getConfigurator() instanceof PeerShareConfigurator configurator) {
            return configurator.settings();
        }
        throw new IllegalArgumentException("not a PeerShare endpoint: " + endpoint.getPath());
    }

    /** Settings of one endpoint; {@link #build} validates them. */
    public static final class Builder {
        private final PeerShare engine;
        private String path = DEFAULT_PATH;
        private AllowedOrigins allowedOrigins;
        private Integer maxTextMessageSize;
        private Duration idleTimeout;
        private Executor closeExecutor;

        private Builder(PeerShare engine) {
            this.engine = Objects.requireNonNull(engine, "engine");
        }

        /** Where the endpoint is registered, relative to the container's context; default {@value #DEFAULT_PATH}. */
        public Builder path(String value) {
            path = Objects.requireNonNull(value, "path");
            return this;
        }

        /**
         * Which browser origins may connect; any other Origin is refused with 403 at the handshake. Required: say
         * which origins you serve ({@link AllowedOrigins#only}) or that any may connect ({@link AllowedOrigins#any},
         * for development and for hosts that check origins themselves).
         */
        public Builder allowedOrigins(AllowedOrigins value) {
            allowedOrigins = Objects.requireNonNull(value, "allowedOrigins");
            return this;
        }

        /**
         * Largest text frame the container accepts before closing the client with 1009, in bytes; default twice
         * the engine's {@code maxFrameSize}, so that a frame somewhat over the engine's limit is answered with a
         * {@code FRAME_TOO_LARGE} error event the client can show, and only a grossly oversized one is closed.
         */
        public Builder maxTextMessageSize(int value) {
            maxTextMessageSize = value;
            return this;
        }

        /**
         * The container's idle timeout, a backstop behind the engine's heartbeat timeout; default the
         * heartbeat timeout plus 30 seconds, so that the engine, which tells the client why, acts first.
         * {@link Duration#ZERO} leaves the session's idle timeout as the host set the container's default:
         * for hosts that rely on the engine's heartbeat alone and switch the container's timer off (Tyrus
         * re-arms a timer task on every message while its idle timeout is enabled).
         */
        public Builder idleTimeout(Duration value) {
            idleTimeout = Objects.requireNonNull(value, "idleTimeout");
            return this;
        }

        /**
         * Runs session closes, which block in some containers, off the engine's threads; default a
         * {@link CloseExecutor} of this endpoint's. A host that must stop every thread it started passes its own
         * {@code CloseExecutor} and closes it after the sessions have.
         */
        public Builder closeExecutor(Executor value) {
            closeExecutor = Objects.requireNonNull(value, "closeExecutor");
            return this;
        }

        /** @throws IllegalArgumentException naming the setting that is wrong or missing */
        public ServerEndpointConfig build() {
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException("path must start with '/': " + path);
            }
            if (allowedOrigins == null) {
                throw new IllegalArgumentException("no origin rule: call allowedOrigins(AllowedOrigins.only(...)) with"
                        + " the origins you serve, or allowedOrigins(AllowedOrigins.any())");
            }
            int textSize = maxTextMessageSize != null ? maxTextMessageSize : 2 * engine.config().maxFrameSize();
            if (textSize < 1024) {
                throw new IllegalArgumentException("maxTextMessageSize must be at least 1024 bytes: " + textSize);
            }
            Duration idle = idleTimeout != null ? idleTimeout : engine.config().heartbeatTimeout().plusSeconds(30);
            if (idle.isNegative()) {
                throw new IllegalArgumentException("idleTimeout must not be negative: " + idle);
            }
            EndpointSettings settings = new EndpointSettings(engine, allowedOrigins, textSize,
                    idle.toMillis(), closeExecutor != null ? closeExecutor : new CloseExecutor("peershare-ws-close"));
            return ServerEndpointConfig.Builder.create(PeerShareEndpoint.class, path)
                    .configurator(new PeerShareConfigurator(settings))
                    .build();
        }
    }
}
