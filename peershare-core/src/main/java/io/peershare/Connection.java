package io.peershare;

/**
 * The engine's side of one client connection, returned by {@link PeerShare#open}. The transport feeds it
 * frames and tells it when the connection is gone.
 *
 * <p>Threading: {@link #receive} may be called from any thread but must not be called concurrently for one
 * connection (WebSocket containers already deliver one message at a time per session).
 * {@link #closed} may be called from any thread at any time, and more than once.
 */
public interface Connection {

    /** The id the server assigned to this connection; unguessable, never chosen by the client. */
    String peerId();

    /** Handles one text frame from the client. Never throws for bad input: the client gets an error event. */
    void receive(String frame);

    /** The transport lost or closed the connection; the peer leaves its network at once. Idempotent. */
    void closed();
}
