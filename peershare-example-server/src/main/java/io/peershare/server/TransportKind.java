package io.peershare.server;

/** Which server carries the endpoint and the routes ({@code TRANSPORT}). */
public enum TransportKind {
    /** Netty, with native epoll on Linux: the fast default. */
    NETTY,
    /** Tyrus on Grizzly: the Jakarta WebSocket adapter, as a host container runs it. */
    TYRUS
}
