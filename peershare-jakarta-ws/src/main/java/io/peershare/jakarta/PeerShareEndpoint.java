package io.peershare.jakarta;

import io.peershare.protocol.CloseCodes;
import io.peershare.protocol.RelayFrame;
import io.peershare.spi.Connection;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The programmatic WebSocket endpoint that connects one session to the PeerShare engine. Instances are
 * created per connection by the configurator of {@link PeerShareEndpointConfig}; hosts never construct one.
 *
 * <p>Text frames go to the engine one at a time, on the container's thread. Binary frames are not part of
 * the protocol: they go to the engine to be counted, and it closes the client with 1003. A message over the text
 * limit, or text that is not UTF-8, is closed by the container (1009, 1007) and counted when the close is reported.
 */
public final class PeerShareEndpoint extends Endpoint {

    private static final System.Logger LOG = System.getLogger(PeerShareEndpoint.class.getName());
    /** The largest relayed chunk; a larger binary frame is closed by the container with 1009. */
    private static final int BINARY_BUFFER_BYTES = RelayFrame.MAX_FRAME_BYTES;

    private final EndpointSettings settings;
    private volatile Connection connection;
    private volatile SessionTransport transport;
    private final AtomicBoolean counted = new AtomicBoolean();

    PeerShareEndpoint(EndpointSettings settings) {
        this.settings = settings;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        counted.set(true);
        settings.openSessions().incrementAndGet();
        // Set here rather than left to the container: Tomcat's 8 KB default is too small for an SDP offer,
        // and Jetty's 30 s idle timeout is shorter than the heartbeat interval allows.
        session.setMaxTextMessageBufferSize(settings.maxTextMessageSize());
        if (settings.idleTimeoutMillis() > 0) {
            session.setMaxIdleTimeout(settings.idleTimeoutMillis());
        }

        InetSocketAddress remoteAddress = RemoteAddresses.of(session);
        SessionTransport t = new SessionTransport(session, settings, remoteAddress, headersOf(session));
        Connection c;
        try {
            c = settings.engine().open(t);
        } catch (IllegalStateException engineClosed) {
            closeQuietly(session, new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "server is shutting down"));
            return;
        }
        transport = t;
        connection = c;
        t.bind(c);
        session.addMessageHandler(String.class, (MessageHandler.Whole<String>) c::receive);
        session.setMaxBinaryMessageBufferSize(BINARY_BUFFER_BYTES);
        // A relayed chunk: copied, since containers reuse the buffer once the handler returns.
        session.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) b -> c.receiveBinary(copyOf(b)));
    }

    @Override
    public void onClose(Session session, CloseReason closeReason) {
        if (counted.compareAndSet(true, false)) {
            settings.openSessions().decrementAndGet();
        }
        int code = closeReason.getCloseCode().getCode();
        SessionTransport t = transport;
        boolean closedByServer = t != null && t.isClosing();
        if (t != null) {
            t.gone();
        }
        Connection c = connection;
        if (c != null) {
            if (!closedByServer && isContainersOwn(code)) {
                c.closedByTransport(code);
            } else if (!closedByServer) {
                c.closedByClient(code); // 1001: the page went; see Connection
            } else {
                c.closed();
            }
        }
        if (!closedByServer && code != CloseReason.CloseCodes.NORMAL_CLOSURE.getCode()
                && code != CloseCodes.GOING_AWAY && code != CloseReason.CloseCodes.NO_STATUS_CODE.getCode()) {
            LOG.log(Level.INFO, () -> "connection from " + (t == null ? "?" : t.remoteAddress())
                    + " closed abnormally: " + code + " " + closeReason.getReasonPhrase());
        }
    }

    /** Close codes a container uses for frames it refuses: too big, not UTF-8, not WebSocket. */
    private static boolean isContainersOwn(int code) {
        return code == CloseCodes.MESSAGE_TOO_BIG || code == CloseCodes.INVALID_PAYLOAD
                || code == CloseCodes.PROTOCOL_ERROR;
    }

    @Override
    public void onError(Session session, Throwable error) {
        // The container closes the session after reporting an error; onClose then lets the peer leave.
        LOG.log(Level.DEBUG, () -> "WebSocket error on session " + session.getId() + ": " + error);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, List<String>> headersOf(Session session) {
        Object headers = session.getUserProperties().get(PeerShareConfigurator.HEADERS_PROPERTY);
        return headers instanceof Map<?, ?> map ? (Map<String, List<String>>) map : Map.of();
    }

    private static void closeQuietly(Session session, CloseReason reason) {
        try {
            session.close(reason);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, () -> "close failed: " + e);
        }
    }

    private static ByteBuffer copyOf(ByteBuffer frame) {
        ByteBuffer copy = ByteBuffer.allocate(frame.remaining());
        copy.put(frame.duplicate());
        return copy.flip();
    }
}
