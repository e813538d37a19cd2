package io.peershare.internal.transfer;

import static io.peershare.internal.input.InputValidator.requiredId;
import static io.peershare.internal.json.Jsons.JSON;

import io.peershare.config.PeerShareConfig;
import io.peershare.internal.input.InputValidator;
import io.peershare.internal.input.Rejection;
import io.peershare.internal.network.Outbound;
import io.peershare.internal.network.Peer;
import io.peershare.internal.relay.Relay;
import io.peershare.internal.relay.RelayLimits;
import io.peershare.internal.relay.RelayMeter;
import io.peershare.internal.relay.RelayRefusal;
import io.peershare.internal.stats.EngineStats;
import io.peershare.model.TransferInfo.State;
import io.peershare.protocol.ErrorCode;
import io.peershare.protocol.Events;
import io.peershare.protocol.RelayFrame;
import io.peershare.spi.Cancellable;
import io.peershare.spi.Scheduler;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Transfers relayed through the server, when their direct connection cannot form: the sender asks
 * ({@code request-relay}), the server opens a {@link Relay} between the two peers of the accepted transfer and tells
 * both ({@code relay-granted}); the sender's chunks come as binary frames ({@link RelayFrame}) and go to the
 * receiver as they came; the receiver's {@code relay-ack} gives the sender its credit back ({@code relay-credit}).
 * The server reads only a chunk's header; its content is for the clients to encrypt end to end.
 *
 * <p>Bounds: a relay holds at most its window for its receiver; it carries at most the file and each chunk's cipher
 * framing; a peer has at most {@link RelayLimits#relaysPerPeer()} relays; an address relays at most its quota a day;
 * past the server's relay bandwidth the credit comes back late, never the chunks. Nothing moves on a relay for
 * {@link RelayLimits#idleTimeoutMillis()}: it ends ({@code relay-ended}, reason {@code IDLE}).
 *
 * <p>Threading: a relay's chunks come on its sender's frame thread, its acknowledgements on its receiver's; each
 * {@link Relay} and the {@link RelayMeter} hold their own monitors. Credit held back for the bandwidth and idle
 * relays are seen to by a tick of the scheduler, which runs only while relays are open.
 */
public final class TransferRelays {

    static final String IDLE = "IDLE";
    private static final Duration TICK = Duration.ofMillis(50);

    /** An open relay and its transfer; {@code creditDueMillis} and {@code heldCredit} under the relay's monitor. */
    private static final class Open {
        final Transfer transfer;
        final Relay relay;
        long heldCredit = -1;
        long creditDueMillis;

        Open(Transfer transfer, Relay relay) {
            this.transfer = transfer;
            this.relay = relay;
        }
    }

    private final RelayLimits limits;
    private final RelayMeter meter;
    private final Outbound out;
    private final EngineStats stats;
    private final Scheduler scheduler;
    private final LongSupplier clock;
    private final Map<String, Open> open = new ConcurrentHashMap<>();
    private Cancellable ticker;

    /** With {@code config}'s relay settings; when it has the relay off, the server relays nothing. */
    TransferRelays(PeerShareConfig config, Outbound out, EngineStats stats, Scheduler scheduler, LongSupplier clock) {
        this.limits = config.relayEnabled() ? new RelayLimits(Relay.WINDOW_BYTES, config.relaysPerPeer(),
                config.relayBytesPerAddressPerDay(), config.relayBytesPerSecond(), Relay.IDLE_TIMEOUT_MILLIS) : null;
        this.meter = limits == null ? null : new RelayMeter(limits, clock.getAsLong());
        this.out = out;
        this.stats = stats;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    /** {@code request-relay}: the sender of an accepted transfer asks the server to carry it. */
    void request(Peer peer, Transfer t, JsonValue requestId, long nowMillis) {
        if (limits == null) {
            throw refused(RelayRefusal.DISABLED, ErrorCode.RELAY_UNAVAILABLE, "this server relays no transfers");
        }
        synchronized (t) {
            if (t.sender() != peer) {
                throw new Rejection(ErrorCode.INVALID_TRANSFER_STATE, "only the sender asks for a relay", "transferId");
            }
            if (t.state() != State.ACCEPTED) {
                throw new Rejection(ErrorCode.INVALID_TRANSFER_STATE, "only an accepted transfer is relayed",
                        "transferId");
            }
            if (open.containsKey(t.id())) {
                throw new Rejection(ErrorCode.INVALID_TRANSFER_STATE, "the transfer is relayed already", "transferId");
            }
            Peer receiver = t.receiver();
            if (receiver.isRemote() || !receiver.transport().carriesBinary() || !peer.transport().carriesBinary()) {
                throw refused(RelayRefusal.UNAVAILABLE, ErrorCode.RELAY_UNAVAILABLE, receiver.isRemote()
                        ? "the receiver is connected to another server of the cluster, which cannot relay yet"
                        : "a relay needs both sides on a WebSocket that carries binary frames");
            }
            if (!meter.hasQuota(addressOf(peer), nowMillis) || !meter.hasQuota(addressOf(receiver), nowMillis)) {
                throw refused(RelayRefusal.QUOTA_EXCEEDED, ErrorCode.RELAY_QUOTA_EXCEEDED,
                        "your address or the receiver's has relayed as much as the server allows in a day");
            }
            RelayRefusal busy = meter.tryOpen(peer.id(), receiver.id());
            if (busy != null) {
                throw refused(busy, ErrorCode.RELAY_LIMIT_REACHED,
                        "you or the receiver already have " + limits.relaysPerPeer() + " relays open");
            }
            Open relay = new Open(t, new Relay(t.id(), t.fileSize(), limits.windowBytes(), limits.idleTimeoutMillis(),
                    nowMillis));
            open.put(t.id(), relay);
            stats.relaysOpened.increment();
            JsonObject granted = JSON.createObjectBuilder()
                    .add("transferId", t.id())
                    .add("windowBytes", limits.windowBytes())
                    .add("maxChunkBytes", RelayFrame.MAX_CHUNK_BYTES)
                    .add("fileBytesPerChunk", Relay.FILE_BYTES_PER_CHUNK)
                    .build();
            out.send(receiver, Events.RELAY_GRANTED, granted, null);
            out.send(peer, Events.RELAY_GRANTED, granted, requestId);
        }
        startTicking();
    }

    /** What became of a binary frame. */
    public enum Chunk {
        /** Passed on to the receiver. */
        PASSED,
        /** A chunk of the peer's relay, refused: the peer has its error and the relay has ended. */
        REFUSED,
        /** A well-formed chunk for a relay the peer does not send (over, or never granted). */
        NO_RELAY,
        /** Not a relay frame at all. */
        MALFORMED
    }

    /** A binary frame from {@code peer}. */
    public Chunk chunk(Peer peer, ByteBuffer frame, long nowMillis) {
        RelayFrame chunk;
        try {
            chunk = RelayFrame.decode(frame);
        } catch (RelayFrame.Invalid e) {
            return Chunk.MALFORMED;
        }
        Open o = open.get(chunk.transferId());
        if (o == null || o.transfer.sender() != peer) {
            return Chunk.NO_RELAY;
        }
        int bytes = chunk.chunk().remaining();
        RelayRefusal refusal = o.relay.chunk(chunk.offset(), bytes, nowMillis);
        if (refusal == null) {
            refusal = meter.charge(addressOf(peer), addressOf(o.transfer.receiver()), bytes, nowMillis);
        }
        if (refusal != null) {
            String why = describe(refusal, o.relay);
            end(o, refusal.name());
            out.error(peer, errorOf(refusal), "the relayed chunk was refused: " + why, Events.RELAY_CHUNK, null,
                    "transferId");
            return Chunk.REFUSED;
        }
        long wait = meter.spend(bytes, nowMillis);
        if (wait > 0) {
            synchronized (o.relay) {
                o.creditDueMillis = Math.max(o.creditDueMillis, nowMillis + wait);
            }
        }
        stats.relayedBytes.add(bytes);
        o.transfer.receiver().transport().sendBinary(frame);
        return Chunk.PASSED;
    }

    /** {@code relay-ack}: the receiver has taken {@code received} bytes of the relay in all. */
    public void acknowledge(Peer peer, JsonObject data, long nowMillis) {
        String id = requiredId(data, "transferId");
        long received = InputValidator.requiredSize(data, "received", Long.MAX_VALUE / 2, ErrorCode.INVALID_FIELD_VALUE);
        Open o = open.get(id);
        if (o == null || o.transfer.receiver() != peer) {
            throw new Rejection(ErrorCode.TRANSFER_NOT_FOUND, "no relay '" + id + "' to you", "transferId");
        }
        RelayRefusal refusal = o.relay.acknowledge(received, nowMillis);
        if (refusal != null) {
            throw new Rejection(ErrorCode.INVALID_FIELD_VALUE, "received must move by a chunk ("
                    + RelayFrame.MAX_CHUNK_BYTES + " bytes) or to all that was relayed, and never past it", "received");
        }
        synchronized (o.relay) {
            if (nowMillis < o.creditDueMillis) {
                o.heldCredit = received; // the bandwidth: it goes back at the tick when it is due
                return;
            }
            o.heldCredit = -1;
        }
        sendCredit(o, received);
    }

    private void sendCredit(Open o, long received) {
        out.send(o.transfer.sender(), Events.RELAY_CREDIT, JSON.createObjectBuilder()
                .add("transferId", o.transfer.id()).add("received", received).build(), null);
    }

    /** The transfer ended (completed, cancelled, failed): its relay, if any, closes with it. */
    void transferEnded(Transfer t) {
        Open o = open.remove(t.id());
        if (o != null) {
            o.relay.end();
            meter.closed(t.sender().id(), t.receiver().id());
        }
    }

    /** Scheduler thread: credit held back for the bandwidth goes out when due; idle relays end. */
    private void tick() {
        long now = clock.getAsLong();
        for (Open o : open.values()) {
            if (o.relay.expireIfIdle(now)) {
                end(o, IDLE);
                continue;
            }
            long credit;
            synchronized (o.relay) {
                if (o.heldCredit < 0 || now < o.creditDueMillis) {
                    continue;
                }
                credit = o.heldCredit;
                o.heldCredit = -1;
            }
            sendCredit(o, credit);
        }
        stopTickingIfIdle();
    }

    /** Ends a relay (not its transfer: the sender may ask again, or cancel) and tells both sides why. */
    private void end(Open o, String reason) {
        o.relay.end();
        if (open.remove(o.transfer.id(), o)) {
            meter.closed(o.transfer.sender().id(), o.transfer.receiver().id());
            JsonObject ended = JSON.createObjectBuilder().add("transferId", o.transfer.id()).add("reason", reason)
                    .build();
            out.send(o.transfer.sender(), Events.RELAY_ENDED, ended, null);
            out.send(o.transfer.receiver(), Events.RELAY_ENDED, ended, null);
        }
    }

    /** Relays open now. */
    public int openCount() {
        return open.size();
    }

    private synchronized void startTicking() {
        if (ticker == null) {
            ticker = scheduler.scheduleAtFixedRate(this::tick, TICK);
        }
    }

    private synchronized void stopTickingIfIdle() {
        if (open.isEmpty() && ticker != null) {
            ticker.cancel();
            ticker = null;
        }
    }

    /** The key every per-address limit uses (IPv6 by /64), made once per connection. */
    private static String addressOf(Peer peer) {
        return peer.limits().addressKey();
    }

    private Rejection refused(RelayRefusal why, ErrorCode code, String message) {
        stats.relayRefused(why.name());
        return new Rejection(code, message, "transferId");
    }

    private ErrorCode errorOf(RelayRefusal refusal) {
        stats.relayRefused(refusal.name());
        return refusal == RelayRefusal.QUOTA_EXCEEDED ? ErrorCode.RELAY_QUOTA_EXCEEDED : ErrorCode.RELAY_CHUNK_REFUSED;
    }

    private static String describe(RelayRefusal refusal, Relay relay) {
        return switch (refusal) {
            case OUT_OF_ORDER -> "it does not start at " + relay.relayed() + ", where the last one ended";
            case SIZE_EXCEEDED -> "it goes past the file's announced size";
            case WINDOW_EXCEEDED -> "it goes past the credit the receiver gave";
            case QUOTA_EXCEEDED -> "your address or the receiver's has relayed its quota for the day";
            default -> "the relay is over";
        };
    }
}
