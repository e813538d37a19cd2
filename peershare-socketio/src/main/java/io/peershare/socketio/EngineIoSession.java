package io.peershare.socketio;

import io.peershare.OutboundBudget;
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
 * <p>What waits for a long-polling client's next poll is held to the engine's {@link OutboundBudget}, per connection
 * and in total, like every other byte that waits for a client: a client that stops collecting is closed as a
 * {@link #SLOW_CONSUMER}. A polling client must also keep polling: one that has not had a poll held or answered for
 * the ping interval plus the ping timeout is closed for a ping timeout, whatever it posts, and a pong only counts
 * as the answer to a ping the client has received.
 *
 * <p>Threading: every method may be called from any thread; the session's state is guarded by its monitor. The
 * sinks and polls are called while holding it, so they must not block; the {@link Listener} is called after the
 * monitor is released, in the order the packets came, because the layer above takes locks of its own (a network's,
 * when a message is relayed) and calls {@link #send} while holding them.
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

        void sendBinary(byte[] data);

        void close();
    }

    /** What the session tells the layer above it; never called under the session's monitor. */
    public interface Listener {
        /** A message packet's text (a Socket.IO packet). */
        void onMessage(EngineIoSession session, String text);

        /** A message packet's binary data (a Socket.IO attachment). */
        void onBinary(EngineIoSession session, byte[] data);

        /** The session is over, for {@code reason} (Engine.IO's words: "ping timeout", "transport close", ...). */
        void onClose(EngineIoSession session, String reason);

        /** The client answered a ping: it is alive. */
        default void onPong(EngineIoSession session) {
        }
    }

    /** Why a request was refused; adapters answer with the matching HTTP status and Engine.IO error. */
    public enum Refusal { NONE, CONCURRENT_POLL, CLOSED, MALFORMED, PAYLOAD_TOO_LARGE }

    private enum State { OPEN, CLOSED }

    /** The reason of a close the server decided (the engine closed the connection, or shutdown). */
    public static final String FORCED_CLOSE = "forced close";
    /** The reason of a close because the client did not take what waited for it within the outbound budget. */
    public static final String SLOW_CONSUMER = "slow consumer";

    /** Stands for a pong in {@link #inbound}; compared by identity. */
    private static final Object PONG = new Object();

    private final String id;
    private final EngineIoSettings settings;
    private final Listener listener;
    private final List<EngineIoPacket> outbox = new ArrayList<>();
    /** What {@link #outbox} holds, in bytes of the polling body, reported to {@link #budget}. */
    private long outboxBytes;
    private final OutboundBudget.Account budget;
    private State state = State.OPEN;
    private Poll pendingPoll;
    private WebSocketSink webSocket;
    private WebSocketSink probing;
    private long nextPingAtMillis;
    /** Messages and the close decided under the monitor, told to the listener once it is released. */
    private final List<Object> inbound = new ArrayList<>(); // texts, binary data (byte[]) and PONG
    private String closedFor;
    private long pongDeadlineMillis = -1;
    /** A ping waits in the outbox: the client has not received it, so a pong cannot be its answer. */
    private boolean pingWaiting;
    /** When a poll was last held or answered (the handshake counts as one); for the polling deadline. */
    private long lastPolledMillis;
    /** The latest time any call passed in; when a held poll is answered by a send, which carries no time. */
    private long nowMillis;

    /** A session whose polling outbox is held to {@code budget}, which it closes when it no longer needs it. */
    EngineIoSession(String id, EngineIoSettings settings, Listener listener, OutboundBudget.Account budget,
            long nowMillis) {
        this.id = Objects.requireNonNull(id);
        this.settings = settings;
        this.listener = listener;
        this.budget = Objects.requireNonNull(budget);
        this.nextPingAtMillis = nowMillis + settings.pingIntervalMillis();
        this.lastPolledMillis = nowMillis;
        this.nowMillis = nowMillis;
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
        budget.close(); // its WebSocket holds its own share
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
    public Refusal poll(Poll poll, long nowMillis) {
        Refusal refusal;
        synchronized (this) {
            advance(nowMillis);
            refusal = pollLocked(poll);
        }
        notifyListener();
        return refusal;
    }

    private Refusal pollLocked(Poll poll) {
        if (state == State.CLOSED && !outbox.isEmpty() && webSocket == null) {
            poll.respond(EngineIoPacket.encodePayload(outbox)); // the last packets, ending with the close
            clearOutbox();
            budget.close();
            return Refusal.NONE;
        }
        if (state == State.CLOSED || webSocket != null) {
            return Refusal.CLOSED;
        }
        if (probing != null) {
            // An upgrade is under way: a poll that comes after the probe ends at once, so that the client can
            // pause polling and finish the upgrade; what waits goes on the WebSocket.
            poll.respond(EngineIoPacket.of(Type.NOOP).encode());
            return Refusal.NONE;
        }
        if (pendingPoll != null) {
            closeLocked("transport error"); // the held poll gets the close packet
            return Refusal.CONCURRENT_POLL;
        }
        pendingPoll = poll;
        lastPolledMillis = nowMillis;
        flushToPoll();
        return Refusal.NONE;
    }

    /**
     * The client gave up a held poll (its connection closed before the answer): Engine.IO ends the session, since
     * packets handed to that poll could be lost.
     */
    public void pollCancelled(Poll poll) {
        synchronized (this) {
            if (pendingPoll != poll) {
                return;
            }
            pendingPoll = null;
            closeLocked("transport close");
        }
        notifyListener();
    }

    /** A long-poll POST body of one or more packets. */
    public Refusal post(String body, long nowMillis) {
        Refusal refusal;
        synchronized (this) {
            refusal = postLocked(body, nowMillis);
        }
        notifyListener();
        return refusal;
    }

    private Refusal postLocked(String body, long nowMillis) {
        advance(nowMillis);
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
            closeLocked("parse error");
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
    public void webSocketText(WebSocketSink sink, String text, long nowMillis) {
        synchronized (this) {
            webSocketTextLocked(sink, text, nowMillis);
        }
        notifyListener();
    }

    private void webSocketTextLocked(WebSocketSink sink, String text, long nowMillis) {
        advance(nowMillis);
        if (state == State.CLOSED) {
            sink.close();
            return;
        }
        EngineIoPacket packet;
        try {
            packet = EngineIoPacket.decode(text);
        } catch (MalformedPacketException e) {
            closeLocked("parse error");
            return;
        }
        if (sink == webSocket) {
            onPacket(packet, nowMillis);
        } else {
            onProbe(sink, packet);
        }
    }

    /** A binary frame on {@code sink}: a binary message on the session's WebSocket; on any other, a protocol error. */
    public void webSocketBinary(WebSocketSink sink, byte[] data) {
        synchronized (this) {
            if (state == State.OPEN && sink == webSocket) {
                inbound.add(data.clone());
            } else {
                sink.close();
            }
        }
        notifyListener();
    }

    /** A WebSocket went away: the session's (the session ends), or one being probed (the upgrade is off). */
    public void webSocketClosed(WebSocketSink sink) {
        synchronized (this) {
            webSocketClosedLocked(sink);
        }
        notifyListener();
    }

    private void webSocketClosedLocked(WebSocketSink sink) {
        if (sink == webSocket) {
            closeLocked("transport close");
        } else if (sink == probing) {
            probing = null;
        }
    }

    /** Queues a message for the client (a Socket.IO packet). */
    public void send(String message) {
        synchronized (this) {
            if (state == State.CLOSED) {
                return;
            }
            EngineIoPacket packet = EngineIoPacket.message(message);
            if (webSocket != null) {
                webSocket.send(packet.encode());
                return;
            }
            enqueue(packet);
        }
        notifyClose();
    }

    /** Queues binary data for the client: a binary WebSocket frame, or base64 in a poll. */
    public void sendBinary(byte[] data) {
        synchronized (this) {
            if (state == State.CLOSED) {
                return;
            }
            if (webSocket != null) {
                webSocket.sendBinary(data.clone());
                return;
            }
            enqueue(EngineIoPacket.binaryMessage(data));
        }
        notifyClose();
    }

    /**
     * Puts a packet in the outbox for the next poll, if the budget admits it; otherwise the client is not collecting
     * what waits for it and the session ends as a {@link #SLOW_CONSUMER}.
     */
    private void enqueue(EngineIoPacket packet) {
        long bytes = packet.pollingBytes();
        if (!budget.admit(outboxBytes, (int) Math.min(Integer.MAX_VALUE, bytes))) {
            clearOutbox();
            closeLocked(SLOW_CONSUMER);
            return;
        }
        outbox.add(packet);
        outboxBytes += bytes;
        if (packet.type() == Type.PING) {
            pingWaiting = true;
        }
        flushToPoll();
    }

    /** Whether the session is closed with packets still waiting for the client's last poll. */
    public synchronized boolean hasFarewell() {
        return state == State.CLOSED && !outbox.isEmpty();
    }

    /** The bytes waiting for the client's next poll. */
    public synchronized long waitingBytes() {
        return outboxBytes;
    }

    /** The session is forgotten: what it still held for a last poll goes back to the budget. */
    public synchronized void release() {
        clearOutbox();
        budget.close();
    }

    /** Time passes: a ping when one is due, the end of the session when a pong is late. */
    public void tick(long nowMillis) {
        synchronized (this) {
            advance(nowMillis);
            tickLocked(nowMillis);
        }
        notifyListener();
    }

    private void tickLocked(long nowMillis) {
        if (state == State.CLOSED) {
            return;
        }
        if (pongDeadlineMillis >= 0 && nowMillis >= pongDeadlineMillis) {
            closeLocked("ping timeout");
            return;
        }
        if (webSocket == null && pendingPoll == null
                && nowMillis - lastPolledMillis >= settings.pingIntervalMillis() + settings.pingTimeoutMillis()) {
            // A client that stopped polling cannot have seen a ping, whatever it posts.
            closeLocked("ping timeout");
            return;
        }
        if (pongDeadlineMillis < 0 && nowMillis >= nextPingAtMillis) {
            // From when the ping was due, not when the tick came: a client is never held to a later deadline.
            pongDeadlineMillis = nextPingAtMillis + settings.pingTimeoutMillis();
            EngineIoPacket ping = EngineIoPacket.of(Type.PING);
            if (webSocket != null) {
                webSocket.send(ping.encode());
            } else {
                enqueue(ping);
            }
        }
    }

    private void advance(long millis) {
        nowMillis = Math.max(nowMillis, millis);
    }

    /** Ends the session: a held poll gets a close packet, a WebSocket is closed. Idempotent. */
    public void close(String reason) {
        synchronized (this) {
            closeLocked(reason);
        }
        notifyListener();
    }

    /**
     * Tells the listener, outside the monitor, what the last call decided: messages in the order they came (a
     * client's requests on one session arrive one after another), then the close.
     */
    private void notifyListener() {
        notifyListener(true);
    }

    /**
     * Tells the listener that the last send closed the session, and nothing else: a send comes from the layer above,
     * maybe under its locks, so the client's messages are left to the thread that received them.
     */
    private void notifyClose() {
        notifyListener(false);
    }

    private void notifyListener(boolean messages) {
        while (true) {
            Object item;
            String reason = null;
            synchronized (this) {
                if (messages && !inbound.isEmpty()) {
                    item = inbound.remove(0);
                } else if (closedFor != null && !closedFor.isEmpty()) {
                    item = null;
                    reason = closedFor;
                    closedFor = ""; // told once
                } else {
                    return;
                }
            }
            if (item == PONG) {
                listener.onPong(this);
            } else if (item instanceof byte[] data) {
                listener.onBinary(this, data);
            } else if (item instanceof String text) {
                listener.onMessage(this, text);
            } else {
                listener.onClose(this, reason);
            }
        }
    }

    private void closeLocked(String reason) {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        // What waits still goes, as Engine.IO does: with the close packet to a held poll or, when the server
        // closes a session that is still polled, to the next poll. A client that timed out or broke the protocol
        // is not waited for: its next request finds no session.
        outbox.add(EngineIoPacket.of(Type.CLOSE));
        if (pendingPoll != null) {
            Poll held = pendingPoll;
            pendingPoll = null;
            held.respond(EngineIoPacket.encodePayload(outbox));
            outbox.clear();
        } else if (!FORCED_CLOSE.equals(reason)) {
            outbox.clear();
        }
        outboxBytes = EngineIoPacket.pollingBytes(outbox);
        if (outbox.isEmpty()) {
            budget.close();
        } else {
            budget.settle(outboxBytes); // a farewell kept for the last poll still counts until it is taken
        }
        if (webSocket != null) {
            webSocket.close();
        }
        if (probing != null) {
            probing.close();
            probing = null;
        }
        closedFor = reason;
    }

    private void onPacket(EngineIoPacket packet, long nowMillis) {
        switch (packet.type()) {
            case PONG -> {
                // Only the answer to a ping the client has received counts: a pong nobody asked for would
                // otherwise put the next ping, and the client's deadline, off for ever.
                if (pongDeadlineMillis >= 0 && !pingWaiting) {
                    inbound.add(PONG);
                    pongDeadlineMillis = -1;
                    nextPingAtMillis = nowMillis + settings.pingIntervalMillis();
                }
            }
            case MESSAGE -> {
                inbound.add(packet.isBinary() ? packet.binary() : packet.text() == null ? "" : packet.text());
            }
            case CLOSE -> {
                boolean held = pendingPoll != null;
                if (held) {
                    Poll poll = pendingPoll;
                    pendingPoll = null;
                    poll.respond(EngineIoPacket.of(Type.NOOP).encode());
                }
                closeLocked("transport close");
                if (!held && webSocket == null) {
                    // The client's poll may still be on its way (it sends both at once): it gets its noop.
                    outbox.add(EngineIoPacket.of(Type.NOOP));
                }
            }
            case NOOP -> { }
            default -> closeLocked("transport error"); // a ping, an open or an upgrade here breaks the protocol
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
            clearOutbox();
            budget.close(); // the WebSocket holds its own share from now on
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
            lastPolledMillis = nowMillis;
            String body = EngineIoPacket.encodePayload(outbox);
            clearOutbox();
            held.respond(body);
        }
    }

    /** The outbox is empty: taken by a poll, moved to the WebSocket or dropped. */
    private void clearOutbox() {
        outbox.clear();
        outboxBytes = 0;
        pingWaiting = false; // a ping that was taken has been delivered; one that was dropped needs no answer
        budget.settle(0);
    }
}
