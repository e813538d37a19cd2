package io.peershare.server;

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

    /** Stops listening and drops whatever connection is still open. */
    void stop();
}
