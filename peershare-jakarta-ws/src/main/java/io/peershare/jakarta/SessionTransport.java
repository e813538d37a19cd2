package io.peershare.jakarta;

import io.peershare.Connection;
import io.peershare.protocol.CloseCodes;
import io.peershare.spi.Transport;
import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The engine's {@link Transport} over one Jakarta WebSocket session.
 *
 * <p>Containers disagree on concurrent asynchronous sends: Tomcat allows one outstanding send per session
 * and throws on a second, Tyrus and Jetty queue without bound. This transport therefore keeps exactly one
 * send in flight and a bounded outbox behind it, drained from the send's completion callback. A client
 * whose outbox overflows is closed with {@link CloseCodes#SLOW_CONSUMER} instead of growing memory.
 *
 * <p>Threading: {@link #send} and {@link #close} are called by engine threads, concurrently and sometimes
 * under a network lock, so neither blocks: closing the session (which may block in some containers) runs
 * on the adapter's close executor. The pump runs on whichever thread wins the {@code sending} flag: a
 * sender or the container's completion thread.
 */
final class SessionTransport implements Transport, SendHandler {

    private static final System.Logger LOG = System.getLogger(SessionTransport.class.getName());
    /** RFC 6455 allows 123 bytes of UTF-8 in a close reason. */
    private static final int MAX_REASON_BYTES = 123;

    private final Session session;
    private final RemoteEndpoint.Async remote;
    private final EndpointSettings settings;
    private final InetSocketAddress remoteAddress;
    private final Map<String, List<String>> headers;

    private final Queue<String> outbox = new ConcurrentLinkedQueue<>();
    /** Frames queued or in flight; bounded by {@code settings.maxOutboundFrames()}. */
    private final AtomicInteger pending = new AtomicInteger();
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
    }

    /** Set once, right after the engine opened the connection. */
    void bind(Connection value) {
        connection = value;
    }

    @Override
    public void send(String frame) {
        if (closing.get()) {
            return;
        }
        if (pending.incrementAndGet() > settings.maxOutboundFrames()) {
            pending.decrementAndGet();
            close(CloseCodes.SLOW_CONSUMER, "outbound queue overflow: the client reads too slowly");
            return;
        }
        outbox.add(frame);
        pump();
    }

    private void pump() {
        while (sending.compareAndSet(false, true)) {
            String frame = outbox.poll();
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
            try {
                remote.sendText(frame, this);
            } catch (RuntimeException e) {
                // Closed session or a container refusing the send: the client is gone either way.
                threadInSend.compareAndSet(me, null);
                pending.decrementAndGet();
                sending.set(false);
                abort("send failed: " + e);
                return;
            }
            threadInSend.compareAndSet(me, null);
            // If the send completed inline, `sending` is free again and the loop sends the next frame here,
            // instead of recursing from the completion; otherwise the completion's thread carries on.
        }
    }

    @Override
    public void onResult(SendResult result) {
        pending.decrementAndGet();
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
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        outbox.clear();
        if (code != CloseCodes.GOING_AWAY && code != CloseCodes.INTERNAL_ERROR) {
            LOG.log(Level.INFO, () -> "closing connection from " + remoteAddress + " with " + code + ": " + reason);
        }
        CloseReason closeReason = new CloseReason(CloseReason.CloseCodes.getCloseCode(code), truncate(reason));
        Runnable task = () -> {
            try {
                session.close(closeReason);
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.DEBUG, () -> "close of session " + session.getId() + " failed: " + e);
            } finally {
                // The peer leaves now, not when (or if) the container reports the close.
                Connection c = connection;
                if (c != null) {
                    c.closed();
                }
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

    static String truncate(String reason) {
        if (reason == null) {
            return "";
        }
        byte[] bytes = reason.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_REASON_BYTES) {
            return reason;
        }
        int end = reason.length();
        while (reason.substring(0, end).getBytes(StandardCharsets.UTF_8).length > MAX_REASON_BYTES) {
            end = Character.isLowSurrogate(reason.charAt(end - 1)) ? end - 2 : end - 1;
        }
        return reason.substring(0, end);
    }
}
