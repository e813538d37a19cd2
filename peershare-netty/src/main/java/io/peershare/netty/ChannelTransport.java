package io.peershare.netty;

import io.netty.channel.Channel;
import io.peershare.Connection;
import io.peershare.protocol.CloseCodes;
import io.peershare.protocol.OutboundFrame;
import io.peershare.spi.Transport;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The engine's {@link Transport} over one Netty channel.
 *
 * <p>Frames go out through a {@link ChannelSender}, as Socket.IO's do: written as the bytes of a finished WebSocket
 * frame made once per {@link OutboundFrame}, in the order the engine sent them, held to the engine's
 * {@link io.peershare.OutboundBudget}; a client whose backlog the budget refuses is closed with
 * {@link CloseCodes#SLOW_CONSUMER} and counted by the engine. A close drops what waits and sends the close frame
 * behind the few bytes Netty holds ({@link CloseGrace}).
 *
 * <p>Threading: {@link #send} and {@link #close} from any thread, never blocking; everything that touches the
 * channel runs on its event loop.
 */
final class ChannelTransport implements Transport {

    private static final System.Logger LOG = System.getLogger(ChannelTransport.class.getName());
    /** The reason a slow reader is closed with, by PeerShare's WebSocket and Socket.IO's alike. */
    static final String SLOW_READER = "outbound queue overflow: the client reads too slowly";

    private final ConnectionSettings settings;
    private final InetSocketAddress remoteAddress;
    private volatile Map<String, List<String>> headers;
    private volatile Connection connection;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final ChannelSender sender;

    ChannelTransport(Channel channel, ConnectionSettings settings, InetSocketAddress remoteAddress,
            Map<String, List<String>> headers) {
        this.settings = settings;
        this.remoteAddress = remoteAddress;
        this.headers = headers;
        this.sender = new ChannelSender(channel, settings.engine().outboundBudget().account());
    }

    /** The engine opened the connection: keep only the headers the host asked for from now on. */
    void opened(Connection value) {
        connection = value;
        headers = HandshakeHeaders.retain(headers, settings.retainedHeaders());
    }

    @Override
    public void send(OutboundFrame frame) {
        if (!closing.get() && !sender.send(new ChannelSender.Text(frame))) {
            closeByTransport(CloseCodes.SLOW_CONSUMER, SLOW_READER);
        }
    }

    /** Event loop: Netty's outbound buffer has drained; what waits goes on. */
    void drained() {
        sender.drained();
    }

    @Override
    public void close(int code, String reason) {
        if (startClosing(code, reason)) {
            leave(Connection::closed);
            sender.close(code, reason, false);
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
            sender.close(code, reason, false);
        }
    }

    /** Event loop: the connection went away under the transport; its bytes go back to the budget. */
    void gone() {
        closing.set(true);
        sender.gone();
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
        if (code != CloseCodes.GOING_AWAY && code != CloseCodes.INTERNAL_ERROR) {
            LOG.log(Level.INFO, () -> "closing connection from " + remoteAddress + " with " + code + ": " + reason);
        }
        return true;
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
