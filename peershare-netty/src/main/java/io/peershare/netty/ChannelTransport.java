package io.peershare.netty;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.peershare.protocol.CloseCodes;
import io.peershare.protocol.OutboundFrame;
import io.peershare.spi.Connection;
import io.peershare.spi.Transport;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The engine's {@link Transport} over one Netty channel.
 *
 * <p>Writes: frames go out through the connection's {@link ChannelOutbox}, which keeps the order the engine
 * sent in and holds the backlog to the engine's {@link io.peershare.OutboundBudget}. A client whose backlog the budget
 * refuses is closed with {@link CloseCodes#SLOW_CONSUMER}. A close drops what waits in the outbox, so the close frame
 * is written behind the few bytes Netty holds only, and a client that reads slowly reaches it soon; the connection is
 * kept for it while the client reads ({@link CloseGrace}).
 *
 * <p>Threading: {@link #send} and {@link #close} from any thread, never blocking; everything that touches the
 * channel runs on its event loop.
 */
final class ChannelTransport implements Transport {

    private static final System.Logger LOG = System.getLogger(ChannelTransport.class.getName());

    private final Channel channel;
    private final EventLoop loop;
    private final ConnectionSettings settings;
    private final InetSocketAddress remoteAddress;
    private volatile Map<String, List<String>> headers;
    private volatile Connection connection;
    private final ChannelOutbox outbox;

    ChannelTransport(Channel channel, ConnectionSettings settings, InetSocketAddress remoteAddress,
            Map<String, List<String>> headers) {
        this.channel = channel;
        this.loop = channel.eventLoop();
        this.settings = settings;
        this.remoteAddress = remoteAddress;
        this.headers = headers;
        this.outbox = new ChannelOutbox(channel, settings.engine().outboundBudget(),
                () -> closeByTransport(CloseCodes.SLOW_CONSUMER, "outbound queue overflow: the client reads too slowly"));
    }

    /** The engine opened the connection: keep only the headers the host asked for from now on. */
    void opened(Connection value) {
        connection = value;
        headers = HandshakeHeaders.retain(headers, settings.retainedHeaders());
    }

    @Override
    public void send(OutboundFrame frame) {
        outbox.send(frame);
    }

    @Override
    public boolean carriesBinary() {
        return true;
    }

    @Override
    public void sendBinary(ByteBuffer frame) {
        outbox.send(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(frame)));
    }

    /** Event loop: Netty's outbound buffer has drained; what waits in the outbox goes on. */
    void drained() {
        outbox.drained();
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
        outbox.gone();
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
        if (!outbox.close()) {
            return false;
        }
        if (code != CloseCodes.GOING_AWAY && code != CloseCodes.INTERNAL_ERROR) {
            LOG.log(Level.INFO, () -> "closing connection from " + remoteAddress + " with " + code + ": " + reason);
        }
        return true;
    }

    /** Drops what waits in the outbox, then closes with the close frame behind what Netty holds. */
    private void sendCloseFrame(int code, String reason) {
        loop.execute(() -> outbox.closeWith(code, reason, false));
    }

    boolean isClosing() {
        return outbox.isClosed();
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
