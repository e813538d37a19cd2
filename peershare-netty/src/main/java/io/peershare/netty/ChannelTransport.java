package io.peershare.netty;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.util.internal.PlatformDependent;
import io.peershare.Connection;
import io.peershare.OutboundBudget;
import io.peershare.protocol.CloseCodes;
import io.peershare.protocol.OutboundFrame;
import io.peershare.spi.Transport;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The engine's {@link Transport} over one Netty channel.
 *
 * <p>Writes: a frame is written as the bytes of a finished WebSocket frame, made once per {@link OutboundFrame}
 * whatever the number of recipients. On the channel's own event loop it is written at once and flushed when the
 * loop's current work is done ({@code FlushConsolidationHandler}), so a burst of frames costs one system call. From
 * any other thread it is queued, and the event loop writes everything queued in one task with one flush, instead of
 * one task per frame. Frames queued before an on-loop send are written before it, so the order in which the engine
 * sends (under a network's lock) is the order on the wire.
 *
 * <p>Memory: the bytes waiting for the client (queued here plus Netty's outbound buffer) are held to the engine's
 * {@link OutboundBudget}, per connection and across connections; a client whose backlog the budget refuses is closed
 * with {@link CloseCodes#SLOW_CONSUMER}, and a close that cannot be delivered is forced after
 * {@link #CLOSE_GRACE_MILLIS}. The backlog is reported to the budget on every send and whenever Netty's buffer has
 * drained ({@link #drained()}, from the channel's writability turning back on).
 *
 * <p>Threading: {@link #send} and {@link #close} from any thread, never blocking; everything that touches the
 * channel runs on its event loop.
 */
final class ChannelTransport implements Transport {

    /** How long a close frame may wait to get out before the connection is dropped without it. */
    static final long CLOSE_GRACE_MILLIS = 2_000;
    private static final System.Logger LOG = System.getLogger(ChannelTransport.class.getName());

    private final Channel channel;
    private final EventLoop loop;
    private final ConnectionSettings settings;
    private final InetSocketAddress remoteAddress;
    private volatile Map<String, List<String>> headers;
    private volatile Connection connection;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final OutboundBudget.Account budget;
    /** Bytes of the frames in {@link #inbox}, not yet handed to the channel. */
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    /** Frames sent from other threads; made on first use, since most connections are idle most of the time. */
    private volatile Queue<OutboundFrame> inbox;
    private final Runnable drainTask = this::drain;

    ChannelTransport(Channel channel, ConnectionSettings settings, InetSocketAddress remoteAddress,
            Map<String, List<String>> headers) {
        this.channel = channel;
        this.loop = channel.eventLoop();
        this.settings = settings;
        this.remoteAddress = remoteAddress;
        this.headers = headers;
        this.budget = settings.engine().outboundBudget().account();
    }

    /** The engine opened the connection: keep only the headers the host asked for from now on. */
    void opened(Connection value) {
        connection = value;
        headers = HandshakeHeaders.retain(headers, settings.retainedHeaders());
    }

    @Override
    public void send(OutboundFrame frame) {
        if (closing.get()) {
            return;
        }
        if (!budget.admit(queuedBytes.get() + pendingBytes(channel), frame.size())) {
            closeByTransport(CloseCodes.SLOW_CONSUMER, "outbound queue overflow: the client reads too slowly");
            return;
        }
        if (loop.inEventLoop()) {
            writeQueued();
            write(frame);
            channel.flush(); // consolidated: the real flush happens once the loop's current work is done
        } else {
            queue().offer(frame);
            queuedBytes.addAndGet(frame.size());
            if (drainScheduled.compareAndSet(false, true)) {
                loop.execute(drainTask);
            }
        }
    }

    private Queue<OutboundFrame> queue() {
        Queue<OutboundFrame> q = inbox;
        if (q == null) {
            synchronized (this) {
                q = inbox;
                if (q == null) {
                    q = PlatformDependent.newMpscQueue(16, 1 << 30);
                    inbox = q;
                }
            }
        }
        return q;
    }

    /** Event loop: everything queued from other threads, written and flushed once. */
    private void drain() {
        drainScheduled.set(false);
        writeQueued();
        channel.flush();
    }

    /** Event loop: writes the queued frames, in the order they were sent. */
    private void writeQueued() {
        Queue<OutboundFrame> q = inbox;
        if (q == null) {
            return;
        }
        OutboundFrame frame;
        while ((frame = q.poll()) != null) {
            queuedBytes.addAndGet(-frame.size());
            if (!closing.get()) {
                write(frame);
            }
        }
    }

    private void write(OutboundFrame frame) {
        ByteBuffer wire = frame.transportForm(WebSocketFrames.KEY, WebSocketFrames::text);
        channel.write(Unpooled.wrappedBuffer(wire.duplicate()), channel.voidPromise());
    }

    /** Event loop: Netty's outbound buffer has drained; the budget learns what still waits. */
    void drained() {
        budget.settle(queuedBytes.get() + pendingBytes(channel));
    }

    /** Bytes Netty holds for a channel's client: written, not yet taken by the socket. Readable from any thread. */
    static long pendingBytes(Channel channel) {
        ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
        return buffer == null ? 0 : buffer.totalPendingWriteBytes();
    }

    @Override
    public void close(int code, String reason) {
        if (startClosing(code, reason)) {
            leave(Connection::closed);
            sendCloseFrame(code, reason);
        }
    }

    /**
     * Closes the connection for a reason of the transport's own (a slow reader, a message too big, bad UTF-8), which
     * the engine counts in its statistics.
     */
    void closeByTransport(int code, String reason) {
        if (startClosing(code, reason)) {
            // Told before the close frame goes: the socket may close, and report a plain close, at once after it.
            leave(c -> c.closedByTransport(code));
            sendCloseFrame(code, reason);
        }
    }

    /** The connection went away under the transport; its bytes go back to the budget. */
    void gone() {
        closing.set(true);
        budget.close();
    }

    private void leave(Consumer<Connection> how) {
        // The peer leaves now, not when (or if) the close handshake finishes.
        Connection c = connection;
        if (c != null) {
            how.accept(c);
        }
    }

    /** Marks the connection closing, once; {@code false} if it was closing already. */
    private boolean startClosing(int code, String reason) {
        if (!closing.compareAndSet(false, true)) {
            return false;
        }
        budget.close();
        if (code != CloseCodes.GOING_AWAY && code != CloseCodes.INTERNAL_ERROR) {
            LOG.log(Level.INFO, () -> "closing connection from " + remoteAddress + " with " + code + ": " + reason);
        }
        return true;
    }

    /** Drops what waits, then sends the close frame and closes the socket, on the event loop. */
    private void sendCloseFrame(int code, String reason) {
        loop.execute(() -> {
            Queue<OutboundFrame> q = inbox;
            if (q != null) {
                q.clear();
                queuedBytes.set(0);
            }
            if (channel.isActive()) {
                // After the close frame, only our side is shut: closing the socket while the client still sends
                // (a frame over the limit, say) would reset it before it reads the close. The client's close
                // frame or its end of stream ends the connection.
                channel.writeAndFlush(new CloseWebSocketFrame(code, CloseCodes.fitReason(reason)))
                        .addListener(written -> {
                            if (written.isSuccess() && channel instanceof DuplexChannel duplex) {
                                duplex.shutdownOutput();
                            } else {
                                channel.close();
                            }
                        });
                // A client that reads nothing never lets the close frame out; its connection goes anyway.
                loop.schedule(() -> {
                    channel.close();
                }, CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
            }
        });
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
