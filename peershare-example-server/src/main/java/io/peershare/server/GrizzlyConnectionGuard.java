package io.peershare.server;

import io.peershare.SocketLimit;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.Grizzly;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpHeader;
import org.glassfish.grizzly.http.HttpResponsePacket;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.http.util.Header;
import org.glassfish.grizzly.memory.Buffers;
import org.glassfish.grizzly.memory.MemoryManager;
import org.glassfish.grizzly.nio.NIOConnection;

/**
 * On Grizzly, what the Netty adapter does for the reference server's other transport: a socket from an address that
 * holds the most allowed ({@link SocketLimit}) is closed when accepted, and one that does not send a whole request
 * within the handshake timeout (after its accept, or after its last response on a kept-alive connection) is closed
 * then. A WebSocket connection is free of the deadline once its upgrade request has arrived.
 *
 * <p>On an upgraded connection it also watches the frames' headers: Tyrus buffers a whole frame before it checks its
 * size, and a frame bigger than its buffer ends in 1011 and a stack trace. A frame over the message limit is cut off
 * here instead: Tyrus gets, in its place, a close frame with 1009 from the client, so the endpoint sees the close as
 * a message too big (and counts it), Tyrus answers the client with 1009, and the rest is discarded.
 *
 * <p>It also bounds a close: once the server's close frame of an upgraded connection has been handed to Grizzly, the
 * connection is dropped if it is still open {@link #CLOSE_GRACE_MILLIS} later. Tyrus closes the connection once the
 * frame is written, and Grizzly writes only as fast as the client reads: a client that reads nothing would otherwise
 * keep its connection, and the megabytes the kernel holds for it, for as long as it likes.
 *
 * <p>Sits right after Grizzly's HTTP codec, which passes a request on only once its header is whole. Threading:
 * Grizzly's threads call the filter; the deadlines run on one daemon timer thread of their own.
 */
final class GrizzlyConnectionGuard extends BaseFilter implements AddOn {

    private static final int SWITCHING_PROTOCOLS = 101;
    /** How long a close frame may take to get out: as long as the Netty transport waits at most for a slow reader. */
    static final long CLOSE_GRACE_MILLIS = 15_000;
    private static final System.Logger LOG = System.getLogger(GrizzlyConnectionGuard.class.getName());

    private final SocketLimit sockets;
    private final long timeoutMillis;
    private final ScheduledThreadPoolExecutor timer;
    private final Attribute<Guarded> guarded;

    /** What the guard knows of one connection. Touched by the connection's Grizzly thread and the timer. */
    private static final class Guarded {
        InetAddress address;
        volatile Future<?> deadline;
        volatile boolean upgraded;
        /** The frames' headers, once upgraded; read thread only, as the fields below. */
        FrameSizeWatch frames;
        /** The server's frames' headers, once upgraded; written by one thread at a time, in order. */
        FrameSizeWatch sent;
        volatile boolean closing;
        /** The start of a frame header that the last read ended in, held back from Tyrus until it is whole. */
        byte[] heldHeader;
        boolean discarding;
    }

    /** A client's close frame, masked with a zero key: 1009, "message too big". */
    private static final byte[] CLOSE_MESSAGE_TOO_BIG = closeFrame(1009, "message too big");

    private final long maxMessageSize;

