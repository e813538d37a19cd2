/**
 * The values the engine and its host exchange through the SPI: what a join asks for ({@link
 * io.peershare.model.JoinRequest}), who a peer is ({@link io.peershare.model.PeerInfo}), a chat message, a transfer
 * and a cluster member. Immutable records.
 */
package io.peershare.model;
