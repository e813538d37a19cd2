/**
 * What a transport or a backend implements to plug into the PeerShare engine, and nothing else; the values these
 * interfaces exchange are in {@link io.peershare.model}, the defaults in {@link io.peershare.defaults}.
 *
 * <ul>
 *   <li>a transport (WebSocket adapter, test fake) implements {@link io.peershare.spi.Transport};</li>
 *   <li>a host may replace the defaults for {@link io.peershare.spi.NetworkResolver},
 *       {@link io.peershare.spi.MessageStore}, {@link io.peershare.spi.Scheduler} (whose tasks return a
 *       {@link io.peershare.spi.Cancellable}), {@link io.peershare.spi.AdmissionPolicy} and
 *       {@link io.peershare.spi.PeerShareListener}, and install a {@link io.peershare.spi.MetricsRecorder};</li>
 *   <li>a cluster backend (such as {@code peershare-redis}) implements {@link io.peershare.spi.Cluster}, through
 *       which the engine talks to other nodes, and calls the engine back through the
 *       {@link io.peershare.spi.ClusterListener} it is started with.</li>
 * </ul>
 */
package io.peershare.spi;