    GrizzlyConnectionGuard(SocketLimit sockets, Duration handshakeTimeout, long maxMessageSize) {
        this.sockets = sockets;
        this.maxMessageSize = maxMessageSize;
        this.timeoutMillis = handshakeTimeout.toMillis();
        this.timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = Executors.defaultThreadFactory().newThread(runnable);
            thread.setName("peershare-handshake-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true); // cancelled deadlines (nearly all of them) do not linger
        this.guarded = Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute("peershare-guard");
    }

    @Override
    public void setup(NetworkListener listener, FilterChainBuilder builder) {
        builder.add(builder.indexOfType(HttpServerFilter.class) + 1, this);
    }

    @Override
    public NextAction handleAccept(FilterChainContext ctx) throws IOException {
        Connection<?> connection = ctx.getConnection();
        Guarded state = new Guarded();
        if (connection.getPeerAddress() instanceof InetSocketAddress remote && remote.getAddress() != null) {
            InetAddress address = remote.getAddress();
            if (!sockets.tryOpen(address)) {
                LOG.log(Level.DEBUG, () -> "refused a connection from " + address + ": it holds the most allowed");
                connection.closeSilently();
                return ctx.getStopAction();
            }
            state.address = address;
        }
        guarded.set(connection, state);
        connection.addCloseListener((closed, type) -> {
            disarm(state);
            if (state.address != null) {
                sockets.closed(state.address);
            }
        });
        arm(connection, state);
        return ctx.getInvokeAction();
    }

    @Override
    public NextAction handleRead(FilterChainContext ctx) throws IOException {
        Guarded state = guarded.get(ctx.getConnection());
        if (state == null || !(ctx.getMessage() instanceof HttpContent content)) {
            return ctx.getInvokeAction();
        }
        if (!state.upgraded) {
            disarm(state); // the request's header is whole: answering it takes what it takes
            HttpHeader header = content.getHttpHeader();
            if (!header.isRequest() || header.getHeader(Header.Upgrade) == null) {
                return ctx.getInvokeAction();
            }
            state.upgraded = true;
            state.frames = new FrameSizeWatch(maxMessageSize);
            state.sent = new FrameSizeWatch(Long.MAX_VALUE);
        }
        // From the upgrade request's own content on, the bytes are WebSocket frames.
        Buffer watched = watchFrames(state, content.getContent(), ctx.getMemoryManager());
        if (watched != content.getContent()) {
            ctx.setMessage(HttpContent.create(content.getHttpHeader(), content.isLast(), watched));
        }
        return ctx.getInvokeAction();
    }

    /** The bytes Tyrus may see of {@code read}: all of it, less a header not yet whole, or up to an oversized frame. */
    private static Buffer watchFrames(Guarded state, Buffer read, MemoryManager memory) {
        if (state.discarding) {
            return Buffers.EMPTY_BUFFER;
        }
        Buffer data = read;
        if (state.heldHeader != null) {
            data = Buffers.appendBuffers(memory, Buffers.wrap(memory, state.heldHeader), read);
            state.heldHeader = null;
        }
        int from = data.position();
        int to = data.limit();
        Buffer scanned = data;
        int end = state.frames.settledEnd(scanned::get, from, to);
        if (state.frames.oversized()) {
            state.discarding = true;
            return Buffers.appendBuffers(memory, copy(memory, data, from, end),
                    Buffers.wrap(memory, CLOSE_MESSAGE_TOO_BIG));
        }
        if (end < to) {
            byte[] held = new byte[to - end];
            for (int i = 0; i < held.length; i++) {
                held[i] = data.get(end + i);
            }
            state.heldHeader = held;
            return copy(memory, data, from, end);
        }
        return data;
    }

    private static Buffer copy(MemoryManager memory, Buffer data, int from, int end) {
        byte[] bytes = new byte[end - from];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = data.get(from + i);
        }
        return Buffers.wrap(memory, bytes);
    }

    private static byte[] closeFrame(int code, String reason) {
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        byte[] frame = new byte[2 + 4 + 2 + text.length];
        frame[0] = (byte) 0x88; // final close frame
        frame[1] = (byte) (0x80 | (2 + text.length)); // masked, as a client's frames are
        // frame[2..5]: a zero mask key leaves the payload as it is
        frame[6] = (byte) (code >>> 8);
        frame[7] = (byte) code;
        System.arraycopy(text, 0, frame, 8, text.length);
        return frame;
    }

