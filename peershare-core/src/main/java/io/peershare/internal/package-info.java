/**
 * PeerShare's implementation. <strong>Not API:</strong> the module does not export this package or its
 * sub-packages, and anything here may change in any release; code against {@code io.peershare},
 * {@code io.peershare.spi}, {@code io.peershare.model}, {@code io.peershare.defaults} and {@code io.peershare.protocol}.
 *
 * <p>This package holds the engine and the inbound pipeline; the sub-packages hold one concept each:
 * {@code network} (peers, networks, membership, chat), {@code signal}, {@code transfer}, {@code cluster} (the seam to
 * other nodes), {@code limit}, {@code address}, {@code input} (validation), {@code wire} (outbound frames) and
 * {@code stats}.
 */
package io.peershare.internal;
