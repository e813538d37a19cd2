package io.peershare.socketio;

import io.peershare.PeerShare;
import io.peershare.defaults.ExecutorScheduler;
import io.peershare.spi.Cancellable;
import io.peershare.spi.Scheduler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Engine.IO v4 server side of Socket.IO clients, for any transport: adapters hand it each request to the
 * Engine.IO path (long-polling GETs and POSTs, WebSocket upgrades) and it answers as the specification says, with
 * the errors it names ({@code {"code":N,"message":...}}, 400, or 403 for a refused origin). Sessions live in a table
 * by id and are ticked by the engine's {@link Scheduler} for their pings and deadlines.
 *
 * <p>Threading: every method may be called from any thread.
 */
public final class EngineIoServer implements AutoCloseable {

    /** How often sessions are looked at for pings and late pongs. */
    static final Duration TICK = Duration.ofMillis(50);
    /** A session that has not connected to a namespace by then is closed, as Socket.IO's {@code connectTimeout}. */
    static final long CONNECT_TIMEOUT_MILLIS = 45_000;

    /** Engine.IO's error codes, with their messages. */
    public enum Error {
        UNKNOWN_TRANSPORT(0, "Transport unknown"),
        UNKNOWN_SID(1, "Session ID unknown"),
        BAD_HANDSHAKE_METHOD(2, "Bad handshake method"),
        BAD_REQUEST(3, "Bad request"),
        FORBIDDEN(4, "Forbidden"),
        UNSUPPORTED_PROTOCOL_VERSION(5, "Unsupported protocol version");

        private final int code;
        private final String message;

        Error(int code, String message) {
            this.code = code;
            this.message = message;
        }

        public int status() {
            return this == FORBIDDEN ? 403 : 400;
        }

        /** The JSON body of the error answer. */
        public String body() {
            return "{\"code\":" + code + ",\"message\":\"" + message + "\"}";
        }
    }

    /** One HTTP answer: status, content type and body. */
    public record Answer(int status, String contentType, String body) {
        static Answer error(Error error) {
            return new Answer(error.status(), "application/json", error.body());
        }

        static Answer text(int status, String body) {
            return new Answer(status, "text/plain; charset=UTF-8", body);
        }
    }

    /** Where the answer to a request goes; a long-poll may answer later, from another thread. */
    @FunctionalInterface
    public interface Responder {
        void respond(Answer answer);
    }

    /** What an adapter calls if the client's connection closes before a held poll is answered. */
    @FunctionalInterface
    public interface Cancel {
        Cancel NONE = () -> { };

        void cancel();
    }

    /** What handles one session's messages: the client on PeerShare's engine, or another Socket.IO application. */
    public interface SessionHandler extends EngineIoSession.Listener {
        /** Whether the client has connected to a namespace; a session that has not within 45 s is closed. */
        default boolean hasConnected() {
            return true;
        }
    }

    /** Makes the handler of each new session, from its handshake's client address and headers. */
    @FunctionalInterface
    public interface SessionHandlers {
        SessionHandler open(InetSocketAddress remote, Map<String, List<String>> headers);
    }

    private final PeerShare engine;
    private final SessionHandlers handlers;
    private final EngineIoSettings settings;
    private final Clock clock;
    private final Map<String, EngineIoSession> sessions = new ConcurrentHashMap<>();
    /** Closed sessions kept for their last poll, with the time they go. */
    private final Map<EngineIoSession, Long> closing = new ConcurrentHashMap<>();
    /** Each session's client address, Socket.IO side and start, for the limits on sessions. */
    private final Map<EngineIoSession, Holder> holders = new ConcurrentHashMap<>();

    private record Holder(InetAddress address, SessionHandler handler, long openedAtMillis) {
    }
    private final Cancellable ticking;
    /** The thread of {@link #start}'s server, stopped with it; {@code null} when the host passed its scheduler. */
    private final ExecutorScheduler ownScheduler;

    /** Socket.IO clients on {@code engine}. */
    public EngineIoServer(PeerShare engine, EngineIoSettings settings, Clock clock, Scheduler scheduler) {
        this(engine, settings, clock, scheduler, socketIo(engine, clock), null);
    }

    /** Sessions handled by {@code handlers}; {@code engine} still bounds the sessions per address. */
    public EngineIoServer(PeerShare engine, EngineIoSettings settings, Clock clock, Scheduler scheduler,
            SessionHandlers handlers) {
        this(engine, settings, clock, scheduler, handlers, null);
    }

    private EngineIoServer(PeerShare engine, EngineIoSettings settings, Clock clock, Scheduler scheduler,
            SessionHandlers handlers, ExecutorScheduler ownScheduler) {
        this.handlers = handlers;
        this.engine = engine;
        this.settings = settings;
        this.clock = clock;
        this.ownScheduler = ownScheduler;
        this.ticking = scheduler.scheduleAtFixedRate(this::tick, TICK);
    }

