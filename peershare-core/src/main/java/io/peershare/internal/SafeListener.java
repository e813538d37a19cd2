package io.peershare.internal;

import io.peershare.model.ChatMessage;
import io.peershare.model.PeerInfo;
import io.peershare.spi.PeerShareListener;
import io.peershare.model.TransferInfo;
import java.lang.System.Logger.Level;

/** Shields the engine from a host listener that throws: the failure is logged, the event goes on. */
public final class SafeListener implements PeerShareListener {

    private static final System.Logger LOG = System.getLogger(SafeListener.class.getName());

    private final PeerShareListener delegate;

    public SafeListener(PeerShareListener delegate) {
        this.delegate = delegate;
    }

    @Override
    public void peerJoined(PeerInfo peer) {
        run(() -> delegate.peerJoined(peer));
    }

    @Override
    public void peerLeft(PeerInfo peer) {
        run(() -> delegate.peerLeft(peer));
    }

    @Override
    public void messageSent(PeerInfo author, ChatMessage message) {
        run(() -> delegate.messageSent(author, message));
    }

    @Override
    public void transferChanged(TransferInfo transfer) {
        run(() -> delegate.transferChanged(transfer));
    }

    private static void run(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "PeerShareListener threw; ignoring", e);
        }
    }
}
