package io.peershare.server;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.ConnectionProbe;

/**
 * The Grizzly listener's open connections, so that the server can stop without cutting off what is still being
 * written to them. Tyrus reports a session closed once its close frame is queued, not written, and Grizzly's
 * {@code shutdownNow} drops whatever is still queued: a client whose socket was full got no close frame (1006). So the
 * server first closes every connection gracefully (Grizzly writes what is queued for it, then closes it) and waits for
 * them, within the shutdown timeout, before it stops the listener.
 *
 * <p>A probe on the listener's transport: Grizzly's threads report accepts and closes; the other methods may be called
 * from any thread.
 */
final class GrizzlyConnections extends ConnectionProbe.Adapter {

    private final Set<Connection<?>> open = ConcurrentHashMap.newKeySet();

    @Override
    public void onAcceptEvent(Connection serverConnection, Connection clientConnection) {
        open.add(clientConnection);
    }

    @Override
    public void onCloseEvent(Connection connection) {
        open.remove(connection);
    }

    /**
     * Closes every open connection once what is queued for it has been written (Grizzly's graceful close; a close
     * already under way goes on); returns how many are still open, these among them until they have closed.
     */
    int closeAll() {
        open.forEach(Connection::closeSilently);
        open.removeIf(connection -> !connection.isOpen()); // in case a close was reported before its accept
        return open.size();
    }

    /** Connections open now. */
    int open() {
        return open.size();
    }
}
