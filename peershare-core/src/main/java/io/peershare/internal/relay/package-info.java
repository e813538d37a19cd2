/**
 * The relay through the server, for transfers whose direct connection cannot form: one relayed transfer's state and
 * credit window (its chunks are {@link io.peershare.protocol.RelayFrame}s)
 * ({@link io.peershare.internal.relay.Relay}) and what the server lets relays cost
 * ({@link io.peershare.internal.relay.RelayMeter}). Every decision takes the time as an argument, so the whole of it
 * runs on a manual clock in tests.
 */
package io.peershare.internal.relay;
