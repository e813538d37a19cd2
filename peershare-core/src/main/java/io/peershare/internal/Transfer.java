package io.peershare.internal;

import io.peershare.spi.TransferInfo;
import io.peershare.spi.TransferInfo.State;

/**
 * One coordinated file transfer. The server never sees the file: it only keeps who sends what to whom and
 * in which state the transfer is.
 *
 * <p>Threading: {@link #state} and {@link #bytesTransferred} are guarded by this object's monitor; the rest
 * is immutable.
 */
final class Transfer {

    private final String id;
    private final Peer sender;
    private final Peer receiver;
    private final String fileName;
    private final long fileSize;
    private final String mimeType;
    private final long createdAtMillis;
    private State state = State.PENDING;
    private long bytesTransferred;

    Transfer(String id, Peer sender, Peer receiver, String fileName, long fileSize, String mimeType, long createdAtMillis) {
        this.id = id;
        this.sender = sender;
        this.receiver = receiver;
        this.fileName = fileName;
        this.fileSize = fileSize;
        this.mimeType = mimeType;
        this.createdAtMillis = createdAtMillis;
    }

    String id() { return id; }
    Peer sender() { return sender; }
    Peer receiver() { return receiver; }
    String fileName() { return fileName; }
    long fileSize() { return fileSize; }
    String mimeType() { return mimeType; }
    long createdAtMillis() { return createdAtMillis; }

    synchronized State state() { return state; }
    synchronized void state(State value) { state = value; }
    synchronized long bytesTransferred() { return bytesTransferred; }
    synchronized void bytesTransferred(long value) { bytesTransferred = value; }

    boolean involves(Peer peer) {
        return sender == peer || receiver == peer;
    }

    Peer other(Peer peer) {
        return peer == sender ? receiver : sender;
    }

    synchronized TransferInfo info(String reason) {
        return new TransferInfo(id, sender.id(), receiver.id(), fileName, fileSize, mimeType, state, bytesTransferred, reason);
    }
}
