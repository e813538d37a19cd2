package io.peershare.internal.inbound;

import io.peershare.config.PeerShareConfig;
import io.peershare.internal.input.Rejection;
import io.peershare.internal.limit.RateLimiter;
import io.peershare.internal.network.ClusterLink;
import io.peershare.internal.network.Outbound;
import io.peershare.internal.network.Peer;
import io.peershare.internal.peers.PeerTable;
import io.peershare.internal.stats.EngineStats;
import io.peershare.model.EventClass;
import io.peershare.protocol.CloseCodes;
import io.peershare.protocol.ErrorCode;
import io.peershare.protocol.Events;
import io.peershare.protocol.FrameException;
import io.peershare.protocol.InboundFrame;
import io.peershare.protocol.WireCodec;
import io.peershare.spi.MetricsRecorder;
import jakarta.json.JsonValue;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.Locale;

/**
 * The way of every client frame through the engine, on the thread that delivered it:
 *
 * <ol>
 *   <li><b>admit</b>: the frame counts as a sign of life; a frame too large is refused unread;</li>
 *   <li><b>decode</b>: the {@link WireCodec} turns it into an event, or says precisely why it cannot;</li>
 *   <li><b>limit</b>: the event takes a token of its class from the connection's and the address's buckets;</li>
 *   <li><b>route</b>: an answer to a transfer that another node keeps goes to that node ({@link ClusterLink});</li>
 *   <li><b>dispatch</b>: {@link EventDispatcher} hands the event to the one method that handles it.</li>
 * </ol>
 *
 * Whatever fails becomes one {@code error} event to this client and nothing else: a {@link Rejection} with its
 * code, anything unexpected as {@code INTERNAL_ERROR}.
 */
public final class InboundPipeline {

    private static final System.Logger LOG = System.getLogger(InboundPipeline.class.getName());

    private final PeerShareConfig config;
    private final Clock clock;
    private final WireCodec codec;
    private final EngineStats stats;
    private final Outbound out;
    private final RateLimiter rateLimiter;
    private final PeerTable peers;
    private final ClusterLink cluster;
    private final EventDispatcher dispatcher;
    private final MetricsRecorder metrics;
    /** Whether to read the clock for {@link #metrics}: not when nobody records. */
    private final boolean timed;

    public InboundPipeline(PeerShareConfig config, Clock clock, WireCodec codec, EngineStats stats, Outbound out,
            RateLimiter rateLimiter, PeerTable peers, ClusterLink cluster, EventDispatcher dispatcher,
            MetricsRecorder metrics) {
        this.config = config;
        this.clock = clock;
        this.codec = codec;
        this.stats = stats;
        this.out = out;
        this.rateLimiter = rateLimiter;
        this.peers = peers;
        this.cluster = cluster;
        this.dispatcher = dispatcher;
        this.metrics = metrics;
        this.timed = metrics != MetricsRecorder.NONE;
    }

    /** One frame of {@code peer}: a local connection's, or a remote member's forwarded by its node. */
    public void receive(Peer peer, byte[] utf8) {
        if (!timed) {
            handle(peer, utf8, 0);
            return;
        }
        long start = System.nanoTime();
        EventClass handled = handle(peer, utf8, start);
        metrics.frameHandled(handled, System.nanoTime() - start);
    }

