package io.peershare.jakarta;

import io.peershare.OutboundBudget;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.nio.ByteBuffer;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The messages on their way to one client of a Jakarta WebSocket session, bounded: the one outbound path of both
 * sinks in a Jakarta container, PeerShare's own endpoint ({@link SessionTransport}) and a Socket.IO client's
 * ({@link SocketIoEndpoint}).
 *
 * <p>Containers disagree on concurrent asynchronous sends: Tomcat allows one outstanding send per session and throws
 * on a second, Tyrus and Jetty queue without bound. The outbox therefore keeps exactly one send in flight and a queue
 * behind it, drained from the send's completion. The bytes queued and in flight are held to the engine's
 * {@link OutboundBudget}, per connection and across connections: a message the budget refuses is not queued, and the
 * outbox runs its overflow action once, for the owner to close the client as a slow reader. A send that fails (the
 * session closed under it, a container refusing it) runs the failure action once and stops the outbox.
 *
 * <p>Threading: {@link #sendText}, {@link #sendBinary} and {@link #close} from any thread, never blocking (engine
 * threads send under a network's lock). The pump runs on whichever thread wins the {@code sending} flag: a sender or
 * the container's completion thread; a send that completes inline is followed by the next in the same loop rather
 * than by recursion from its completion.
 */
final class SessionOutbox implements SendHandler {

    /** A message and the bytes it is counted as. */
    private record Outgoing(Object payload, int bytes) {
    }

    private final RemoteEndpoint.Async remote;
    private final OutboundBudget.Account budget;
    private final Runnable overflow;
    private final Consumer<Throwable> failed;
    private final Queue<Outgoing> queue = new ConcurrentLinkedQueue<>();
    /** Bytes of the messages queued or in flight. */
    private final AtomicLong pendingBytes = new AtomicLong();
    /** Bytes of the one message in flight; written by the thread that starts a send, read by its completion. */
    private volatile int inFlightBytes;
    /** Held by the one thread allowed to start a send; released by the send's completion. */
    private final AtomicBoolean sending = new AtomicBoolean();
    /** The thread currently inside a send call, to tell an inline completion from a later one. */
    private final AtomicReference<Thread> threadInSend = new AtomicReference<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param overflow run once, on the sending thread, when the budget refuses a message: the client reads too slowly
     * @param failed run once when a send fails; the outbox is closed by then
     */
    SessionOutbox(Session session, OutboundBudget budget, Runnable overflow, Consumer<Throwable> failed) {
        this.remote = session.getAsyncRemote();
        this.budget = budget.account();
        this.overflow = overflow;
        this.failed = failed;
    }

    /** Sends a text message of {@code bytes} bytes in UTF-8 behind everything sent before. */
    void sendText(String text, int bytes) {
        offer(text, bytes);
    }

    /** Sends a binary message behind everything sent before; the outbox owns {@code data} from now on. */
    void sendBinary(ByteBuffer data) {
        offer(data, data.remaining());
    }

    private void offer(Object payload, int bytes) {
        if (closed.get()) {
            return;
        }
        if (!budget.admit(pendingBytes.get(), bytes)) {
            overflow.run();
            return;
        }
        pendingBytes.addAndGet(bytes);
        queue.add(new Outgoing(payload, bytes));
        pump();
    }

    private void pump() {
        while (sending.compareAndSet(false, true)) {
            Outgoing next = queue.poll();
            if (next == null) {
                sending.set(false);
                if (queue.isEmpty()) {
                    return;
                }
                continue; // a message arrived between poll and release: take it
            }
            if (closed.get()) {
                queue.clear();
                sending.set(false);
                return;
            }
            Thread me = Thread.currentThread();
            threadInSend.set(me);
            inFlightBytes = next.bytes();
            try {
                if (next.payload() instanceof String text) {
                    remote.sendText(text, this);
                } else {
                    remote.sendBinary((ByteBuffer) next.payload(), this);
                }
            } catch (RuntimeException e) {
                // A closed session or a container refusing the send: the client is gone either way.
                threadInSend.compareAndSet(me, null);
                sent();
                sending.set(false);
                fail(e);
                return;
            }
            threadInSend.compareAndSet(me, null);
            // If the send completed inline, `sending` is free again and this loop sends the next message; otherwise
            // the completion's thread carries on.
        }
    }

    /** The message in flight has left (or failed): the budget learns what still waits. */
    private void sent() {
        budget.settle(pendingBytes.addAndGet(-inFlightBytes));
    }

    @Override
    public void onResult(SendResult result) {
        sent();
        boolean inline = threadInSend.get() == Thread.currentThread();
        sending.set(false);
        if (!result.isOK()) {
            fail(result.getException());
            return;
        }
        if (!inline) {
            pump();
        }
    }

    private void fail(Throwable cause) {
        if (close()) {
            failed.accept(cause);
        }
    }

    /**
     * Stops taking messages, drops what is queued and gives the connection's bytes back to the budget; {@code false}
     * if it was closed already. A send in flight finishes.
     */
    boolean close() {
        if (!closed.compareAndSet(false, true)) {
            return false;
        }
        queue.clear();
        budget.close();
        return true;
    }

    boolean isClosed() {
        return closed.get();
    }
}
