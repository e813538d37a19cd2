/**
 * The wire contract: event names, error codes, close codes, and the codec that turns frames into events
 * and back. The full contract, with examples, is in {@code docs/protocol.md}.
 */
package io.peershare.protocol;
