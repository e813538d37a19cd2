/**
 * The Jakarta WebSocket adapter: {@link io.peershare.jakarta.PeerShareEndpointConfig} builds a
 * {@code ServerEndpointConfig} that runs a {@link io.peershare.PeerShare} engine in any Jakarta WebSocket 2.1+
 * container. Everything else in this package is internal.
 */
package io.peershare.jakarta;
