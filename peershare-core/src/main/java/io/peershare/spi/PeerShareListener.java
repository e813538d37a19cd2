package io.peershare.spi;

import io.peershare.model.ChatMessage;
import io.peershare.model.PeerInfo;
import io.peershare.model.TransferInfo;

/**
 * Lets a host application observe what happens in the engine (audit logs, metrics, bots).
 *
 * <p>Called synchronously on the thread that caused the event, after the state change and while the
 * network's lock may be held: return quickly, do not block, and do not call back into the engine. An
 * exception thrown here is logged and otherwise ignored.
 */
public interface PeerShareListener {

    /** A no-op listener. */
    PeerShareListener NONE = new PeerShareListener() { };

    /** A peer joined a network (or rejoined it with new details). */
    default void peerJoined(PeerInfo peer) { }

    /** A peer left a network: by request, by moving elsewhere, or by disconnecting. */
    default void peerLeft(PeerInfo peer) { }

    /** A user's chat message was accepted and broadcast. */
    default void messageSent(PeerInfo author, ChatMessage message) { }

    /** A transfer entered a new state. */
    default void transferChanged(TransferInfo transfer) { }
}
