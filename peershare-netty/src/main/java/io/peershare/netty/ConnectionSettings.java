package io.peershare.netty;

import io.peershare.PeerShare;
import java.util.List;

/**
 * What every connection of one endpoint shares. Immutable.
 *
 * @param engine           the engine connections are opened on
 * @param maxFrameSize     largest WebSocket message read, in bytes
 * @param retainedHeaders  handshake header names (lower case) kept after the connection opened
 */
record ConnectionSettings(PeerShare engine, int maxFrameSize, List<String> retainedHeaders) {
}
