package io.peershare.socketio;

import io.peershare.PeerShare;
import io.peershare.protocol.CloseCodes;
import io.peershare.protocol.OutboundFrame;
import io.peershare.spi.Connection;
import io.peershare.spi.Transport;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * One Socket.IO client on the PeerShare engine: the Engine.IO session below, the engine's {@link Connection} above.
 * A CONNECT to the main namespace opens the engine connection and is answered {@code 0{"sid":...}}; events go to the
 * engine as PeerShare frames ({@link SocketIoFrames}) and the engine's frames come back as events and
 * acknowledgements. Another namespace is refused with CONNECT_ERROR; anything before CONNECT, and any packet that
 * breaks the grammar, ends the session without a reply, as Socket.IO does.
 *
 * <p>Threading: the session calls it outside its own monitor (see {@link EngineIoSession}), one request at a time.
 */
public final class SocketIoConnection implements EngineIoServer.SessionHandler {

    /** Key of the Socket.IO form of an engine frame: a broadcast is translated once for all its Socket.IO members. */
    private static final Object FORM = new Object();
    private static final String BINARY_REFUSED = "2[\"error\",{\"code\":\"INVALID_FRAME\",\"message\":\"binary data is"
            + " not part of PeerShare's protocol: send the event's data as JSON\"}]";

    /**
     * The engine's heartbeat, sent for each Engine.IO pong: Socket.IO clients keep their connection alive with
     * pongs, not with PeerShare's {@code heartbeat}. Its answer, marked by this request id, is not passed on.
     */
    private static final String PONG_REQUEST_ID = "engine.io pong";
    private static final byte[] PONG_HEARTBEAT = ("{\"event\":\"heartbeat\",\"requestId\":\"" + PONG_REQUEST_ID + "\"}")
            .getBytes(StandardCharsets.UTF_8);

    /** The engine needs a sign of life within its heartbeat timeout (60 s by default), not one per pong. */
    private static final long HEARTBEAT_EVERY_MILLIS = 10_000;

    private final PeerShare engine;
    private final Clock clock;
    private final InetSocketAddress remoteAddress;
    private final Map<String, List<String>> headers;
    private volatile Connection connection;
    private volatile boolean connected;
    private volatile long lastHeartbeatMillis = Long.MIN_VALUE / 2;

    /** For a session whose handshake came from {@code remoteAddress} with {@code headers}. */
    public SocketIoConnection(PeerShare engine, Clock clock, InetSocketAddress remoteAddress,
            Map<String, List<String>> headers) {
        this.engine = engine;
        this.clock = clock;
        this.remoteAddress = remoteAddress;
        this.headers = headers;
    }

    @Override
    public void onBinary(EngineIoSession session, byte[] data) {
        refuseBinary(session, data.length);
    }

    @Override
    public void onMessage(EngineIoSession session, String text) {
        SocketIoPacket packet;
        try {
            packet = SocketIoPacket.decode(text);
        } catch (MalformedPacketException e) {
            session.close("parse error");
            return;
        }
        Connection open = connection;
        switch (packet.type()) {
            case CONNECT -> {
                if (!"/".equals(packet.namespace())) {
                    session.send(new SocketIoPacket(SocketIoPacket.Type.CONNECT_ERROR, packet.namespace(), 0, -1,
                            "{\"message\":\"Invalid namespace\"}").encode());
                } else if (open != null) {
                    session.close("parse error"); // a second CONNECT
                } else {
                    // The answer goes first: whatever the engine sends comes after it.
                    session.send("0{\"sid\":\"" + RandomIds.next() + "\"}");
                    connected = true;
                    connection = engine.open(new SessionTransport(session));
                }
            }
            case EVENT -> {
                if (open == null || !"/".equals(packet.namespace())) {
                    session.close("parse error"); // an event before CONNECT, or for a namespace never joined
                } else {
                    open.receive(SocketIoFrames.toPeerShare(packet));
                }
            }
            case DISCONNECT -> {
                if (open != null && "/".equals(packet.namespace())) {
                    connection = null;
                    open.closed(); // the Engine.IO session stays, as in Socket.IO
                } else {
                    session.close("parse error");
                }
            }
            case ACK -> {
                // The server never asks for acknowledgements; an unknown one is ignored, as in Socket.IO.
            }
            case BINARY_EVENT, BINARY_ACK -> refuseBinary(session, text.length());
            default -> session.close("parse error"); // CONNECT_ERROR comes from servers only
        }
    }

    /** Whether the client has connected to the main namespace (it may have disconnected since). */
    @Override
    public boolean hasConnected() {
        return connected;
    }

    @Override
    public void onPong(EngineIoSession session) {
        Connection open = connection;
        long now = clock.millis();
        if (open != null && now - lastHeartbeatMillis >= HEARTBEAT_EVERY_MILLIS) {
            lastHeartbeatMillis = now;
            open.receive(PONG_HEARTBEAT.clone());
        }
    }

    @Override
    public void onClose(EngineIoSession session, String reason) {
        Connection open = connection;
        connection = null;
        if (open == null) {
            return;
        }
        if (EngineIoSession.SLOW_CONSUMER.equals(reason)) {
            open.closedByTransport(CloseCodes.SLOW_CONSUMER); // counted as the engine's own slow readers are
        } else {
            open.closed();
        }
    }

    /** Binary data is refused with an error the client can read, then counted and closed by the engine (1003). */
    private void refuseBinary(EngineIoSession session, int length) {
        session.send(BINARY_REFUSED);
        Connection open = connection;
        if (open != null) {
            open.receiveBinary(length);
        } else {
            session.close("parse error");
        }
    }


    /** The engine's side: its frames become Socket.IO packets on the session. */
    private final class SessionTransport implements Transport {
        private final EngineIoSession session;

        SessionTransport(EngineIoSession session) {
            this.session = session;
        }

        @Override
        public void send(OutboundFrame frame) {
            SocketIoFrames.Outgoing out = frame.transportForm(FORM, SocketIoFrames::fromPeerShare);
            if (PONG_REQUEST_ID.equals(out.requestId())) {
                return; // the answer to a pong's heartbeat
            }
            session.send(out.event().encode());
            if (out.ack() != null) {
                session.send(out.ack().encode());
            }
        }

        @Override
        public void close(int code, String reason) {
            if (code != CloseCodes.GOING_AWAY) {
                // Closed for a reason of the client's own: DISCONNECT, so that socket.io-client does not reconnect.
                session.send("1");
            }
            session.close(EngineIoSession.FORCED_CLOSE);
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
}
