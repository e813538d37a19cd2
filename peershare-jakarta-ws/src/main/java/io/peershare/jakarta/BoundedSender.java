package io.peershare.jakarta;

import io.peershare.OutboundBudget;
import io.peershare.protocol.OutboundFrame;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import java.nio.ByteBuffer;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one outbound path of a Jakarta WebSocket session, for PeerShare's own endpoint and for Socket.IO's alike: one
 * send in flight and a queue behind it, held to the engine's {@link OutboundBudget}.
 *
 * <p>Containers disagree on concurrent asynchronous sends: Tomcat allows one outstanding send per session and throws
 * on a second, Tyrus and Jetty queue without bound. So exactly one send is in flight, and the next starts from its
 * completion. A send that completes inline (on the thread that started it) does not start the next one from inside
 * the completion: the sending loop carries on instead, so a long queue never deepens the stack.
 *
 * <p>The bytes queued and in flight are reported to the budget: a frame it refuses is dropped and the owner told
 * {@link Owner#overflow()} once, to close the client as a slow consumer (4009); a failed send is told
 * {@link Owner#failed(String)}. Either may be told on the thread of a {@link #send} (an engine thread, maybe holding a
 * network's lock), so the owner must not block there: it closes the session on another thread.
 *
 * <p>Threading: {@link #send} and {@link #close} from any thread, never blocking. The sending loop runs on whichever
 * thread wins the {@code sending} flag: a sender or the container's completion thread.
 */
final class BoundedSender implements SendHandler {

    /** One frame for the client, in the form a container sends. */
    sealed interface Frame permits Text, Binary {
        /** Bytes on the wire (payload), as charged to the budget. */
        int size();

        void sendOn(RemoteEndpoint.Async remote, SendHandler done);
    }

    /** A text frame; {@code size} is its UTF-8 length. */
    record Text(String text, int size) implements Frame {
        static Text of(OutboundFrame frame) {
            return new Text(frame.text(), frame.size());
        }

        static Text of(String text) {
            return new Text(text, utf8Length(text));
        }

        @Override
        public void sendOn(RemoteEndpoint.Async remote, SendHandler done) {
            remote.sendText(text, done);
        }
    }

    /** A binary frame; the buffer is the frame's and is not changed afterwards. */
    record Binary(ByteBuffer data) implements Frame {
        @Override
        public int size() {
            return data.remaining();
        }

        @Override
        public void sendOn(RemoteEndpoint.Async remote, SendHandler done) {
            remote.sendBinary(data, done);
        }
    }

    /** Starts one asynchronous send; the container's {@link RemoteEndpoint.Async} in production, a fake in tests. */
    @FunctionalInterface
    interface Wire {
        void send(Frame frame, SendHandler done);

        static Wire of(RemoteEndpoint.Async remote) {
            return (frame, done) -> frame.sendOn(remote, done);
        }
    }

    /** What the sender tells the session that owns it. */
    interface Owner {
        /** The budget refused a frame: the client reads too slowly. Told once. */
        void overflow();

        /** A send failed or was refused: the client is gone either way. */
        void failed(String why);
    }

    private final Wire wire;
    private final OutboundBudget.Account budget;
    private final Owner owner;
    private final Queue<Frame> outbox = new ConcurrentLinkedQueue<>();
    /** Bytes of the frames queued or in flight. */
    private final AtomicLong pendingBytes = new AtomicLong();
    /** Bytes of the one frame in flight; written by the thread that starts a send, read by its completion. */
    private volatile int inFlightBytes;
    /** Held by the one thread allowed to start a send; released by the send's completion. */
    private final AtomicBoolean sending = new AtomicBoolean();
    /** The thread currently starting a send, to tell an inline completion from a later one. */
    private final AtomicReference<Thread> threadInSend = new AtomicReference<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    BoundedSender(Wire wire, OutboundBudget.Account budget, Owner owner) {
        this.wire = wire;
        this.budget = budget;
        this.owner = owner;
    }

    /** Queues {@code frame}, or drops it once closed; a frame the budget refuses closes the sender and tells the owner. */
    void send(Frame frame) {
        if (closed.get()) {
            return;
        }
        if (!budget.admit(pendingBytes.get(), frame.size())) {
            if (close()) {
                owner.overflow();
            }
            return;
        }
        pendingBytes.addAndGet(frame.size());
        outbox.add(frame);
        pump();
    }

    private void pump() {
        while (sending.compareAndSet(false, true)) {
            Frame frame = outbox.poll();
            if (frame == null) {
                sending.set(false);
                if (outbox.isEmpty()) {
                    return;
                }
                continue; // a frame arrived between poll and release: take it
            }
            if (closed.get()) {
                outbox.clear();
                sending.set(false);
                return;
            }
            Thread me = Thread.currentThread();
            threadInSend.set(me);
            inFlightBytes = frame.size();
            try {
                wire.send(frame, this);
            } catch (RuntimeException e) {
                // A closed session or a container refusing the send.
                threadInSend.compareAndSet(me, null);
                sent();
                sending.set(false);
                fail("send failed: " + e);
                return;
            }
            threadInSend.compareAndSet(me, null);
            // If the send completed inline, `sending` is free again and this loop sends the next frame, instead of
            // the completion recursing into the loop; otherwise the completion's thread carries on.
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
            fail("send failed: " + result.getException());
            return;
        }
        if (!inline) {
            pump();
        }
    }

    private void fail(String why) {
        if (close()) {
            owner.failed(why);
        }
    }

    /**
     * Drops what waits and gives the connection's bytes back to the budget; later frames are dropped. Idempotent:
     * {@code true} for the call that closed it.
     */
    boolean close() {
        if (!closed.compareAndSet(false, true)) {
            return false;
        }
        outbox.clear();
        budget.close();
        return true;
    }

    boolean isClosed() {
        return closed.get();
    }

    /** The bytes queued or in flight. */
    long pendingBytes() {
        return pendingBytes.get();
    }

    static int utf8Length(String text) {
        int n = text.length();
        int bytes = n;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                if (c < 0x800) {
                    bytes += 1;
                } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                    bytes += 2; // four bytes for the pair's two chars
                    i++;
                } else {
                    bytes += 2;
                }
            }
        }
        return bytes;
    }
}
