package io.peershare.socketio;

import io.peershare.config.PeerShareConfig;

/**
 * The Engine.IO figures a session announces and keeps to. Defaults as Engine.IO's own server:
 * a ping every 25 s, 20 s for its pong, 1,000,000 characters in one request.
 *
 * @param pingIntervalMillis how long after the handshake, and after each pong, the next ping goes
 * @param pingTimeoutMillis  how long a pong may take before the session ends
 * @param maxPayload         characters one POST body or WebSocket message may hold
 * @param maxPacketsPerPost  packets one POST body may hold
 */
public record EngineIoSettings(long pingIntervalMillis, long pingTimeoutMillis, int maxPayload, int maxPacketsPerPost) {

    public static final EngineIoSettings DEFAULTS = new EngineIoSettings(25_000, 20_000, 1_000_000, 256);

    public EngineIoSettings {
        if (pingIntervalMillis <= 0 || pingTimeoutMillis <= 0 || maxPayload <= 0 || maxPacketsPerPost <= 0) {
            throw new IllegalArgumentException("Engine.IO settings must be positive: " + pingIntervalMillis + ", "
                    + pingTimeoutMillis + ", " + maxPayload + ", " + maxPacketsPerPost);
        }
    }

    /**
     * The settings for Socket.IO clients of an engine with {@code engine}'s settings: Engine.IO's defaults, and a
     * payload limit of twice the engine's {@code maxFrameSize}, the frame limit of PeerShare's WebSocket endpoints,
     * for the same reason: a message somewhat over the engine's limit gets its {@code FRAME_TOO_LARGE} error event,
     * which a client can show, and only a grossly oversized one ends the session. Every host derives its limits here,
     * so that the reference server, its WAR and the Spring Boot starter cannot differ.
     */
    public static EngineIoSettings forEngine(PeerShareConfig engine) {
        return DEFAULTS.withMaxPayload(Math.multiplyExact(2, engine.maxFrameSize()));
    }

    /** The same settings with another payload limit. */
    public EngineIoSettings withMaxPayload(int value) {
        return new EngineIoSettings(pingIntervalMillis, pingTimeoutMillis, value, maxPacketsPerPost);
    }
}
