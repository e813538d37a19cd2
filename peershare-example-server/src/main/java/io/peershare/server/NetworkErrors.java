package io.peershare.server;

import io.netty.handler.codec.CodecException;
import java.io.IOException;

/**
 * What the network and clients cause, told apart from the server's own faults: a reset, a broken pipe, a client that
 * hung up in the middle of a request or sent one the codec refused. These are expected on a public server and are
 * logged as one line, never with a stack trace (see {@link ServerLogFormatter}).
 */
final class NetworkErrors {

    private NetworkErrors() {
    }

    /** Whether {@code error}, or one of its causes, is something the network or a client did. */
    static boolean isExpected(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof IOException || t instanceof CodecException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** One short description: the exception's simple class name and message, without a stack. */
    static String describe(Throwable error) {
        String message = error.getMessage();
        return error.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
