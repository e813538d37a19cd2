package io.peershare.internal.transfer;

import io.peershare.internal.network.Peer;

import io.peershare.model.TransferInfo;
import io.peershare.model.TransferInfo.State;

/**
 * One coordinated file transfer. The server never sees the file: it only keeps who sends what to whom and
 * in which state the transfer is.
 *
 * <p>Threading: {@link #state} and {@link #bytesTransferred} are guarded by this object's monitor; the rest
 * is immutable.
 */
public final class Transfer {

    private final String id;
    private final String networkKey;
    private final Peer sender;
    private final Peer receiver;
    private final String fileName;
    private final long fileSize;
    private final String mimeType;
    private final long createdAtMillis;
    private State state = State.PENDING;
    private long bytesTransferred;

    Transfer(String id, String networkKey, Peer sender, Peer receiver, String fileName, long fileSize, String mimeType,
            long createdAtMillis) {
        this.id = id;
        this.networkKey = networkKey;
        this.sender = sender;
        this.receiver = receiver;
        this.fileName = fileName;
        this.fileSize = fileSize;
        this.mimeType = mimeType;
        this.createdAtMillis = createdAtMillis;
    }

    public String id() { return id; }
    /** The network both sides were in when it was offered. */
    public String networkKey() { return networkKey; }
    public Peer sender() { return sender; }
    public Peer receiver() { return receiver; }
    public String fileName() { return fileName; }
    public long fileSize() { return fileSize; }
    public String mimeType() { return mimeType; }
    long createdAtMillis() { return createdAtMillis; }

    public synchronized State state() { return state; }
    synchronized void state(State value) { state = value; }
    public synchronized long bytesTransferred() { return bytesTransferred; }
    synchronized void bytesTransferred(long value) { bytesTransferred = value; }

    public boolean involves(Peer peer) {
        return sender == peer || receiver == peer;
    }

    public Peer other(Peer peer) {
        return peer == sender ? receiver : sender;
    }

    public synchronized TransferInfo info(String reason) {
        return new TransferInfo(id, sender.id(), receiver.id(), fileName, fileSize, mimeType, state, bytesTransferred, reason);
    }
}
