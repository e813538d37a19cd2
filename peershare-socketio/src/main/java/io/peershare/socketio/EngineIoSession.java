package io.peershare.socketio;

import io.peershare.socketio.EngineIoPacket.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One Engine.IO v4 session, independent of the transport that carries it: the open packet, server pings and their
 * pong deadline, the packets waiting for the client's next long-poll, and the upgrade from polling to WebSocket
 * ({@code 2probe}, {@code 3probe}, {@code 5}; the pending poll is ended with {@code 6}). Adapters feed it requests
 * and WebSocket messages and give it a {@link Poll} or a {@link WebSocketSink} to write to; time is passed in, so
 * that tests drive it without sleeping.
 *
 * <p>Threading: every method may be called from any thread; the session is one monitor. It calls
 * {@link Listener} and the sinks while holding it, so those must not block.
 */
public final class EngineIoSession {

    /** The answer to one long-poll GET, made once. */
    @FunctionalInterface
    public interface Poll {
        /** Sends {@code body} (packets joined by the record separator) as the 200 response. */
        void respond(String body);
    }

    /** A WebSocket the session writes to once it carries the session (or while it is probed). */
    public interface WebSocketSink {
        void send(String text);

        void close();
    }

    /** What the session tells the layer above it. Called under the session's monitor. */
    public interface Listener {
        /** A message packet's text (a Socket.IO packet). */
        void onMessage(EngineIoSession session, String text);

        /** The session is over, for {@code reason} (Engine.IO's words: "ping timeout", "transport close", ...). */
        void onClose(EngineIoSession session, String reason);
    }

    /** Why a request was refused; adapters answer with the matching HTTP status and Engine.IO error. */
    public enum Refusal { NONE, CONCURRENT_POLL, CLOSED, MALFORMED, PAYLOAD_TOO_LARGE }

    private enum State { OPEN, CLOSED }

    private final String id;
    private final EngineIoSettings settings;
    private final Listener listener;
    private final List<EngineIoPacket> outbox = new ArrayList<>();
    private long outboxChars;
    private State state = State.OPEN;
    private Poll pendingPoll;
    private WebSocketSink webSocket;
    private WebSocketSink probing;
    private long nextPingAtMillis;
    private long pongDeadlineMillis = -1;

    EngineIoSession(String id, EngineIoSettings settings, Listener listener, long nowMillis) {
        this.id = Objects.requireNonNull(id);
        this.settings = settings;
        this.listener = listener;
        this.nextPingAtMillis = nowMillis + settings.pingIntervalMillis();
    }

    public String id() {
        return id;
    }

    /** The open packet for this session, offering the upgrade to WebSocket unless it started on one. */
    public synchronized String openPacket(boolean onWebSocket) {
        return EngineIoPacket.of(Type.OPEN, "{\"sid\":\"" + id + "\",\"upgrades\":" + (onWebSocket ? "[]"
                : "[\"websocket\"]") + ",\"pingInterval\":" + settings.pingIntervalMillis() + ",\"pingTimeout\":"
                + settings.pingTimeoutMillis() + ",\"maxPayload\":" + settings.maxPayload() + "}").encode();
    }

    /** The session runs on {@code sink} from its start (a client that connected with WebSocket directly). */
    public synchronized void attachWebSocket(WebSocketSink sink) {
        webSocket = sink;
    }

    public synchronized boolean isOpen() {
        return state == State.OPEN;
    }

    public synchronized boolean isOnWebSocket() {
        return webSocket != null;
    }

    /**
     * A long-poll GET: answered now if packets wait, otherwise held until one does (or a ping is due). A second
     * GET while one is held breaks the protocol: the held one gets a close packet and the session ends.
     */
    public synchronized Refusal poll(Poll poll) {
        if (state == State.CLOSED || webSocket != null) {
            return Refusal.CLOSED;
        }
        if (pendingPoll != null) {
            Poll held = pendingPoll;
            pendingPoll = null;
            held.respond(EngineIoPacket.of(Type.CLOSE).encode());
            close("transport error");
            return Refusal.CONCURRENT_POLL;
        }
        pendingPoll = poll;
        flushToPoll();
        return Refusal.NONE;
    }

    /** A long-poll POST body of one or more packets. */
    public synchronized Refusal post(String body, long nowMillis) {
        if (state == State.CLOSED || webSocket != null) {
            return Refusal.CLOSED;
        }
        if (body.length() > settings.maxPayload()) {
            return Refusal.PAYLOAD_TOO_LARGE;
        }
        List<EngineIoPacket> packets;
        try {
            packets = EngineIoPacket.decodePayload(body, settings.maxPacketsPerPost());
        } catch (MalformedPacketException e) {
            close("parse error");
            return Refusal.MALFORMED;
        }
        for (EngineIoPacket packet : packets) {
            if (state == State.CLOSED) {
                break;
            }
            onPacket(packet, nowMillis);
        }
        return Refusal.NONE;
    }

