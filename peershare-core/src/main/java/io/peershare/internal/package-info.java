/**
 * PeerShare's implementation. <strong>Not API:</strong> anything here may change in any release; code
 * against {@code io.peershare}, {@code io.peershare.spi} and {@code io.peershare.protocol} instead.
 */
package io.peershare.internal;
