package io.peershare.internal;

import static io.peershare.internal.Jsons.JSON;
import static io.peershare.internal.InputValidator.optionalText;
import static io.peershare.internal.InputValidator.requiredId;

import io.peershare.PeerShareConfig;
import io.peershare.protocol.ErrorCode;
import io.peershare.protocol.Events;
import io.peershare.spi.PeerShareListener;
import io.peershare.spi.TransferInfo.State;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Coordinates file transfers between two peers of one network: request, accept or reject, progress,
 * complete or cancel, and the failures nobody asked for (a request never answered, a peer that left).
 * The file itself goes browser to browser; the server never sees it.
 *
 * <p>Limits: a file of at most {@link PeerShareConfig#maxFileSize()}; at most
 * {@link PeerShareConfig#maxTransfersPerPeer()} pending or accepted transfers per peer, as sender or
 * receiver; a request unanswered for {@link PeerShareConfig#transferRequestTimeout()} fails with reason
 * {@code TIMEOUT}.
 *
 * <p>Threading: each {@link Transfer}'s state changes under its own monitor; a transfer is created under
 * its network's monitor, so the receiver is certainly a member when it hears of it. Per-peer slots are
 * atomic counters, so two peers sending to one receiver at once cannot exceed its limit.
 */
final class TransferCoordinator {

    /** Reasons sent with {@code file-transfer-failed}. */
    static final String TIMEOUT = "TIMEOUT";
    static final String PEER_LEFT = "PEER_LEFT";

    private final PeerShareConfig config;
    private final IdGenerator ids;
    private final Outbound out;
    private final EngineStats stats;
    private final PeerShareListener listener;
    private final Map<String, Transfer> transfers = new ConcurrentHashMap<>();

    TransferCoordinator(PeerShareConfig config, IdGenerator ids, Outbound out, EngineStats stats, PeerShareListener listener) {
        this.config = config;
        this.ids = ids;
        this.out = out;
        this.stats = stats;
        this.listener = listener;
    }

    void initiate(Peer sender, JsonObject data, JsonValue requestId, long nowMillis) {
        String to = requiredId(data, "to");
        String fileName = InputValidator.requiredText(data, "fileName", config.maxFileNameLength());
        long fileSize = InputValidator.requiredSize(data, "fileSize", config.maxFileSize(), ErrorCode.FILE_TOO_LARGE);
        String mimeType = InputValidator.mimeType(data, "mimeType");
        Peer.Membership m = PeerShareEngine.requireMembership(sender);
        Network network = m.network();
        Transfer transfer;
        synchronized (network) {
            Peer receiver = PeerShareEngine.requireMember(network, sender, to);
            if (!sender.reserveTransferSlot(config.maxTransfersPerPeer())) {
                throw new Rejection(ErrorCode.TRANSFER_LIMIT_REACHED, "you already have "
                        + config.maxTransfersPerPeer() + " active transfers; finish or cancel one first");
            }
            if (!receiver.reserveTransferSlot(config.maxTransfersPerPeer())) {
                sender.releaseTransferSlot();
                throw new Rejection(ErrorCode.TRANSFER_LIMIT_REACHED,
                        "the receiver already has " + config.maxTransfersPerPeer() + " active transfers", "to");
            }
            transfer = new Transfer(ids.unguessable(), sender, receiver, fileName, fileSize, mimeType, nowMillis);
            transfers.put(transfer.id(), transfer);
            sender.transfers().add(transfer);
            receiver.transfers().add(transfer);
            stats.transfersInitiated.increment();

            out.send(receiver, Events.TRANSFER_REQUEST, JSON.createObjectBuilder()
                    .add("transferId", transfer.id())
                    .add("from", sender.id())
                    .add("fromUserName", m.userName())
                    .add("fileName", fileName)
                    .add("fileSize", fileSize)
                    .add("mimeType", mimeType)
                    .build(), null);
            out.send(sender, Events.TRANSFER_INITIATED, Payloads.transfer(transfer, sender.id(), null), requestId);
        }
        listener.transferChanged(transfer.info(null));
    }

    void accept(Peer peer, JsonObject data, JsonValue requestId) {
        Transfer t = find(peer, data);
        synchronized (t) {
            requireReceiver(t, peer, "accept");
            requireState(t, State.PENDING, "accepted");
            t.state(State.ACCEPTED);
            JsonObject payload = Payloads.transfer(t, peer.id(), null);
            out.send(t.sender(), Events.TRANSFER_ACCEPTED, payload, null);
            out.send(t.receiver(), Events.TRANSFER_ACCEPTED, payload, requestId);
        }
        listener.transferChanged(t.info(null));
    }

    void reject(Peer peer, JsonObject data, JsonValue requestId) {
        Transfer t = find(peer, data);
        String reason = optionalText(data, "reason", InputValidator.MAX_REASON_LENGTH);
        synchronized (t) {
            requireReceiver(t, peer, "reject");
            requireState(t, State.PENDING, "rejected");
            finish(t, State.REJECTED, peer, reason, requestId);
        }
    }

    void progress(Peer peer, JsonObject data) {
        Transfer t = find(peer, data);
        long bytes = InputValidator.requiredSize(data, "bytesTransferred", t.fileSize(), ErrorCode.INVALID_FIELD_VALUE);
        synchronized (t) {
            requireState(t, State.ACCEPTED, "given progress");
            t.bytesTransferred(Math.max(t.bytesTransferred(), bytes));
            // Progress goes only to the other side: the reporter knows it already.
            out.send(t.other(peer), Events.TRANSFER_PROGRESSED, Payloads.transfer(t, peer.id(), null), null);
        }
    }

    void complete(Peer peer, JsonObject data, JsonValue requestId) {
        Transfer t = find(peer, data);
        synchronized (t) {
            requireState(t, State.ACCEPTED, "completed");
            t.bytesTransferred(t.fileSize());
            finish(t, State.COMPLETED, peer, null, requestId);
        }
    }

    void cancel(Peer peer, JsonObject data, JsonValue requestId) {
        Transfer t = find(peer, data);
        String reason = optionalText(data, "reason", InputValidator.MAX_REASON_LENGTH);
        synchronized (t) {
            if (t.state().isFinal()) {
                throw new Rejection(ErrorCode.INVALID_TRANSFER_STATE, "the transfer has already ended", "transferId");
            }
            finish(t, State.CANCELLED, peer, reason, requestId);
        }
    }

    /** Fails every active transfer of a peer that left its network or disconnected. */
    void peerLeft(Peer peer) {
        for (Transfer t : List.copyOf(peer.transfers())) {
            synchronized (t) {
                if (!t.state().isFinal()) {
                    finish(t, State.FAILED, null, PEER_LEFT, null);
                }
            }
        }
    }

    /** Fails requests that waited too long for an answer. Scheduler thread. */
    void expire(long nowMillis) {
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

    Map<String, Long> activeByState() {
        EnumMap<State, Long> counts = new EnumMap<>(State.class);
        counts.put(State.PENDING, 0L);
        counts.put(State.ACCEPTED, 0L);
        for (Transfer t : transfers.values()) {
            State s = t.state();
            if (!s.isFinal()) {
                counts.merge(s, 1L, Long::sum);
            }
        }
        Map<String, Long> out = new LinkedHashMap<>();
        counts.forEach((state, n) -> out.put(state.name(), n));
        return out;
    }

    /** Ends a transfer and tells both sides. Caller holds the transfer's monitor and has checked it is not final. */
    private void finish(Transfer t, State state, Peer by, String reason, JsonValue requestId) {
        t.state(state);
        transfers.remove(t.id());
        for (Peer p : List.of(t.sender(), t.receiver())) {
            p.transfers().remove(t);
            p.releaseTransferSlot();
        }
        stats.transferFinished(state);
        String event = switch (state) {
            case COMPLETED -> Events.TRANSFER_COMPLETED;
            case REJECTED -> Events.TRANSFER_REJECTED;
            case CANCELLED -> Events.TRANSFER_CANCELLED;
            default -> Events.TRANSFER_FAILED;
        };
        JsonObject payload = Payloads.transfer(t, by == null ? null : by.id(), reason);
        out.send(t.sender(), event, payload, by == t.sender() ? requestId : null);
        out.send(t.receiver(), event, payload, by == t.receiver() ? requestId : null);
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
            throw new Rejection(ErrorCode.INVALID_TRANSFER_STATE, "a " + t.state().name().toLowerCase(java.util.Locale.ROOT)
                    + " transfer cannot be " + action, "transferId");
        }
    }
}