    @Override
    public NextAction handleWrite(FilterChainContext ctx) throws IOException {
        Guarded state = guarded.get(ctx.getConnection());
        if (state != null && state.upgraded && !state.closing && ctx.getMessage() instanceof Buffer frames) {
            watchClose(ctx.getConnection(), state, frames);
        }
        if (state != null && ctx.getMessage() instanceof HttpContent content && content.isLast()) {
            if (state.upgraded && content.getHttpHeader() instanceof HttpResponsePacket response
                    && response.getStatus() != SWITCHING_PROTOCOLS) {
                state.upgraded = false; // a refused handshake: the connection is plain HTTP again
            }
            if (!state.upgraded) {
                arm(ctx.getConnection(), state); // kept alive: the next request is owed within the deadline
            }
        }
        return ctx.getInvokeAction();
    }

    /** The server's frames going out: once its close frame has, the close's grace starts. */
    private void watchClose(Connection<?> connection, Guarded state, Buffer frames) {
        FrameSizeWatch sent = state.sent;
        synchronized (sent) {
            if (sent.settledEnd(frames::get, frames.position(), frames.limit()) < frames.limit()) {
                state.closing = true; // a header split between writes: the watch has lost its place, so it stops
                return;
            }
            if (!sent.closeSeen()) {
                return;
            }
        }
        state.closing = true;
        timer.schedule(() -> {
            if (connection.isOpen()) {
                LOG.log(Level.DEBUG, () -> "dropped " + connection.getPeerAddress() + ": its close frame was not read in time");
                connection.terminateSilently();
            }
        }, CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void arm(Connection<?> connection, Guarded state) {
        Future<?> was = state.deadline;
        Future<?>[] self = new Future<?>[1];
        self[0] = timer.schedule(() -> expire(connection, state, self[0]), timeoutMillis, TimeUnit.MILLISECONDS);
        state.deadline = self[0];
        if (was != null) {
            was.cancel(false);
        }
    }

    /**
     * The deadline {@code deadline} passed on this timer. Grizzly's own threads may be busy (a reconnect storm) with
     * work that came before: the client's request may wait unread in the kernel's buffer, or read and waiting for a
     * worker. Then it is the server that is late, not the client. So a request waiting in the kernel gives the
     * connection another period, and otherwise the close itself queues behind the work the workers already have: it
     * happens only if, by then, no request has disarmed the deadline.
     */
    private void expire(Connection<?> connection, Guarded state, Future<?> deadline) {
        if (state.deadline != deadline) {
            return; // disarmed or armed again meanwhile
        }
        if (unreadBytes(connection) > 0) {
            arm(connection, state);
            return;
        }
        Runnable close = () -> {
            if (state.deadline == deadline && unreadBytes(connection) == 0) {
                LOG.log(Level.DEBUG, () -> "closed " + connection.getPeerAddress() + ": no request within the deadline");
                connection.closeSilently();
            } else if (state.deadline == deadline) {
                arm(connection, state);
            }
        };
        try {
            connection.getTransport().getWorkerThreadPool().execute(close);
        } catch (RuntimeException noWorkers) {
            close.run();
        }
    }

    /** Bytes the kernel holds for the connection that Grizzly has not read yet; 0 when that cannot be told. */
    private static int unreadBytes(Connection<?> connection) {
        try {
            if (connection instanceof NIOConnection nio && nio.getChannel() instanceof SocketChannel socket) {
                return socket.socket().getInputStream().available(); // FIONREAD; allowed in non-blocking mode
            }
        } catch (IOException | RuntimeException closedMeanwhile) {
            // nothing to wait for
        }
        return 0;
    }

    private static void disarm(Guarded state) {
        Future<?> deadline = state.deadline;
        if (deadline != null) {
            deadline.cancel(false);
            state.deadline = null;
        }
    }

    /** Stops the timer; the server's connections are closed by then. */
    void stop() {
        timer.shutdownNow();
    }
}
