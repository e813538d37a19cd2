package io.peershare.jakarta;

import io.peershare.protocol.CloseCodes;
import io.peershare.socketio.EngineIoPacket;
import io.peershare.socketio.EngineIoServer;
import io.peershare.socketio.EngineIoSession;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One Socket.IO client's WebSocket in a Jakarta container: its text and binary messages to the Engine.IO session,
 * the session's packets back through a {@link SessionOutbox}, as for PeerShare's own endpoint: one send at a time,
 * held to the engine's {@link io.peershare.OutboundBudget}; a client that does not read is closed with 4009 and
 * counted as the engine's own slow readers are. Closes run on the close executor, since the engine sends while
 * holding a network's lock and a close may block.
 */
public final class SocketIoEndpoint extends Endpoint implements EngineIoSession.WebSocketSink {

    private final EngineIoServer server;
    private final Executor closeExecutor;
    private final AtomicBoolean closing = new AtomicBoolean();
    private volatile Session socket;
    private volatile SessionOutbox outbox;
    private volatile EngineIoSession session;

    SocketIoEndpoint(EngineIoServer server, Executor closeExecutor) {
        this.server = server;
        this.closeExecutor = closeExecutor;
    }

    @Override
    public void onOpen(Session value, EndpointConfig config) {
        socket = value;
        outbox = new SessionOutbox(value, server.engine().outboundBudget(), this::slowReader,
                cause -> closeSoon(new CloseReason(CloseReason.CloseCodes.UNEXPECTED_CONDITION, "send failed")));
        Map<String, String> query = EngineIoServer.query(value.getRequestParameterMap());
        EngineIoServer.Error refused = server.checkUpgrade(query);
        if (refused != null) {
            closeSoon(new CloseReason(CloseReason.CloseCodes.PROTOCOL_ERROR, refused.body()));
            return;
        }
        @SuppressWarnings("unchecked")
        Map<String, List<String>> headers = (Map<String, List<String>>) config.getUserProperties()
                .getOrDefault(SocketIoEndpointConfig.HEADERS_PROPERTY, Map.of());
        InetSocketAddress remote = RemoteAddresses.of(value);
        value.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> {
            EngineIoSession s = session;
            if (s != null) {
                server.webSocketText(s, this, text);
            }
        });
        value.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) bytes -> {
            EngineIoSession s = session;
            if (s != null) {
                byte[] data = new byte[bytes.remaining()];
                bytes.get(data);
                server.webSocketBinary(s, this, data);
            }
        });
        session = server.openWebSocket(query, this, remote, headers);
    }

    @Override
    public void onClose(Session value, CloseReason reason) {
        closing.set(true);
        outbox.close();
        EngineIoSession s = session;
        if (s != null) {
            s.webSocketClosed(this);
        }
    }

    @Override
    public void onError(Session value, Throwable error) {
        closeSoon(new CloseReason(CloseReason.CloseCodes.UNEXPECTED_CONDITION, "error"));
    }

    @Override
    public void send(String text) {
        outbox.sendText(text, Math.toIntExact(EngineIoPacket.utf8Length(text)));
    }

    @Override
    public void sendBinary(byte[] data) {
        outbox.sendBinary(ByteBuffer.wrap(data.clone()));
    }

    @Override
    public void close() {
        closeSoon(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, ""));
    }

    /** The budget refused a packet: the client is closed as a slow reader. */
    private void slowReader() {
        closeSoon(new CloseReason(CloseReason.CloseCodes.getCloseCode(CloseCodes.SLOW_CONSUMER),
                "outbound queue overflow: the client reads too slowly"));
        EngineIoSession s = session;
        if (s != null) {
            s.close(EngineIoSession.SLOW_CONSUMER); // counted as the engine's own slow readers are
        }
    }

    /** Closes once, off the calling thread: the engine may be sending under a network's lock. */
    private void closeSoon(CloseReason reason) {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        SessionOutbox o = outbox;
        if (o != null) {
            o.close();
        }
        Runnable task = () -> closeQuietly(reason);
        try {
            closeExecutor.execute(task);
        } catch (RejectedExecutionException e) {
            task.run();
        }
    }

    private void closeQuietly(CloseReason reason) {
        Session s = socket;
        if (s == null || !s.isOpen()) {
            return;
        }
        try {
            s.close(reason);
        } catch (IOException | RuntimeException ignored) {
            // already closing
        }
    }
}
