package io.peershare.jakarta;

import io.peershare.Connection;
import io.peershare.OutboundBudget;
import io.peershare.protocol.CloseCodes;
import io.peershare.protocol.OutboundFrame;
import io.peershare.spi.Transport;
import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The engine's {@link Transport} over one Jakarta WebSocket session.
 *
 * <p>Containers disagree on concurrent asynchronous sends: Tomcat allows one outstanding send per session
 * and throws on a second, Tyrus and Jetty queue without bound. This transport therefore keeps exactly one
 * send in flight and an outbox behind it, drained from the send's completion callback. The bytes queued and in
 * flight are held to the engine's {@link OutboundBudget}, per connection and across connections: a client whose
 * backlog the budget refuses is closed with {@link CloseCodes#SLOW_CONSUMER} instead of growing memory.
 *
 * <p>Threading: {@link #send} and {@link #close} are called by engine threads, concurrently and sometimes
 * under a network lock, so neither blocks: closing the session (which may block in some containers) runs
 * on the adapter's close executor. The pump runs on whichever thread wins the {@code sending} flag: a
 * sender or the container's completion thread.
 */
final class SessionTransport implements Transport, SendHandler {

    private static final System.Logger LOG = System.getLogger(SessionTransport.class.getName());

    private final Session session;
    private final RemoteEndpoint.Async remote;
    private final EndpointSettings settings;
    private final InetSocketAddress remoteAddress;
    private final Map<String, List<String>> headers;

    private final Queue<OutboundFrame> outbox = new ConcurrentLinkedQueue<>();
    /** Bytes of the frames queued or in flight. */
    private final AtomicLong pendingBytes = new AtomicLong();
    /** Bytes of the one frame in flight; written by the thread that starts a send, read by its completion. */
    private volatile int inFlightBytes;
    private final OutboundBudget.Account budget;
    /** Held by the one thread allowed to start a send; released by the send's completion. */
    private final AtomicBoolean sending = new AtomicBoolean();
    /** The thread currently inside {@code sendText}, to tell an inline completion from a later one. */
    private final AtomicReference<Thread> threadInSend = new AtomicReference<>();
    private final AtomicBoolean closing = new AtomicBoolean();
    private volatile Connection connection;

    SessionTransport(Session session, EndpointSettings settings, InetSocketAddress remoteAddress,
            Map<String, List<String>> headers) {
        this.session = session;
        this.remote = session.getAsyncRemote();
        this.settings = settings;
        this.remoteAddress = remoteAddress;
        this.headers = headers;
        this.budget = settings.engine().outboundBudget().account();
    }

    /** Set once, right after the engine opened the connection. */
    void bind(Connection value) {
        connection = value;
    }

    @Override
    public void send(OutboundFrame frame) {
        if (closing.get()) {
            return;
        }
        if (!budget.admit(pendingBytes.get(), frame.size())) {
            closeByTransport(CloseCodes.SLOW_CONSUMER, "outbound queue overflow: the client reads too slowly");
            return;
        }
        pendingBytes.addAndGet(frame.size());
        outbox.add(frame);
        pump();
    }

    private void pump() {
        while (sending.compareAndSet(false, true)) {
            OutboundFrame frame = outbox.poll();
            if (frame == null) {
                sending.set(false);
                if (outbox.isEmpty()) {
                    return;
                }
                continue; // a frame arrived between poll and release: take it
            }
            if (closing.get()) {
                outbox.clear();
                sending.set(false);
                return;
            }
            Thread me = Thread.currentThread();
            threadInSend.set(me);
            inFlightBytes = frame.size();
            try {
                remote.sendText(frame.text(), this);
            } catch (RuntimeException e) {
                // Closed session or a container refusing the send: the client is gone either way.
                threadInSend.compareAndSet(me, null);
                sent();
                sending.set(false);
                abort("send failed: " + e);
                return;
            }
            threadInSend.compareAndSet(me, null);
            // If the send completed inline, `sending` is free again and the loop sends the next frame here,
            // instead of recursing from the completion; otherwise the completion's thread carries on.
        }
    }

    /** The frame in flight has left (or failed): the budget learns what still waits. */
    private void sent() {
        budget.settle(pendingBytes.addAndGet(-inFlightBytes));
    }

    @Override
    public void onResult(SendResult result) {
        sent();
        boolean inline = threadInSend.get() == Thread.currentThread();
        sending.set(false);
        if (!result.isOK()) {
            abort("send failed: " + result.getException());
            return;
        }
        if (!inline) {
            pump();
        }
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
        outbox.clear();
        budget.close();
    }

    private void close(int code, String reason, Consumer<Connection> leave) {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        outbox.clear();
        budget.close();
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