    /** A text frame on {@code sink}: the session's WebSocket, or one being probed for the upgrade. */
    public synchronized void webSocketText(WebSocketSink sink, String text, long nowMillis) {
        if (state == State.CLOSED) {
            sink.close();
            return;
        }
        EngineIoPacket packet;
        try {
            packet = EngineIoPacket.decode(text);
        } catch (MalformedPacketException e) {
            close("parse error");
            return;
        }
        if (sink == webSocket) {
            onPacket(packet, nowMillis);
        } else {
            onProbe(sink, packet);
        }
    }

    /** A WebSocket went away: the session's (the session ends), or one being probed (the upgrade is off). */
    public synchronized void webSocketClosed(WebSocketSink sink) {
        if (sink == webSocket) {
            close("transport close");
        } else if (sink == probing) {
            probing = null;
        }
    }

    /** Queues a message for the client (a Socket.IO packet). */
    public synchronized void send(String message) {
        if (state == State.CLOSED) {
            return;
        }
        EngineIoPacket packet = EngineIoPacket.message(message);
        if (webSocket != null) {
            webSocket.send(packet.encode());
            return;
        }
        outbox.add(packet);
        outboxChars += message.length() + 2;
        flushToPoll();
    }

    /** The characters waiting for the client's next poll. */
    public synchronized long waitingChars() {
        return outboxChars;
    }

    /** Time passes: a ping when one is due, the end of the session when a pong is late. */
    public synchronized void tick(long nowMillis) {
        if (state == State.CLOSED) {
            return;
        }
        if (pongDeadlineMillis >= 0 && nowMillis >= pongDeadlineMillis) {
            close("ping timeout");
            return;
        }
        if (pongDeadlineMillis < 0 && nowMillis >= nextPingAtMillis) {
            pongDeadlineMillis = nowMillis + settings.pingTimeoutMillis();
            EngineIoPacket ping = EngineIoPacket.of(Type.PING);
            if (webSocket != null) {
                webSocket.send(ping.encode());
            } else {
                outbox.add(ping);
                outboxChars += 1;
                flushToPoll();
            }
        }
    }

    /** Ends the session: a held poll gets a close packet, a WebSocket is closed. Idempotent. */
    public synchronized void close(String reason) {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        outbox.clear();
        outboxChars = 0;
        if (pendingPoll != null) {
            Poll held = pendingPoll;
            pendingPoll = null;
            held.respond(EngineIoPacket.of(Type.CLOSE).encode());
        }
        if (webSocket != null) {
            webSocket.close();
        }
        if (probing != null) {
            probing.close();
            probing = null;
        }
        listener.onClose(this, reason);
    }

    private void onPacket(EngineIoPacket packet, long nowMillis) {
        switch (packet.type()) {
            case PONG -> {
                pongDeadlineMillis = -1;
                nextPingAtMillis = nowMillis + settings.pingIntervalMillis();
            }
            case MESSAGE -> {
                if (packet.isBinary()) {
                    listener.onMessage(this, null); // the layer above refuses binary data
                } else {
                    listener.onMessage(this, packet.text() == null ? "" : packet.text());
                }
            }
            case CLOSE -> {
                if (pendingPoll != null) {
                    Poll held = pendingPoll;
                    pendingPoll = null;
                    held.respond(EngineIoPacket.of(Type.NOOP).encode());
                }
                close("transport close");
            }
            case NOOP -> { }
            default -> close("transport error"); // a ping, an open or an upgrade here breaks the protocol
        }
    }

    /** The upgrade: {@code 2probe} answered with {@code 3probe}, then {@code 5} moves the session. */
    private void onProbe(WebSocketSink sink, EngineIoPacket packet) {
        if (packet.type() == Type.PING && "probe".equals(packet.text()) && probing == null && webSocket == null) {
            probing = sink;
            sink.send(EngineIoPacket.of(Type.PONG, "probe").encode());
            if (pendingPoll != null) {
                Poll held = pendingPoll;
                pendingPoll = null;
                held.respond(EngineIoPacket.of(Type.NOOP).encode()); // the client stops polling
            }
        } else if (packet.type() == Type.UPGRADE && sink == probing) {
            probing = null;
            webSocket = sink;
            for (EngineIoPacket waiting : outbox) {
                sink.send(waiting.encode());
            }
            outbox.clear();
            outboxChars = 0;
        } else {
            sink.close(); // anything else on a socket that does not carry the session
            if (sink == probing) {
                probing = null;
            }
        }
    }

    private void flushToPoll() {
        if (pendingPoll != null && !outbox.isEmpty()) {
            Poll held = pendingPoll;
            pendingPoll = null;
            String body = EngineIoPacket.encodePayload(outbox);
            outbox.clear();
            outboxChars = 0;
            held.respond(body);
        }
    }
}
