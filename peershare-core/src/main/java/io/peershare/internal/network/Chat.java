package io.peershare.internal.network;

import io.peershare.config.PeerShareConfig;
import io.peershare.internal.input.InputValidator;
import io.peershare.internal.input.Rejection;
import io.peershare.internal.stats.EngineStats;
import io.peershare.model.ChatMessage;
import io.peershare.protocol.ErrorCode;
import io.peershare.protocol.Events;
import io.peershare.protocol.OutboundFrame;
import io.peershare.spi.MessageStore;
import io.peershare.spi.PeerShareListener;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Clock;
import java.time.Instant;

/**
 * Each network's conversation: users' messages, the system messages that say who joined, left or renamed
 * themselves, and the history a joiner is sent. The history itself is kept by the {@link MessageStore}.
 *
 * <p>Threading: everything that appends to a network's history or sends to its members runs under that network's
 * monitor, so every member sees one order of messages; {@link #purge} runs on the scheduler thread.
 */
public final class Chat implements Network.Occupancy {

    private final PeerShareConfig config;
    private final MessageStore store;
    private final Outbound out;
    private final EngineStats stats;
    private final PeerShareListener listener;
    private final IdGenerator ids;
    private final Clock clock;

    public Chat(PeerShareConfig config, MessageStore store, Outbound out, EngineStats stats, PeerShareListener listener,
            IdGenerator ids, Clock clock) {
        this.config = config;
        this.store = store;
        this.out = out;
        this.stats = stats;
        this.listener = listener;
        this.ids = ids;
        this.clock = clock;
    }

    /** {@code send-message}: stores a user's message and sends it to every member; the author's copy echoes its request id. */
    public void post(Peer author, JsonObject data, JsonValue requestId) {
        String text = InputValidator.requiredMultilineText(data, "text", config.maxMessageLength());
        Membership m = author.requireMembership();
        Network network = m.network();
        synchronized (network) {
            if (network.member(author.id()) != author) {
                throw new Rejection(ErrorCode.NOT_IN_NETWORK, "join a network before sending messages");
            }
            Instant now = clock.instant();
            ChatMessage message = new ChatMessage(ids.messageId(), ChatMessage.Type.USER, author.id(), m.userName(), text, now);
            store.append(network.key(), message);
            // Counted before anyone can receive it, so that statistics read after a delivery include it.
            stats.messages.increment();
            stats.messagesPerMinute.increment(now.toEpochMilli());
            JsonObject payload = Payloads.message(message).build();
            OutboundFrame frame = out.encode(Events.NEW_MESSAGE, payload);
            int unreachable = 0;
            for (Peer member : network.members()) {
                if (member == author && requestId != null) {
                    out.send(member, Events.NEW_MESSAGE, payload, requestId);
                } else if (member.isReachable()) {
                    out.deliver(member, frame);
                } else {
                    unreachable++;
                }
            }
            if (unreachable > 0) {
                // Not silently lost: the author learns who did not get it (the history has it for later).
                out.error(author, ErrorCode.CLUSTER_UNAVAILABLE, "delivered to the people this server can reach; "
                        + unreachable + " on other servers will not see it until the cluster is back",
                        Events.SEND_MESSAGE, requestId, null);
            }
            listener.messageSent(m.info(author.id()), message);
        }
    }

    /** Sends a joiner the network's history within the retention. Caller holds the network's monitor. */
    void sendHistory(Peer peer, Network network, Instant now) {
        out.send(peer, Events.HISTORY, Payloads.history(store.history(network.key(), now.minus(config.messageRetention()))),
                null);
    }

    /** A system message, stored and sent to every member. Caller holds the network's monitor. */
    void announce(Network network, String text, Instant now) {
        ChatMessage message = new ChatMessage(ids.messageId(), ChatMessage.Type.SYSTEM, null, null, text, now);
        store.append(network.key(), message);
        out.broadcast(network, out.encode(Events.NEW_MESSAGE, Payloads.message(message).build()));
    }

    /**
     * Tells this node's members that a member of another node left with its node, without a goodbye. Every
     * surviving node says this to its own members, so it is sent, not stored. Caller holds the network's monitor.
     */
    public void announceVanished(Network network, String userName) {
        ChatMessage notice = new ChatMessage(ids.messageId(), ChatMessage.Type.SYSTEM, null, null,
                userName + " left the network", clock.instant());
        out.broadcastLocal(network, out.encode(Events.NEW_MESSAGE, Payloads.message(notice).build()));
    }

    /** Drops history older than the retention. Scheduler thread. */
    void purge(Instant now) {
        store.purgeOlderThan(now.minus(config.messageRetention()));
    }

    /** The network is retired: its history goes with it. Caller holds the network's monitor. */
    void forget(Network network) {
        store.forget(network.key());
    }

    /** The store learns which networks nobody is in: their history goes first when it must make room. */
    @Override
    public void occupancyChanged(Network network, boolean occupied) {
        store.occupancyChanged(network.key(), occupied);
    }

    /** Whether a network still has history, which keeps it in the table after its last member left. */
    boolean hasHistory(Network network) {
        return store.hasHistory(network.key());
    }
}