    /**
     * Steps 1 to 5 for one frame, which entered the engine at {@code startNanos} (0 when nobody times it). Returns
     * the class of the event, {@link EventClass#CONTROL} for a frame that never became one.
     */
    private EventClass handle(Peer peer, byte[] utf8, long startNanos) {
        long now = clock.millis();
        if (!admitted(peer, utf8, now)) {
            return EventClass.CONTROL;
        }
        InboundFrame frame = decoded(peer, utf8, now);
        if (frame == null) {
            return EventClass.CONTROL;
        }
        ClientEvent event = ClientEvent.named(frame.event());
        EventClass eventClass = event == null ? EventClass.CONTROL : event.eventClass();
        // A relay's acknowledgement is bounded by the relay itself (each moves its window by a chunk or to its end):
        // dropping one for a rate limit would stall its sender for good. One that is refused counts as CONTROL.
        boolean metered = event != ClientEvent.RELAY_ACK;
        if (metered && !withinLimits(peer, eventClass, now, frame.event(), frame.requestId())) {
            return eventClass;
        }
        if (event == null) {
            refuse(peer, now, ErrorCode.UNKNOWN_EVENT, "unknown event '" + abbreviate(frame.event()) + "'",
                    frame.event(), frame.requestId(), null);
            return eventClass;
        }
        try {
            if (event.concernsExistingTransfer() && cluster.forwardedToOwner(peer, frame, utf8)) {
                return eventClass;
            }
            dispatcher.dispatch(event, peer, frame, now);
            if (startNanos != 0 && event == ClientEvent.SIGNAL) {
                metrics.signalRelayed(System.nanoTime() - startNanos);
            }
        } catch (Rejection r) {
            if (metered) {
                refuse(peer, now, r.code(), r.getMessage(), frame.event(), frame.requestId(), r.field());
            } else {
                refuseAsControl(peer, now, r.code(), r.getMessage(), frame.event(), frame.requestId(), r.field());
            }
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "failed to handle " + frame.event() + " from peer " + peer.id(), e);
            out.error(peer, ErrorCode.INTERNAL_ERROR, "the server failed to handle this event",
                    frame.event(), frame.requestId(), null);
        }
        return eventClass;
    }

    /**
     * A binary frame: a chunk of a transfer the server relays for this peer, passed on to its receiver. A well-formed
     * chunk of no relay of this peer's gets an error, as a malformed event would; anything else is not part of the
     * protocol, and the connection is closed with {@link CloseCodes#UNSUPPORTED_DATA}.
     */
    public void receiveBinary(Peer peer, ByteBuffer frame) {
        long now = clock.millis();
        peer.seen(now);
        stats.framesReceived.increment();
        if (peer.isClosed()) {
            return;
        }
        try {
            switch (dispatcher.relayChunk(peer, frame, now)) {
                case PASSED, REFUSED -> { }
                case NO_RELAY -> refuseAsControl(peer, now, ErrorCode.RELAY_CHUNK_REFUSED,
                        "no relay of yours is open for that transfer", Events.RELAY_CHUNK, null, "transferId");
                case MALFORMED -> unsupported(peer);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "failed to relay a chunk from peer " + peer.id(), e);
            out.error(peer, ErrorCode.INTERNAL_ERROR, "the server failed to relay this chunk", Events.RELAY_CHUNK,
                    null, null);
        }
    }

    /**
     * A binary frame that is no relay chunk: not part of the protocol. It counts as a sign of life, and the connection
     * is closed with {@link CloseCodes#UNSUPPORTED_DATA}.
     */
    public void receiveBinary(Peer peer, int length) {
        peer.seen(clock.millis());
        stats.framesReceived.increment();
        unsupported(peer);
    }

    private void unsupported(Peer peer) {
        peers.disconnect(peer, CloseCodes.UNSUPPORTED_DATA, "binary frames other than relayed chunks are not part of"
                + " the protocol", CloseCodes.statisticName(CloseCodes.UNSUPPORTED_DATA));
    }

    /** Step 1: every frame is a sign of life; a closed peer's frames and frames too large go no further. */
    private boolean admitted(Peer peer, byte[] utf8, long now) {
        peer.seen(now);
        stats.framesReceived.increment();
        if (peer.isClosed()) {
            return false;
        }
        if (utf8.length > config.maxFrameSize()) {
            refuseAsControl(peer, now, ErrorCode.FRAME_TOO_LARGE, "frame is " + utf8.length
                    + " bytes, more than the limit of " + config.maxFrameSize(), null, null, null);
            return false;
        }
        return true;
    }

    /** Step 2: the decoded frame, or {@code null} after answering why it could not be decoded. */
    private InboundFrame decoded(Peer peer, byte[] utf8, long now) {
        try {
            return codec.decode(utf8, 0, utf8.length);
        } catch (FrameException e) {
            refuseAsControl(peer, now, e.code(), e.getMessage(), e.event(), e.requestId(), null);
            return null;
        }
    }

    /** Step 3: takes a rate-limit token, or answers RATE_LIMITED and, for a client that keeps going, closes it. */
    private boolean withinLimits(Peer peer, EventClass eventClass, long now, String event, JsonValue requestId) {
        if (rateLimiter.tryAcquire(peer.limits(), eventClass, now)) {
            return true;
        }
        stats.rateLimitHits.increment();
        metrics.rateLimited(eventClass);
        if (rateLimiter.strike(peer.limits(), now)) {
            peers.disconnect(peer, CloseCodes.RATE_LIMIT_ABUSE, "rate limit exceeded", "rateLimitAbuse");
            return false;
        }
        out.error(peer, ErrorCode.RATE_LIMITED, "too many " + eventClass.name().toLowerCase(Locale.ROOT)
                + " events; slow down", event, requestId, null);
        return false;
    }

    /**
     * Tells the client why its frame was refused, and the log too, at most once a minute per connection: a client's
     * mistakes are its own business, and a client sending nothing but mistakes must not flood the log.
     */
    /**
     * Refuses a frame that never became an event the client may send (or one that is not rate-limited itself): the
     * refusal takes a {@link EventClass#CONTROL} token, so that a client sending nothing but such frames is limited.
     */
    private void refuseAsControl(Peer peer, long now, ErrorCode code, String message, String event,
            JsonValue requestId, String field) {
        if (withinLimits(peer, EventClass.CONTROL, now, event, requestId)) {
            refuse(peer, now, code, message, event, requestId, field);
        }
    }

    private void refuse(Peer peer, long now, ErrorCode code, String message, String event, JsonValue requestId,
            String field) {
        out.error(peer, code, message, event, requestId, field);
        if (LOG.isLoggable(Level.DEBUG) && peer.mayLog(now)) {
            LOG.log(Level.DEBUG, "refused a frame of peer " + peer.id() + ": " + code + " " + message
                    + " (further refusals of this connection are not logged for a minute)");
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "...";
    }
}
