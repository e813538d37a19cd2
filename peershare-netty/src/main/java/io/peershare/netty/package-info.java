/**
 * The Netty adapter: {@link io.peershare.netty.PeerShareWebSocketHandler} puts a {@link io.peershare.PeerShare}
 * engine into a Netty server's pipeline. Everything else in this package is internal.
 */
package io.peershare.netty;
