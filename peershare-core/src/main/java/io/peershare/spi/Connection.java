package io.peershare.spi;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The engine's side of one client connection, returned by {@link io.peershare.PeerShare#open}. The transport feeds it
 * frames and tells it when the connection is gone.
 *
 * <p>Threading: {@link #receive} may be called from any thread but must not be called concurrently for one
 * connection (WebSocket containers already deliver one message at a time per session).
 * {@link #closed} may be called from any thread at any time, and more than once.
 */
public interface Connection {

    /** The id the server assigned to this connection; unguessable, never chosen by the client. */
    String peerId();

    /**
     * Handles one text frame from the client, as the UTF-8 bytes it arrived in. Never throws for bad input: the
     * client gets an error event. The engine may keep referring to {@code utf8} while it handles the frame, so
     * the caller hands it over and does not change it afterwards.
     */
    void receive(byte[] utf8);

    /** Handles one text frame from the client, for transports that deliver text as strings. */
    default void receive(String frame) {
        receive(frame.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Handles one binary frame from the client: a chunk of a transfer the server relays. A chunk of no relay the
     * client sends gets an error event; a binary frame that is no chunk at all is counted and the connection closed
     * with {@link io.peershare.protocol.CloseCodes#UNSUPPORTED_DATA} (the transport need not close it too). The engine
     * may keep {@code frame} (it passes it on to the receiver), so the caller hands it over.
     */
    void receiveBinary(ByteBuffer frame);

    /**
     * The client sent a binary frame of {@code length} bytes that this transport does not pass on: as a binary frame
     * outside a relay.
     */
    void receiveBinary(int length);

    /** The transport lost or closed the connection; the peer leaves its network at once. Idempotent. */
    void closed();

    /**
     * The client closed the connection with this WebSocket close code. A browser closes with
     * {@link io.peershare.protocol.CloseCodes#GOING_AWAY} (1001) when its page is closed, reloaded or left: the peer
     * is then away for a shorter grace, since a reload comes back at once and a closed tab never does. Otherwise as
     * {@link #closed()}. Idempotent.
     */
    default void closedByClient(int closeCode) {
        closed();
    }

    /**
     * The transport closed the connection itself, with this WebSocket close code (a client that read too slowly
     * {@code 4009}, a message too big {@code 1009}, text that is not UTF-8 {@code 1007}, ...): counted in the
     * statistics' closes, then as {@link #closed()}. Idempotent.
     */
    void closedByTransport(int closeCode);
}
