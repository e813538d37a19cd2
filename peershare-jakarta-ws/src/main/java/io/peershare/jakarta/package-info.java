/**
 * The Jakarta WebSocket adapter: {@link io.peershare.jakarta.PeerShareEndpointConfig} builds a
 * {@code ServerEndpointConfig} that runs a {@link io.peershare.PeerShare} engine in any Jakarta WebSocket 2.1+
 * container, {@link io.peershare.jakarta.SocketIoEndpointConfig} the same for Socket.IO clients, and
 * {@link io.peershare.jakarta.CloseExecutor} is where their session closes run. Everything else in this package is
 * internal.
 */
package io.peershare.jakarta;
