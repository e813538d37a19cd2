package io.peershare.netty;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.EventLoop;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.util.internal.PlatformDependent;
import io.peershare.OutboundBudget;
import io.peershare.protocol.CloseCodes;
import io.peershare.protocol.OutboundFrame;
import java.util.Queue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one outbound path of a Netty WebSocket channel, for PeerShare's own WebSocket and for Socket.IO's alike: frames
 * written in the order they were sent, whichever thread sent them, held to the engine's {@link OutboundBudget}, and
 * the close frame that ends the connection.
 *
 * <p>On the channel's own event loop a frame is written at once and flushed when the loop's current work is done, so a
 * burst of frames costs one system call. From any other thread it is queued, and the event loop writes everything
 * queued in one task with one flush, instead of one task per frame. Frames queued before an on-loop send are written
 * before it.
 *
 * <p>Netty's outbound buffer holds at most {@link #NETTY_BUFFER_BYTES} (and one frame) for the client; what waits beyond
 * that stays in this queue and is written as Netty's buffer drains ({@link #drained()}). The bytes waiting here and in
 * Netty's buffer are reported to the budget on every send and whenever Netty's buffer has drained; a frame the budget
 * refuses makes {@link #send} answer {@code false}, and the owner closes the client as a slow reader (4009).
 *
 * <p>A close drops the queue (unless asked to keep it), so the close frame waits behind those few bytes only, and a
 * client that reads slowly reaches it soon; the connection is kept for it while the client reads ({@link CloseGrace}).
 *
 * <p>Threading: {@link #send} and {@link #close} from any thread, never blocking; everything that touches the channel
 * runs on its event loop.
 */
final class ChannelSender {

    /**
     * Bytes Netty's outbound buffer may hold for the client before further frames wait in this queue: Netty's default
     * high-water mark. Enough to keep the socket busy; little for a close frame to wait behind.
     */
    static final int NETTY_BUFFER_BYTES = 64 * 1024;
    private static final WriteBufferWaterMark DRAINED = new WriteBufferWaterMark(1, 1);
    /**
     * Linux's {@code TCP_NOTSENT_LOWAT} on Netty's native transport, looked up by its name so that the adapter needs
     * no dependency on that transport; other transports ignore it.
     */
    private static final ChannelOption<Long> NOTSENT_LOWAT =
            ChannelOption.valueOf("io.netty.channel.epoll.EpollChannelOption#TCP_NOTSENT_LOWAT");
    /**
     * Bytes the socket takes that it cannot send yet. Linux tells that there is room again once fewer than half of
     * them wait, so a client's reading shows in Netty's buffer after it has read about this much and one segment
     * (up to 64 KiB on loopback): small, so that a slow reader's progress shows within {@link CloseGrace}'s interval.
     */
    static final long SOCKET_UNSENT_BYTES = 16 * 1024;

    /** One frame for the client; its wire form is made when it is written, so a dropped frame holds no buffer. */
    sealed interface Frame permits Text, Binary {
        /** Bytes of payload, as charged to the budget. */
        int size();

        /** What is written to the channel. */
        Object message();
    }

    /** A text frame, written as the bytes of a finished WebSocket frame made once per {@link OutboundFrame}. */
    record Text(OutboundFrame frame) implements Frame {
        static Text of(String text) {
            return new Text(OutboundFrame.ofText(text));
        }

        @Override
        public int size() {
            return frame.size();
        }

        @Override
        public Object message() {
            return Unpooled.wrappedBuffer(frame.transportForm(WebSocketFrames.KEY, WebSocketFrames::text).duplicate());
        }
    }

    /** A binary frame; the array is the frame's and is not changed afterwards. */
    record Binary(byte[] data) implements Frame {
        @Override
        public int size() {
            return data.length;
        }

        @Override
        public Object message() {
            return new BinaryWebSocketFrame(Unpooled.wrappedBuffer(data));
        }
    }

    private final Channel channel;
    private final EventLoop loop;
    private final OutboundBudget.Account budget;
    /** Bytes of the frames in {@link #inbox}, not yet handed to the channel; counted before a frame is queued. */
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Set when what waits is not to be written any more. */
    private volatile boolean dropping;
    /**
     * Frames sent from other threads, and frames that wait for Netty's buffer to drain; made on first use, since most
     * connections are idle most of the time.
     */
    private volatile Queue<Frame> inbox;
    private final Runnable drainTask = this::drain;

    /**
     * Sets up a channel for its sender, once its WebSocket is open: without this, the budget does not hear of a drained
     * backlog and the socket takes megabytes a close frame then waits behind, longer than {@link CloseGrace} allows.
     */
    static void configure(Channel channel) {
        // Writability turns off with the first byte waiting and back on when all are written, so that the outbound
        // budget hears when a backlog has drained.
        channel.config().setWriteBufferWaterMark(DRAINED);
        // The socket takes few bytes it cannot send yet (by default it takes megabytes from a client that reads
        // slowly): a backlog waits where the sender sees it drain as the client reads, and where a close skips it.
        channel.config().setOption(NOTSENT_LOWAT, SOCKET_UNSENT_BYTES);
    }

    ChannelSender(Channel channel, OutboundBudget.Account budget) {
        this.channel = channel;
        this.loop = channel.eventLoop();
        this.budget = budget;
    }

    /**
     * Queues or writes {@code frame}; {@code false} when the budget refuses it, and the owner closes the client as a
     * slow reader. A frame sent once closing is dropped.
     */
    boolean send(Frame frame) {
        if (closed.get()) {
            return true;
        }
        long queued = queuedBytes.get();
        long buffered = pendingBytes(channel);
        if (!budget.admit(queued + buffered, frame.size())) {
            return false;
        }
        boolean onLoop = loop.inEventLoop();
        if (onLoop && queued == 0 && buffered < NETTY_BUFFER_BYTES) {
            channel.write(frame.message(), channel.voidPromise());
            channel.flush(); // consolidated: the real flush happens once the loop's current work is done
            return true;
        }
        queuedBytes.addAndGet(frame.size());
        queue().offer(frame);
        if (onLoop) {
            writeQueued(NETTY_BUFFER_BYTES);
            channel.flush();
        } else if (drainScheduled.compareAndSet(false, true)) {
            loop.execute(drainTask);
        }
        return true;
    }

    private Queue<Frame> queue() {
        Queue<Frame> q = inbox;
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
        writeQueued(NETTY_BUFFER_BYTES);
        channel.flush();
    }

    /**
     * Event loop: writes the queued frames, in the order they were sent, while Netty holds less than {@code limit}; the
     * rest waits for {@link #drained()}. Dropped instead once the queue is to be dropped.
     */
    private void writeQueued(long limit) {
        Queue<Frame> q = inbox;
        if (q == null) {
            return;
        }
        Frame frame;
        while (pendingBytes(channel) < limit && (frame = q.poll()) != null) {
            if (!dropping) {
                channel.write(frame.message(), channel.voidPromise());
            }
            queuedBytes.addAndGet(-frame.size());
        }
    }

    /** Event loop: drops whatever waits in the queue. */
    private void dropQueued() {
        dropping = true;
        Queue<Frame> q = inbox;
        if (q != null) {
            q.clear();
            queuedBytes.set(0);
        }
    }

    /** Event loop: Netty's outbound buffer has drained; what waits goes on, and the budget learns what still waits. */
    void drained() {
        if (queuedBytes.get() > 0) {
            writeQueued(NETTY_BUFFER_BYTES);
            channel.flush();
        }
        budget.settle(queuedBytes.get() + pendingBytes(channel));
    }

    /** Event loop: the connection went away; what waits is dropped and its bytes go back to the budget. */
    void gone() {
        closed.set(true);
        dropQueued();
        budget.close();
    }

    /**
     * Any thread, once: stops taking frames, gives the connection's bytes back to the budget, then on the event loop
     * sends the close frame and shuts the socket's output. What waits in the queue is dropped, unless
     * {@code keepQueued} (a close the client should read after what was sent before it, not a slow reader's). The
     * connection is closed once the frame is out, or without it when the client stops reading ({@link CloseGrace}),
     * unless the client answers first.
     */
    void close(int code, String reason, boolean keepQueued) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (!keepQueued) {
            dropping = true;
        }
        budget.close();
        loop.execute(() -> {
            if (keepQueued) {
                writeQueued(Long.MAX_VALUE);
            }
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

    boolean isClosed() {
        return closed.get();
    }

    /** Bytes Netty holds for a channel's client: written, not yet taken by the socket. Readable from any thread. */
    static long pendingBytes(Channel channel) {
        ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
        return buffer == null ? 0 : buffer.totalPendingWriteBytes();
    }
}