    /**
     * Socket.IO clients on {@code engine} as a host serves them: limits {@linkplain EngineIoSettings#forEngine
     * derived from the engine's}, the system clock, and a thread of the server's own for the sessions' pings and
     * deadlines, which {@link #close} stops. Close it before the engine.
     */
    public static EngineIoServer start(PeerShare engine) {
        ExecutorScheduler ticks = new ExecutorScheduler();
        Clock clock = Clock.systemUTC();
        return new EngineIoServer(engine, EngineIoSettings.forEngine(engine.config()), clock, ticks,
                socketIo(engine, clock), ticks);
    }

    private static SessionHandlers socketIo(PeerShare engine, Clock clock) {
        return (remote, headers) -> new SocketIoConnection(engine, clock, remote, headers);
    }

    public EngineIoSettings settings() {
        return settings;
    }

    /** The engine whose limits the sessions keep. */
    public PeerShare engine() {
        return engine;
    }

    /** A request's query parameters as Engine.IO reads them: the last value of each. */
    public static Map<String, String> query(Map<String, List<String>> parameters) {
        Map<String, String> last = new HashMap<>();
        parameters.forEach((name, values) -> {
            if (!values.isEmpty()) {
                last.put(name, values.get(values.size() - 1));
            }
        });
        return last;
    }

    /** Sessions open now. */
    public int sessionCount() {
        return sessions.size();
    }

    /**
     * An HTTP request that is not a WebSocket upgrade: the handshake of a new polling session, a poll or a post.
     *
     * @param query the request's query parameters (the last value of each)
     */
    public Cancel handleHttp(String method, Map<String, String> query, String body, InetSocketAddress remote,
            Map<String, List<String>> headers, Responder responder) {
        Error refused = checkTransport(query);
        if (refused != null) {
            responder.respond(Answer.error(refused));
            return Cancel.NONE;
        }
        String sid = query.get("sid");
        if (sid != null) {
            EngineIoSession session = sessions.get(sid);
            if (session != null) {
                session.tick(clock.millis()); // a late pong ends the session now, not at the next tick
                if (!session.isOpen() && !session.hasFarewell()) {
                    session = null;
                }
            }
            if (session == null) {
                responder.respond(Answer.error(Error.UNKNOWN_SID));
            } else if (!"polling".equals(query.get("transport")) || session.isOnWebSocket()) {
                responder.respond(Answer.error(Error.BAD_REQUEST));
            } else if ("GET".equals(method)) {
                return poll(session, responder);
            } else if ("POST".equals(method)) {
                post(session, body, responder);
            } else {
                responder.respond(Answer.error(Error.BAD_REQUEST));
            }
            return Cancel.NONE;
        }
        if (!"GET".equals(method)) {
            responder.respond(Answer.error(Error.BAD_HANDSHAKE_METHOD));
        } else if (!"polling".equals(query.get("transport"))) {
            responder.respond(Answer.error(Error.BAD_REQUEST)); // a WebSocket handshake without the upgrade
        } else if (!"4".equals(query.get("EIO"))) {
            responder.respond(Answer.error(Error.UNSUPPORTED_PROTOCOL_VERSION));
        } else {
            EngineIoSession session = newSession(remote, headers);
            responder.respond(session == null ? Answer.error(Error.FORBIDDEN)
                    : Answer.text(200, session.openPacket(false)));
        }
        return Cancel.NONE;
    }

    /**
     * Whether a WebSocket upgrade to the Engine.IO path may go ahead; {@code null} if it may, otherwise the error
     * to refuse it with (before the 101).
     */
    public Error checkUpgrade(Map<String, String> query) {
        Error refused = checkTransport(query);
        if (refused != null) {
            return refused;
        }
        if (!"websocket".equals(query.get("transport"))) {
            return Error.BAD_REQUEST;
        }
        String sid = query.get("sid");
        if (sid == null) {
            return "4".equals(query.get("EIO")) ? null : Error.UNSUPPORTED_PROTOCOL_VERSION;
        }
        // A second WebSocket for an upgraded session is accepted, then closed (see openWebSocket), as the
        // specification says; an unknown session is refused before the upgrade.
        return sessions.containsKey(sid) ? null : Error.UNKNOWN_SID;
    }

    /**
     * An accepted WebSocket (see {@link #checkUpgrade}): a new session on it, sent its open packet, or the socket
     * that probes an existing polling session for the upgrade. Its text frames then go to the returned session.
     */
    public EngineIoSession openWebSocket(Map<String, String> query, EngineIoSession.WebSocketSink sink,
            InetSocketAddress remote, Map<String, List<String>> headers) {
        String sid = query.get("sid");
        if (sid != null) {
            EngineIoSession session = sessions.get(sid);
            if (session == null || session.isOnWebSocket() || !session.isOpen()) {
                sink.close(); // one WebSocket per session
                return null;
            }
            return session;
        }
        EngineIoSession session = newSession(remote, headers);
        if (session == null) {
            sink.close();
            return null;
        }
        session.attachWebSocket(sink);
        sink.send(session.openPacket(true));
        return session;
    }

