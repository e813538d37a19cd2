package io.peershare.jakarta;

import io.peershare.OutboundBudget;
import io.peershare.protocol.CloseCodes;
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
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One Socket.IO client's WebSocket in a Jakarta container: its text and binary messages to the Engine.IO session,
 * the session's packets back, one send at a time (containers refuse a send while another is in progress). The bytes
 * waiting (queued and in flight) are held to the engine's {@link io.peershare.OutboundBudget}, per connection and
 * across connections, as for PeerShare's own endpoint: a client that does not read is closed with 4009, on the
 * close executor, since the engine sends while holding a network's lock and a close may block.
 */
public final class SocketIoEndpoint extends Endpoint implements EngineIoSession.WebSocketSink, SendHandler {

    private final EngineIoServer server;
    private final Executor closeExecutor;
    private final OutboundBudget.Account budget;
    private final Queue<Object> waiting = new ConcurrentLinkedQueue<>();
    /** Queued and in flight, counted in characters: Socket.IO's packets are JSON, nearly all ASCII. */
    private final AtomicLong pendingBytes = new AtomicLong();
    private final AtomicBoolean sending = new AtomicBoolean();
    private final AtomicBoolean closing = new AtomicBoolean();
    /** Of the send in flight; written before the send starts, read by its completion. */
    private volatile long inFlightBytes;
    private volatile Session socket;
    private volatile EngineIoSession session;

    SocketIoEndpoint(EngineIoServer server, Executor closeExecutor) {
        this.server = server;
        this.closeExecutor = closeExecutor;
        this.budget = server.engine().outboundBudget().account();
    }

    @Override
    public void onOpen(Session value, EndpointConfig config) {
        socket = value;
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
        waiting.clear();
        budget.close();
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
        queue(text, text.length());
    }

    @Override
    public void sendBinary(byte[] data) {
        queue(ByteBuffer.wrap(data.clone()), data.length);
    }

    @Override
    public void close() {
        closeSoon(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, ""));
    }

    private void queue(Object message, int size) {
        if (closing.get()) {
            return;
        }
        if (!budget.admit(pendingBytes.get(), size)) {
            closeSoon(new CloseReason(CloseReason.CloseCodes.getCloseCode(CloseCodes.SLOW_CONSUMER),
                    "outbound queue overflow: the client reads too slowly"));
            EngineIoSession s = session;
            if (s != null) {
                s.close(EngineIoSession.SLOW_CONSUMER); // counted as the engine's own slow readers are
            }
            return;
        }
        pendingBytes.addAndGet(size);
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
                    inFlightBytes = text.length();
                    s.getAsyncRemote().sendText(text, this);
                } else {
                    ByteBuffer data = (ByteBuffer) next;
                    inFlightBytes = data.remaining();
                    s.getAsyncRemote().sendBinary(data, this);
                }
            } catch (RuntimeException e) {
                budget.settle(pendingBytes.addAndGet(-inFlightBytes));
                sending.set(false);
                closeSoon(new CloseReason(CloseReason.CloseCodes.UNEXPECTED_CONDITION, "send failed"));
                return;
            }
            return;
        }
    }

    @Override
    public void onResult(SendResult result) {
        budget.settle(pendingBytes.addAndGet(-inFlightBytes));
        sending.set(false);
        if (result.isOK()) {
            sendNext();
        }
    }

    /** Closes once, off the calling thread: the engine may be sending under a network's lock. */
    private void closeSoon(CloseReason reason) {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        waiting.clear();
        budget.close();
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
