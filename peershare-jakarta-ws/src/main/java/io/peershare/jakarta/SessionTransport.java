package io.peershare.jakarta;

import io.peershare.protocol.CloseCodes;
import io.peershare.protocol.OutboundFrame;
import io.peershare.spi.Connection;
import io.peershare.spi.Transport;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The engine's {@link Transport} over one Jakarta WebSocket session: frames go out through the session's
 * {@link SessionOutbox}, one send in flight, the backlog held to the engine's {@link io.peershare.OutboundBudget}; a
 * client whose backlog the budget refuses is closed with {@link CloseCodes#SLOW_CONSUMER} instead of growing memory.
 *
 * <p>Threading: {@link #send} and {@link #close} are called by engine threads, concurrently and sometimes
 * under a network lock, so neither blocks: closing the session (which may block in some containers) runs
 * on the adapter's close executor.
 */
final class SessionTransport implements Transport {

    private static final System.Logger LOG = System.getLogger(SessionTransport.class.getName());

    private final Session session;
    private final EndpointSettings settings;
    private final InetSocketAddress remoteAddress;
    private final Map<String, List<String>> headers;
    private final SessionOutbox outbox;
    private final AtomicBoolean closing = new AtomicBoolean();
    private volatile Connection connection;

    SessionTransport(Session session, EndpointSettings settings, InetSocketAddress remoteAddress,
            Map<String, List<String>> headers) {
        this.session = session;
        this.settings = settings;
        this.remoteAddress = remoteAddress;
        this.headers = headers;
        this.outbox = new SessionOutbox(session, settings.engine().outboundBudget(),
                () -> closeByTransport(CloseCodes.SLOW_CONSUMER, "outbound queue overflow: the client reads too slowly"),
                cause -> abort("send failed: " + cause));
    }

    /** Set once, right after the engine opened the connection. */
    void bind(Connection value) {
        connection = value;
    }

    @Override
    public void send(OutboundFrame frame) {
        outbox.sendText(frame.text(), frame.size());
    }

    @Override
    public boolean carriesBinary() {
        return true;
    }

    @Override
    public void sendBinary(ByteBuffer frame) {
        outbox.sendBinary(frame);
    }

    private void abort(String why) {
        if (!closing.get()) {
            LOG.log(Level.DEBUG, () -> "closing session " + session.getId() + ": " + why);
        }
        close(CloseCodes.INTERNAL_ERROR, "send failed");
    }

    @Override
    public void close(int code, String reason) {
        close(code, reason, Connection::closed);
    }

    /**
     * Closes the connection for a reason of the transport's own (a slow reader), which the engine counts in its
     * statistics.
     */
    void closeByTransport(int code, String reason) {
        close(code, reason, c -> c.closedByTransport(code));
    }

    /** The session is gone: whatever waited for it goes back to the budget. */
    void gone() {
        closing.set(true);
        outbox.close();
    }

    private void close(int code, String reason, Consumer<Connection> leave) {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        outbox.close();
        if (code != CloseCodes.GOING_AWAY && code != CloseCodes.INTERNAL_ERROR) {
            LOG.log(Level.INFO, () -> "closing connection from " + remoteAddress + " with " + code + ": " + reason);
        }
        CloseReason closeReason = new CloseReason(CloseReason.CloseCodes.getCloseCode(code), CloseCodes.fitReason(reason));
        Runnable task = () -> {
            // The peer leaves first: not when (or if) the container reports the close, and for the reason given
            // here (containers report the close from inside session.close, as a plain close).
            Connection c = connection;
            if (c != null) {
                leave.accept(c);
            }
            try {
                session.close(closeReason);
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.DEBUG, () -> "close of session " + session.getId() + " failed: " + e);
            }
        };
        try {
            settings.closeExecutor().execute(task);
        } catch (RejectedExecutionException e) {
            task.run();
        }
    }

    boolean isClosing() {
        return closing.get();
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return remoteAddress;
    }

    @Override
    public Map<String, List<String>> headers() {
        return headers;
    }
}
