package io.peershare.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.internal.PlatformDependent;
import io.peershare.OutboundBudget;
import io.peershare.protocol.CloseCodes;
import io.peershare.protocol.OutboundFrame;
import java.nio.ByteBuffer;
import java.util.Queue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes on their way to one client of a Netty channel, bounded: the one outbound path of both sinks on Netty,
 * PeerShare's own WebSocket ({@link ChannelTransport}) and a Socket.IO client's ({@link SocketIoHandler}).
 *
 * <p>A message is an engine's {@link OutboundFrame}, written as the bytes of a finished WebSocket text frame (made
 * once per frame whatever the number of recipients, on the event loop that writes it), or anything the channel's
 * pipeline writes: a {@code WebSocketFrame} (text or binary) for Netty's encoder, or bytes. On the channel's own event loop it is written at once
 * and flushed when the loop's current work is done ({@code FlushConsolidationHandler}), so a burst costs one system
 * call. From any other thread it is queued, and the event loop writes everything queued in one task with one flush
 * instead of one task per message. Messages queued before an on-loop send are written before it, so the order in
 * which they were sent (for the engine, under a network's lock) is the order on the wire.
 *
 * <p>Netty's outbound buffer holds at most {@link #NETTY_BUFFER_BYTES} (and one message) for the client; what waits
 * beyond that stays in this outbox and is written as Netty's buffer drains ({@link #drained()}). So a slow reader's
 * close frame, written after the outbox dropped what waits ({@link #closeWith}), waits behind those few bytes only,
 * and the connection is kept for it only while the client reads ({@link CloseGrace}).
 *
 * <p>Memory: the bytes waiting (queued here plus Netty's outbound buffer) are held to the engine's
 * {@link OutboundBudget}, per connection and across connections. A message the budget refuses is not queued: the
 * outbox runs its overflow action once, and the owner closes the client as a slow reader.
 *
 * <p>Threading: {@link #send} and {@link #close} from any thread, never blocking; {@link #drained}, {@link #drop},
 * {@link #writeAll}, {@link #closeWith} and {@link #gone} on the channel's event loop.
 */
final class ChannelOutbox {

    /**
     * Bytes Netty's outbound buffer may hold for the client before further messages wait here: Netty's default
     * high-water mark. Enough to keep the socket busy; little for a close frame to wait behind.
     */
    static final int NETTY_BUFFER_BYTES = 64 * 1024;

    private final Channel channel;
    private final EventLoop loop;
    private final OutboundBudget.Account budget;
    private final Runnable overflow;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Bytes of the messages in {@link #inbox}, not yet handed to the channel; counted before one is queued. */
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    /** Made on first use: most connections are idle most of the time. */
    private volatile Queue<Object> inbox;
    private final Runnable drainTask = this::drain;

    /**
     * @param overflow run once, on the sending thread, when the budget refuses a message: the client reads too slowly
     */
    ChannelOutbox(Channel channel, OutboundBudget budget, Runnable overflow) {
        this.channel = channel;
        this.loop = channel.eventLoop();
        this.budget = budget.account();
        this.overflow = overflow;
    }

    /**
     * Sends {@code message} (an {@link OutboundFrame}, a {@code WebSocketFrame} or a {@code ByteBuf}) behind everything
     * sent before, or drops it when the outbox is closed or the budget refuses it; the outbox owns it either way.
     */
    void send(Object message) {
        if (closed.get()) {
            ReferenceCountUtil.release(message);
            return;
        }
        int size = sizeOf(message);
        long queued = queuedBytes.get();
        long buffered = pendingBytes(channel);
        if (!budget.admit(queued + buffered, size)) {
            ReferenceCountUtil.release(message);
            overflow.run();
            return;
        }
        boolean onLoop = loop.inEventLoop();
        if (onLoop && queued == 0 && buffered < NETTY_BUFFER_BYTES) {
            write(message);
            channel.flush(); // consolidated: the real flush happens once the loop's current work is done
            return;
        }
        queuedBytes.addAndGet(size);
        queue().offer(message);
        if (onLoop) {
            writeQueued(NETTY_BUFFER_BYTES);
            channel.flush();
        } else if (drainScheduled.compareAndSet(false, true)) {
            loop.execute(drainTask);
        }
    }

    private Queue<Object> queue() {
        Queue<Object> q = inbox;
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

    /**
     * Event loop: everything queued from other threads, written and flushed once; nothing once the outbox is closed,
     * since its owner then writes what it wants to go ({@link #closeWith}).
     */
    private void drain() {
        drainScheduled.set(false);
        if (!closed.get()) {
            writeQueued(NETTY_BUFFER_BYTES);
            channel.flush();
        }
    }

    /** Event loop: writes queued messages, in the order they were sent, while Netty holds less than {@code cap}. */
    private void writeQueued(long cap) {
        Queue<Object> q = inbox;
        if (q == null) {
            return;
        }
        Object message;
        while (pendingBytes(channel) < cap && (message = q.poll()) != null) {
            queuedBytes.addAndGet(-sizeOf(message));
            write(message);
        }
    }

    /**
     * Event loop: Netty's outbound buffer has drained (the channel turned writable again); what waits goes on, and the
     * budget learns what still waits.
     */
    void drained() {
        if (queuedBytes.get() > 0 && !closed.get()) {
            writeQueued(NETTY_BUFFER_BYTES);
            channel.flush();
        }
        budget.settle(queuedBytes.get() + pendingBytes(channel));
    }

    /**
     * Stops taking messages and gives the connection's bytes back to the budget; {@code false} if it was closed
     * already. What is queued stays until {@link #drop()} or {@link #writeAll()}.
     */
    boolean close() {
        if (!closed.compareAndSet(false, true)) {
            return false;
        }
        budget.close();
        return true;
    }

    /** Whether {@link #close()} or {@link #gone()} ran. */
    boolean isClosed() {
        return closed.get();
    }

    /** Event loop: drops what is queued (the client is not reading it, or is gone). */
    void drop() {
        Queue<Object> q = inbox;
        if (q == null) {
            return;
        }
        Object message;
        while ((message = q.poll()) != null) {
            queuedBytes.addAndGet(-sizeOf(message));
            ReferenceCountUtil.release(message);
        }
    }

    /** Event loop: writes everything queued, whatever Netty holds, and flushes: a closing client's last messages. */
    void writeAll() {
        writeQueued(Long.MAX_VALUE);
        channel.flush();
    }

    /**
     * Event loop: the client's last messages ({@code writeQueued}), or none (a slow reader is not reading them), then the
     * close frame behind what Netty holds, and only our side of the socket shut: closing the socket while the client
     * still sends (a frame over the limit, say) would reset it before it reads the close. The client's close frame or
     * its end of stream ends the connection; failing that, it is closed once the frame is out, or without it when the
     * client stops reading ({@link CloseGrace}). The outbox must be {@linkplain #close() closed} first.
     */
    void closeWith(int code, String reason, boolean writeQueued) {
        if (writeQueued) {
            writeAll();
        } else {
            drop();
        }
        if (!channel.isActive()) {
            return;
        }
        channel.writeAndFlush(new CloseWebSocketFrame(code, CloseCodes.fitReason(reason)))
                .addListener(written -> {
                    if (written.isSuccess() && channel instanceof DuplexChannel duplex) {
                        duplex.shutdownOutput();
                    } else {
                        channel.close();
                    }
                });
        awaitCloseFrame(new CloseGrace(System.nanoTime(), pendingBytes(channel)));
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

    /** Event loop: the channel went away under the outbox; its bytes go back to the budget. */
    void gone() {
        close();
        drop();
    }

    /** Bytes Netty holds for a channel's client: written, not yet taken by the socket. Readable from any thread. */
    static long pendingBytes(Channel channel) {
        ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
        return buffer == null ? 0 : buffer.totalPendingWriteBytes();
    }

    private void write(Object message) {
        if (message instanceof OutboundFrame frame) {
            ByteBuffer wire = frame.transportForm(WebSocketFrames.KEY, WebSocketFrames::text);
            channel.write(Unpooled.wrappedBuffer(wire.duplicate()), channel.voidPromise());
        } else {
            channel.write(message, channel.voidPromise());
        }
    }

    /** The bytes a message is counted as: an engine frame's or a {@code WebSocketFrame}'s payload, or the bytes. */
    private static int sizeOf(Object message) {
        if (message instanceof OutboundFrame frame) {
            return frame.size();
        }
        if (message instanceof ByteBuf bytes) {
            return bytes.readableBytes();
        }
        return ((ByteBufHolder) message).content().readableBytes();
    }
}