    /** A binary frame on a WebSocket {@link #openWebSocket} gave {@code session} for. */
    public void webSocketBinary(EngineIoSession session, EngineIoSession.WebSocketSink sink, byte[] data) {
        if (data.length > settings.maxPayload()) {
            session.close("transport error");
            sink.close();
            return;
        }
        session.webSocketBinary(sink, data);
    }

    /** A text frame on a WebSocket {@link #openWebSocket} gave {@code session} for. */
    public void webSocketText(EngineIoSession session, EngineIoSession.WebSocketSink sink, String text) {
        if (text.length() > settings.maxPayload()) {
            session.close("transport error");
            sink.close();
            return;
        }
        session.webSocketText(sink, text, clock.millis());
    }

    /** Ends every session; Socket.IO clients reconnect elsewhere. */
    @Override
    public void close() {
        ticking.cancel();
        sessions.values().forEach(s -> s.close(EngineIoSession.FORCED_CLOSE));
        List.copyOf(sessions.values()).forEach(this::forget);
        if (ownScheduler != null) {
            ownScheduler.close();
        }
    }

    private Cancel poll(EngineIoSession session, Responder responder) {
        EngineIoSession.Poll poll = body -> responder.respond(Answer.text(200, body));
        EngineIoSession.Refusal refusal = session.poll(poll, clock.millis());
        if (!session.isOpen() && !session.hasFarewell() && closing.remove(session) != null) {
            forget(session); // that poll took the last packets
        }
        if (refusal != EngineIoSession.Refusal.NONE) {
            responder.respond(Answer.error(Error.BAD_REQUEST));
            return Cancel.NONE;
        }
        return () -> session.pollCancelled(poll);
    }

    private void post(EngineIoSession session, String body, Responder responder) {
        switch (session.post(body, clock.millis())) {
            case NONE -> responder.respond(new Answer(200, "text/html", "ok"));
            case PAYLOAD_TOO_LARGE -> responder.respond(new Answer(413, "text/plain; charset=UTF-8",
                    "Payload Too Large"));
            default -> responder.respond(Answer.error(Error.BAD_REQUEST));
        }
    }

    private static Error checkTransport(Map<String, String> query) {
        String transport = query.get("transport");
        return "polling".equals(transport) || "websocket".equals(transport) ? null : Error.UNKNOWN_TRANSPORT;
    }

    /**
     * A new session, or {@code null} when the client's address holds its most: sessions count with its sockets
     * against {@link io.peershare.config.PeerShareConfig#maxConnectionsPerAddress()}.
     */
    private EngineIoSession newSession(InetSocketAddress remote, Map<String, List<String>> headers) {
        InetAddress address = remote == null ? null : remote.getAddress();
        if (address != null && !engine.socketLimit().tryOpen(address)) {
            return null;
        }
        SessionHandler socketIo = handlers.open(remote, headers);
        String id = RandomIds.next();
        EngineIoSession session = new EngineIoSession(id, settings, new EngineIoSession.Listener() {
            @Override
            public void onMessage(EngineIoSession s, String text) {
                socketIo.onMessage(s, text);
            }

            @Override
            public void onBinary(EngineIoSession s, byte[] data) {
                socketIo.onBinary(s, data);
            }

            @Override
            public void onPong(EngineIoSession s) {
                socketIo.onPong(s);
            }

            @Override
            public void onClose(EngineIoSession s, String reason) {
                if (!s.hasFarewell()) {
                    forget(s);
                } else {
                    closing.put(s, clock.millis() + settings.pingIntervalMillis() + settings.pingTimeoutMillis());
                }
                socketIo.onClose(s, reason);
            }
        }, engine.outboundBudget().account(), clock.millis());
        holders.put(session, new Holder(address, socketIo, clock.millis()));
        sessions.put(id, session);
        return session;
    }

    /** The session is gone for good: out of the table, and its address's share back. Once per session. */
    private void forget(EngineIoSession session) {
        session.release();
        sessions.remove(session.id(), session);
        Holder holder = holders.remove(session);
        if (holder != null && holder.address() != null) {
            engine.socketLimit().closed(holder.address());
        }
    }

    private void tick() {
        long now = clock.millis();
        for (EngineIoSession session : sessions.values()) {
            session.tick(now);
            Holder holder = holders.get(session);
            if (holder != null && !holder.handler().hasConnected()
                    && now - holder.openedAtMillis() >= CONNECT_TIMEOUT_MILLIS) {
                session.close("transport error"); // never connected to a namespace
            }
        }
        // Closed sessions wait for the poll that collects their last packets, a ping's length at most.
        closing.entrySet().removeIf(e -> {
            boolean done = !e.getKey().hasFarewell() || now >= e.getValue();
            if (done) {
                forget(e.getKey());
            }
            return done;
        });
    }

}
