package io.peershare.server;

import java.util.logging.LogManager;

/**
 * Keeps log handlers alive through JVM shutdown. The JDK's own shutdown hook resets logging, racing the
 * server's hook, so the "stopped" line of a SIGTERM would often be lost. Installed by {@link Main} through the
 * {@code java.util.logging.manager} property before any logger exists.
 */
public final class ServerLogManager extends LogManager {

    /** Ignored: called by the JDK's shutdown hook and at start-up; {@link #resetNow} is the real reset. */
    @Override
    public void reset() {
    }

    void resetNow() {
        super.reset();
    }
}
