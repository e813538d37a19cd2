package io.peershare.internal.transfer;

import static io.peershare.internal.input.InputValidator.optionalText;
import static io.peershare.internal.input.InputValidator.requiredId;
import static io.peershare.internal.json.Jsons.JSON;

import io.peershare.config.PeerShareConfig;
import io.peershare.internal.input.InputValidator;
import io.peershare.internal.input.Rejection;
import io.peershare.internal.network.ClusterLink;
import io.peershare.internal.network.IdGenerator;
import io.peershare.internal.network.Membership;
import io.peershare.internal.network.Network;
import io.peershare.internal.network.Outbound;
import io.peershare.internal.network.Peer;
import io.peershare.internal.stats.EngineStats;
import io.peershare.model.TransferInfo.State;
import io.peershare.protocol.ErrorCode;
import io.peershare.protocol.Events;
import io.peershare.spi.PeerShareListener;
import io.peershare.spi.Scheduler;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Coordinates file transfers between two peers of one network: request, accept or reject, progress, complete or
 * cancel, and the failures nobody asked for (a request never answered, a peer that left). The file itself goes
 * browser to browser; the server never sees it. In a cluster a transfer lives on the node of the peer who offered
 * it; the {@link ClusterLink} tells the receiver's node, which forwards the receiver's answers here.
 *
 * <p>Limits: a file of at most {@link PeerShareConfig#maxFileSize()}; at most
 * {@link PeerShareConfig#maxTransfersPerPeer()} pending or accepted transfers per peer, as sender or receiver; a
 * request unanswered for {@link PeerShareConfig#transferRequestTimeout()} fails with reason {@code TIMEOUT}.
 *
 * <p>Threading: each {@link Transfer}'s state changes under its own monitor; a transfer is created under its
 * network's monitor, so the receiver is certainly a member when it hears of it. A peer's share of transfers is
 * changed under that share's monitor, so two peers sending to one receiver at once cannot exceed its limit.
 */
public final class TransferCoordinator {

    /** Reasons sent with {@code file-transfer-failed}. */
    static final String TIMEOUT = "TIMEOUT";
    static final String PEER_LEFT = "PEER_LEFT";

    private final PeerShareConfig config;
    private final IdGenerator ids;
    private final Outbound out;
    private final EngineStats stats;
    private final PeerShareListener listener;
    private final ClusterLink cluster;
    private final Map<String, Transfer> transfers = new ConcurrentHashMap<>();
    private final TransferShares shares;
    private final TransferRelays relays;

    public TransferCoordinator(PeerShareConfig config, IdGenerator ids, Outbound out, EngineStats stats,
            PeerShareListener listener, ClusterLink cluster, Scheduler scheduler, LongSupplier clock) {
        this.config = config;
        this.ids = ids;
        this.out = out;
        this.stats = stats;
        this.listener = listener;
        this.cluster = cluster;
        this.shares = new TransferShares(config.maxTransfersPerPeer());
        this.relays = new TransferRelays(config, out, stats, scheduler, clock);
    }

    /** {@code request-relay}: the sender of an accepted transfer asks the server to carry it ({@link #relays}). */
    public void requestRelay(Peer peer, JsonObject data, JsonValue requestId, long nowMillis) {
        relays.request(peer, find(peer, data), requestId, nowMillis);
    }

    public TransferRelays relays() {
        return relays;
    }

    public void initiate(Peer sender, JsonObject data, JsonValue requestId, long nowMillis) {
        String to = requiredId(data, "to");
        String fileName = InputValidator.requiredText(data, "fileName", config.maxFileNameLength());
        long fileSize = InputValidator.requiredSize(data, "fileSize", config.maxFileSize(), ErrorCode.FILE_TOO_LARGE);
        String mimeType = InputValidator.mimeType(data, "mimeType");
        Membership m = sender.requireMembership();
        Network network = m.network();
        Transfer transfer;
        synchronized (network) {
            Peer receiver = network.requireMember(sender, to).requireReachable();
            transfer = new Transfer(ids.unguessable(), network.key(), sender, receiver, fileName, fileSize, mimeType,
                    nowMillis);
            if (!shares.reserve(sender, transfer)) {
                throw new Rejection(ErrorCode.TRANSFER_LIMIT_REACHED, "you already have "
                        + config.maxTransfersPerPeer() + " active transfers; finish or cancel one first");
            }
            if (!shares.reserve(receiver, transfer)) {
                shares.release(sender, transfer);
                throw new Rejection(ErrorCode.TRANSFER_LIMIT_REACHED,
                        "the receiver already has " + config.maxTransfersPerPeer() + " active transfers", "to");
            }
            transfers.put(transfer.id(), transfer);
            stats.transfersInitiated.increment();

            // Before the request, so the receiver's node knows where answers go.
            cluster.transferOpened(transfer.receiver(), transfer.networkKey(), transfer.id());
            out.send(receiver, Events.TRANSFER_REQUEST, TransferPayloads.request(transfer, m.userName()), null);
            out.send(sender, Events.TRANSFER_INITIATED, TransferPayloads.state(transfer, sender.id(), null), requestId);
        }
        listener.transferChanged(transfer.info(null));
    }

    public void accept(Peer peer, JsonObject data, JsonValue requestId) {
        Transfer t = find(peer, data);
        synchronized (t) {
            requireReceiver(t, peer, "accept");
            requireState(t, State.PENDING, "accepted");
            t.state(State.ACCEPTED);
            JsonObject payload = TransferPayloads.state(t, peer.id(), null);
            out.send(t.sender(), Events.TRANSFER_ACCEPTED, payload, null);
            out.send(t.receiver(), Events.TRANSFER_ACCEPTED, payload, requestId);
        }
        listener.transferChanged(t.info(null));
    }

    public void reject(Peer peer, JsonObject data, JsonValue requestId) {
        Transfer t = find(peer, data);
        String reason = optionalText(data, "reason", InputValidator.MAX_REASON_LENGTH);
        synchronized (t) {
            requireReceiver(t, peer, "reject");
            requireState(t, State.PENDING, "rejected");
            finish(t, State.REJECTED, peer, reason, requestId);
        }
    }

    public void progress(Peer peer, JsonObject data) {
        Transfer t = find(peer, data);
        long bytes = InputValidator.requiredSize(data, "bytesTransferred", t.fileSize(), ErrorCode.INVALID_FIELD_VALUE);
        synchronized (t) {
            requireState(t, State.ACCEPTED, "given progress");
            t.bytesTransferred(Math.max(t.bytesTransferred(), bytes));
            // Progress goes only to the other side: the reporter knows it already.
            out.send(t.other(peer), Events.TRANSFER_PROGRESSED, TransferPayloads.state(t, peer.id(), null), null);
        }
    }

    public void complete(Peer peer, JsonObject data, JsonValue requestId) {
        Transfer t = find(peer, data);
        synchronized (t) {
            requireState(t, State.ACCEPTED, "completed");
            t.bytesTransferred(t.fileSize());
            finish(t, State.COMPLETED, peer, null, requestId);
        }
    }

    public void cancel(Peer peer, JsonObject data, JsonValue requestId) {
        Transfer t = find(peer, data);
        String reason = optionalText(data, "reason", InputValidator.MAX_REASON_LENGTH);
        synchronized (t) {
            if (t.state().isFinal()) {
                throw new Rejection(ErrorCode.INVALID_TRANSFER_STATE, "the transfer has already ended", "transferId");
            }
            finish(t, State.CANCELLED, peer, reason, requestId);
        }
    }

    /**
     * Fails the active transfers of a peer that left a network or disconnected: every one not in the network the
     * peer is in now (all of them once it is in none).
     */
    public void peerLeft(Peer peer) {
        Membership current = peer.membership();
        String stays = current == null ? null : current.network().key();
        for (Transfer t : shares.of(peer)) {
            if (t.networkKey().equals(stays)) {
                continue;
            }
            synchronized (t) {
                if (!t.state().isFinal()) {
                    finish(t, State.FAILED, null, PEER_LEFT, null);
                }
            }
        }
        if (current == null) {
            shares.forget(peer);
        }
    }

    /** The transfers a resumed peer takes part in that have not ended, as {@code file-transfer-initiated} shows them. */
    public JsonArray activeOf(Peer peer) {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        for (Transfer t : shares.of(peer)) {
            synchronized (t) {
                if (!t.state().isFinal()) {
                    array.add(TransferPayloads.state(t, null, null));
                }
            }
        }
        return array.build();
    }

    /**
     * Asks a resumed peer again about the offers it has not answered: whatever reached it while it was away went
     * nowhere.
     */
    public void offerAgain(Peer peer) {
        for (Transfer t : shares.of(peer)) {
            synchronized (t) {
                if (t.receiver() == peer && t.state() == State.PENDING) {
                    Membership from = t.sender().membership();
                    out.send(peer, Events.TRANSFER_REQUEST,
                            TransferPayloads.request(t, from == null ? "" : from.userName()), null);
                }
            }
        }
    }

    /** Fails requests that waited too long for an answer. Scheduler thread. */
    public void expire(long nowMillis) {
        long timeout = config.transferRequestTimeout().toMillis();
        for (Transfer t : transfers.values()) {
            if (nowMillis - t.createdAtMillis() >= timeout) {
                synchronized (t) {
                    if (t.state() == State.PENDING) {
                        finish(t, State.FAILED, null, TIMEOUT, null);
                    }
                }
            }
        }
    }

    /** Active transfers by state, for the statistics. */
    public Map<String, Long> activeByState() {
        EnumMap<State, Long> counts = new EnumMap<>(State.class);
        counts.put(State.PENDING, 0L);
        counts.put(State.ACCEPTED, 0L);
        for (Transfer t : transfers.values()) {
            State s = t.state();
            if (!s.isFinal()) {
                counts.merge(s, 1L, Long::sum);
            }
        }
        Map<String, Long> result = new LinkedHashMap<>();
        counts.forEach((state, n) -> result.put(state.name(), n));
        return result;
    }

    /** Ends a transfer and tells both sides. Caller holds the transfer's monitor and has checked it is not final. */
    private void finish(Transfer t, State state, Peer by, String reason, JsonValue requestId) {
        t.state(state);
        transfers.remove(t.id());
        shares.release(t.sender(), t);
        shares.release(t.receiver(), t);
        relays.transferEnded(t);
        stats.transferFinished(state);
        String event = switch (state) {
            case COMPLETED -> Events.TRANSFER_COMPLETED;
            case REJECTED -> Events.TRANSFER_REJECTED;
            case CANCELLED -> Events.TRANSFER_CANCELLED;
            default -> Events.TRANSFER_FAILED;
        };
        JsonObject payload = TransferPayloads.state(t, by == null ? null : by.id(), reason);
        out.send(t.sender(), event, payload, by == t.sender() ? requestId : null);
        out.send(t.receiver(), event, payload, by == t.receiver() ? requestId : null);
        for (Peer side : new Peer[] {t.sender(), t.receiver()}) {
            if (side.isAway()) {
                side.missedEnding(payload); // it went nowhere; the peer hears of it when it resumes
            }
        }
        cluster.transferEnded(t.receiver(), t.networkKey(), t.id());
        listener.transferChanged(t.info(reason));
    }

    /** The transfer, if the peer takes part in it; otherwise the same error as for one that does not exist. */
    private Transfer find(Peer peer, JsonObject data) {
        String id = requiredId(data, "transferId");
        Transfer t = transfers.get(id);
        if (t == null || !t.involves(peer)) {
            throw new Rejection(ErrorCode.TRANSFER_NOT_FOUND, "no active transfer '" + id + "' of yours", "transferId");
        }
        return t;
    }

    private static void requireReceiver(Transfer t, Peer peer, String action) {
        if (t.receiver() != peer) {
            throw new Rejection(ErrorCode.INVALID_TRANSFER_STATE, "only the receiver can " + action + " a transfer", "transferId");
        }
    }

    private static void requireState(Transfer t, State expected, String action) {
        if (t.state() != expected) {
            throw new Rejection(ErrorCode.INVALID_TRANSFER_STATE, "a " + t.state().name().toLowerCase(Locale.ROOT)
                    + " transfer cannot be " + action, "transferId");
        }
    }
}
