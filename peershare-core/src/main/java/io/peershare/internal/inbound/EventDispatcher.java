package io.peershare.internal.inbound;

import static io.peershare.internal.json.Jsons.JSON;

import io.peershare.internal.network.Chat;
import io.peershare.internal.network.Joins;
import io.peershare.internal.network.NetworkRegistry;
import io.peershare.internal.network.Outbound;
import io.peershare.internal.network.Peer;
import io.peershare.internal.resume.Resumes;
import io.peershare.internal.signal.SignalRouter;
import io.peershare.internal.transfer.TransferCoordinator;
import io.peershare.internal.transfer.TransferRelays;
import io.peershare.protocol.Events;
import io.peershare.protocol.InboundFrame;
import jakarta.json.JsonValue;
import java.nio.ByteBuffer;

/** The last step of the inbound pipeline: each client event goes to the one method that handles it. */
public final class EventDispatcher {

    private final Joins joins;
    private final Resumes resumes;
    private final NetworkRegistry registry;
    private final Chat chat;
    private final SignalRouter signals;
    private final TransferCoordinator transfers;
    private final Outbound out;

    public EventDispatcher(Joins joins, Resumes resumes, NetworkRegistry registry, Chat chat, SignalRouter signals,
            TransferCoordinator transfers, Outbound out) {
        this.joins = joins;
        this.resumes = resumes;
        this.registry = registry;
        this.chat = chat;
        this.signals = signals;
        this.transfers = transfers;
        this.out = out;
    }

    /** A binary frame: a chunk of a transfer relayed through the server, or what else it was. */
    TransferRelays.Chunk relayChunk(Peer peer, ByteBuffer frame, long nowMillis) {
        return transfers.relays().chunk(peer, frame, nowMillis);
    }

    /** Handles one validated, admitted event; a {@link io.peershare.internal.input.Rejection} reports a refusal. */
    void dispatch(ClientEvent event, Peer peer, InboundFrame frame, long nowMillis) {
        JsonValue requestId = frame.requestId();
        switch (event) {
            case JOIN -> {
                if (joins.join(peer, frame)) {
                    transfers.peerLeft(peer); // it moved: its transfers in the old network fail
                }
            }
            case RESUME -> resumes.resume(peer, frame, nowMillis);
            case LEAVE -> {
                if (registry.leave(peer)) {
                    transfers.peerLeft(peer);
                }
                out.send(peer, Events.LEFT, JsonValue.EMPTY_JSON_OBJECT, requestId);
            }
            case SEND_MESSAGE -> chat.post(peer, frame.data(), requestId);
            case SIGNAL -> signals.relay(peer, frame, nowMillis);
            case INITIATE_TRANSFER -> transfers.initiate(peer, frame.data(), requestId, nowMillis);
            case ACCEPT_TRANSFER -> transfers.accept(peer, frame.data(), requestId);
            case REJECT_TRANSFER -> transfers.reject(peer, frame.data(), requestId);
            case TRANSFER_PROGRESS -> transfers.progress(peer, frame.data());
            case COMPLETE_TRANSFER -> transfers.complete(peer, frame.data(), requestId);
            case CANCEL_TRANSFER -> transfers.cancel(peer, frame.data(), requestId);
            case REQUEST_RELAY -> transfers.requestRelay(peer, frame.data(), requestId, nowMillis);
            case RELAY_ACK -> transfers.relays().acknowledge(peer, frame.data(), nowMillis);
            case HEARTBEAT -> out.send(peer, Events.HEARTBEAT_ACK,
                    JSON.createObjectBuilder().add("serverTime", nowMillis).build(), requestId);
        }
    }
}
