/**
 * What a transport or a backend implements to plug into the PeerShare engine.
 *
 * <p>A transport (WebSocket adapter, test fake) implements {@link io.peershare.spi.Transport}; a host
 * application may replace the defaults for {@link io.peershare.spi.NetworkResolver},
 * {@link io.peershare.spi.MessageStore}, {@link io.peershare.spi.Scheduler},
 * {@link io.peershare.spi.AdmissionPolicy} and {@link io.peershare.spi.PeerShareListener}.
 */
package io.peershare.spi;
