package io.peershare.server;

import java.util.function.BooleanSupplier;

/**
 * What serves the WebSocket endpoint and the HTTP routes on one port: {@link NettyServerTransport} by default,
 * {@link TyrusServerTransport} with {@code TRANSPORT=tyrus}. Both are given the same engine and the same
 * {@link HttpRoutes}.
 */
interface ServerTransport {

    /** The port actually bound. */
    int port();

    /** WebSocket connections open now. */
    int openConnections();

    /**
     * Once the engine has closed every client: waits until each connection has closed, its close frame written, or
     * until {@code deadline} ({@link System#nanoTime}); returns how many are still open then.
     */
    default int awaitClosed(long deadline) {
        awaitUntil(() -> openConnections() == 0, deadline);
        return openConnections();
    }

    /**
     * Asks {@code done} every 20 ms until it answers {@code true} or {@code deadline} ({@link System#nanoTime}) has
     * passed. An interrupt ends the wait early and stays set.
     */
    static void awaitUntil(BooleanSupplier done, long deadline) {
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Stops listening and drops whatever connection is still open. */
    void stop();
}
