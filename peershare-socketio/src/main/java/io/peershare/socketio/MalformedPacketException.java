package io.peershare.socketio;

/**
 * An Engine.IO or Socket.IO packet that breaks its protocol's grammar. Both protocols answer it by closing the
 * connection without a reply; the message names what was wrong, for the log.
 */
public final class MalformedPacketException extends Exception {

    private static final long serialVersionUID = 1L;

    public MalformedPacketException(String message) {
        super(message);
    }
}
