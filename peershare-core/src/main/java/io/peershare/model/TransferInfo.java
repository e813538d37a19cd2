package io.peershare.model;

/**
 * A file transfer as reported to a {@link PeerShareListener}. The file itself never passes the server.
 *
 * @param transferId       server-assigned id
 * @param fromPeerId       the sender
 * @param toPeerId         the receiver
 * @param fileName         sanitized file name
 * @param fileSize         announced size in bytes
 * @param mimeType         announced MIME type
 * @param state            the state the transfer just entered
 * @param bytesTransferred the last progress reported
 * @param reason           why a transfer failed, was rejected or cancelled; {@code null} otherwise
 */
public record TransferInfo(
        String transferId,
        String fromPeerId,
        String toPeerId,
        String fileName,
        long fileSize,
        String mimeType,
        State state,
        long bytesTransferred,
        String reason) {

    /** The life of a transfer: PENDING, then ACCEPTED, then one of the four final states. */
    public enum State {
        PENDING, ACCEPTED, COMPLETED, REJECTED, CANCELLED, FAILED;

        public boolean isFinal() {
            return this != PENDING && this != ACCEPTED;
        }
    }
}
