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
 * <p>Netty's outbound buffer holds at most {@link #NETTY_BUFFER_BYTES} (and one frame) for the client; what waits
 * beyond that stays in this transport's queue and is written as Netty's buffer drains. A close drops the queue, so the
 * close frame is written behind those few bytes only, and a client that reads slowly reaches it soon; the connection
 * is kept for it while the client reads ({@link CloseGrace}).
 *
 * <p>Memory: the bytes waiting for the client (queued here plus Netty's outbound buffer) are held to the engine's
 * {@link OutboundBudget}, per connection and across connections; a client whose backlog the budget refuses is closed
 * with {@link CloseCodes#SLOW_CONSUMER}. The backlog is reported to the budget on every send and whenever Netty's
 * buffer has drained ({@link #drained()}, from the channel's writability turning back on).
 *
 * <p>Threading: {@link #send} and {@link #close} from any thread, never blocking; everything that touches the
 * channel runs on its event loop.
 */
final class ChannelTransport implements Transport {

    /**
     * Bytes Netty's outbound buffer may hold for the client before further frames wait in this transport's queue:
     * Netty's default high-water mark. Enough to keep the socket busy; little for a close frame to wait behind.
     */
    static final int NETTY_BUFFER_BYTES = 64 * 1024;
    private static final System.Logger LOG = System.getLogger(ChannelTransport.class.getName());

    private final Channel channel;
    private final EventLoop loop;
    private final ConnectionSettings settings;
    private final InetSocketAddress remoteAddress;
    private volatile Map<String, List<String>> headers;
    private volatile Connection connection;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final OutboundBudget.Account budget;
    /** Bytes of the frames in {@link #inbox}, not yet handed to the channel; counted before a frame is queued. */
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    /**
     * Frames sent from other threads, and frames that wait for Netty's buffer to drain; made on first use, since most
     * connections are idle most of the time.
     */
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
        long queued = queuedBytes.get();
        long buffered = pendingBytes(channel);
        if (!budget.admit(queued + buffered, frame.size())) {
            closeByTransport(CloseCodes.SLOW_CONSUMER, "outbound queue overflow: the client reads too slowly");
            return;
        }
        boolean onLoop = loop.inEventLoop();
        if (onLoop && queued == 0 && buffered < NETTY_BUFFER_BYTES) {
            write(frame);
            channel.flush(); // consolidated: the real flush happens once the loop's current work is done
            return;
        }
        queuedBytes.addAndGet(frame.size());
        queue().offer(frame);
        if (onLoop) {
            writeQueued();
            channel.flush();
        } else if (drainScheduled.compareAndSet(false, true)) {
            loop.execute(drainTask);
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

    /**
     * Event loop: writes the queued frames, in the order they were sent, while Netty holds less than
     * {@link #NETTY_BUFFER_BYTES}; the rest waits for {@link #drained()}.
     */
    private void writeQueued() {
        Queue<OutboundFrame> q = inbox;
        if (q == null) {
            return;
        }
        OutboundFrame frame;
        while (pendingBytes(channel) < NETTY_BUFFER_BYTES && (frame = q.poll()) != null) {
            if (!closing.get()) {
                write(frame);
            }
            queuedBytes.addAndGet(-frame.size());
        }
    }

    /** Event loop: drops whatever waits in the queue (the connection is closing or gone). */
    private void dropQueued() {
        Queue<OutboundFrame> q = inbox;
        if (q != null) {
            q.clear();
            queuedBytes.set(0);
        }
    }

    private void write(OutboundFrame frame) {
        ByteBuffer wire = frame.transportForm(WebSocketFrames.KEY, WebSocketFrames::text);
        channel.write(Unpooled.wrappedBuffer(wire.duplicate()), channel.voidPromise());
    }

    /**
     * Event loop: Netty's outbound buffer has drained; what waits in the queue goes on, and the budget learns what still
     * waits.
     */
    void drained() {
        if (queuedBytes.get() > 0) {
            writeQueued();
            channel.flush();
        }
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

    /** Event loop: the connection went away under the transport; its bytes go back to the budget. */
    void gone() {
        closing.set(true);
        dropQueued();
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

    /**
     * Drops what waits in the queue, then sends the close frame behind what Netty holds and shuts the socket's output,
     * on the event loop. The connection is closed once the frame is out, or without it when the client stops reading
     * ({@link CloseGrace}), unless the client answers first.
     */
    private void sendCloseFrame(int code, String reason) {
        loop.execute(() -> {
            dropQueued();
            if (!channel.isActive()) {
                return;
            }
            // After the close frame, only our side is shut: closing the socket while the client still sends (a frame
            // over the limit, say) would reset it before it reads the close. The client's close frame or its end of
            // stream ends the connection.
            channel.writeAndFlush(new CloseWebSocketFrame(code, CloseCodes.fitReason(reason)))
                    .addListener(written -> {
                        if (written.isSuccess() && channel instanceof DuplexChannel duplex) {
                            duplex.shutdownOutput();
                        } else {
                            channel.close();
                        }
                    });
            awaitCloseFrame(new CloseGrace(System.nanoTime(), pendingBytes(channel)));
        });
    }

    /** Event loop: checks on the close frame every interval of the grace; closes the connection when it is over. */
    private void awaitCloseFrame(CloseGrace grace) {
        loop.schedule(() -> {
            if (!channel.isOpen()) {
                return;
            }
            if (grace.waitAgain(System.nanoTime(), pendingBytes(channel))) {
                awaitCloseFrame(grace);
            } else {
                channel.close();
            }
        }, CloseGrace.INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
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
