package io.peershare.jakarta;

import io.peershare.socketio.EngineIoServer;
import io.peershare.socketio.EngineIoSession;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One Socket.IO client's WebSocket in a Jakarta container: its text and binary messages to the Engine.IO session,
 * the session's packets back, one send at a time (containers refuse a send while another is in progress), with the
 * bytes waiting bounded as the engine's outbound limit: a client that does not read is closed.
 */
public final class SocketIoEndpoint extends Endpoint implements EngineIoSession.WebSocketSink, SendHandler {

    private final EngineIoServer server;
    private final Queue<Object> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicLong waitingBytes = new AtomicLong();
    private final AtomicBoolean sending = new AtomicBoolean();
    private volatile Session socket;
    private volatile EngineIoSession session;
    private long maxWaitingBytes;

    SocketIoEndpoint(EngineIoServer server) {
        this.server = server;
    }

    @Override
    public void onOpen(Session value, EndpointConfig config) {
        socket = value;
        maxWaitingBytes = server.engine().config().maxOutboundBytes();
        Map<String, String> query = EngineIoServer.query(value.getRequestParameterMap());
        EngineIoServer.Error refused = server.checkUpgrade(query);
        if (refused != null) {
            closeQuietly(new CloseReason(CloseReason.CloseCodes.PROTOCOL_ERROR, refused.body()));
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
        EngineIoSession s = session;
        if (s != null) {
            s.webSocketClosed(this);
        }
    }

    @Override
    public void onError(Session value, Throwable error) {
        closeQuietly(new CloseReason(CloseReason.CloseCodes.UNEXPECTED_CONDITION, "error"));
    }

    @Override
    public void send(String text) {
        queue(text, text.length());
    }

    @Override
    public void sendBinary(byte[] data) {
        queue(ByteBuffer.wrap(data.clone()), data.length);
    }

    @Override
    public void close() {
        closeQuietly(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, ""));
    }

    private void queue(Object message, long size) {
        if (waitingBytes.addAndGet(size) > maxWaitingBytes) {
            closeQuietly(new CloseReason(CloseReason.CloseCodes.getCloseCode(4009), "the client reads too slowly"));
            return;
        }
        waiting.add(message);
        sendNext();
    }

    /** Starts the next send if none is in progress; {@link #onResult} starts the one after. */
    private void sendNext() {
        while (!waiting.isEmpty() && sending.compareAndSet(false, true)) {
            Object next = waiting.poll();
            if (next == null) {
                sending.set(false);
                continue;
            }
            Session s = socket;
            try {
                if (next instanceof String text) {
                    waitingBytes.addAndGet(-text.length());
                    s.getAsyncRemote().sendText(text, this);
                } else {
                    ByteBuffer data = (ByteBuffer) next;
                    waitingBytes.addAndGet(-data.remaining());
                    s.getAsyncRemote().sendBinary(data, this);
                }
            } catch (RuntimeException e) {
                sending.set(false);
                closeQuietly(new CloseReason(CloseReason.CloseCodes.UNEXPECTED_CONDITION, "send failed"));
                return;
            }
            return;
        }
    }

    @Override
    public void onResult(SendResult result) {
        sending.set(false);
        if (result.isOK()) {
            sendNext();
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
