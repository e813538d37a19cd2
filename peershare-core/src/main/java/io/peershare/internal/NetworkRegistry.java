package io.peershare.internal;

import static io.peershare.internal.Jsons.JSON;

import io.peershare.PeerShareConfig;
import io.peershare.protocol.ErrorCode;
import io.peershare.protocol.Events;
import io.peershare.spi.ChatMessage;
import io.peershare.spi.MessageStore;
import io.peershare.spi.PeerShareListener;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The networks, who is in which, and their chat: joins, moves, leaves, messages and history.
 *
 * <p>Threading: a join or leave holds the peer's monitor, then the monitors of the networks involved in
 * key order, so a peer is never in two networks and two peers moving between the same two networks cannot
 * deadlock. A disconnect takes only the network's monitor (see {@link #disconnect}), so a transport may
 * report a close even from inside a send. Everything a network's members are sent is sent under that
 * network's monitor, so they all see one order of events. Empty networks are retired under their monitor
 * by {@link #purge}, and a joiner that raced with the purge retries with a fresh network.
 */
final class NetworkRegistry {

    private final PeerShareConfig config;
    private final MessageStore store;
    private final Outbound out;
    private final EngineStats stats;
    private final PeerShareListener listener;
    private final IdGenerator ids;
    private final Clock clock;
    private final Map<String, Network> networks = new ConcurrentHashMap<>();

    NetworkRegistry(PeerShareConfig config, MessageStore store, Outbound out, EngineStats stats,
            PeerShareListener listener, IdGenerator ids, Clock clock) {
        this.config = config;
        this.store = store;
        this.out = out;
        this.stats = stats;
        this.listener = listener;
        this.ids = ids;
        this.clock = clock;
    }

    /**
     * Puts the peer in the network with this key, leaving its current one. If the target is full the peer
     * stays where it was. Rejoining the same network updates the peer's name and device type.
     *
     * @return whether the peer left another network to get there
     */
    boolean join(Peer peer, String key, String networkName, String userName, String deviceType, JsonObject welcomeExtras,
            JsonValue requestId) {
        synchronized (peer) {
            if (peer.isClosed()) {
                return false;
            }
            while (true) {
                Network target = networks.computeIfAbsent(key, k -> new Network(k, networkName));
                Peer.Membership old = peer.membership();
                Network from = old == null ? null : old.network();
                Network first = from == null || from == target || from.key().compareTo(target.key()) > 0 ? target : from;
                Network second = first == target ? from : target;
                synchronized (first) {
                    if (second != null && second != first) {
                        synchronized (second) {
                            if (!target.isRetired()) {
                                return move(peer, old, target, userName, deviceType, welcomeExtras, requestId);
                            }
                        }
                    } else if (!target.isRetired()) {
                        return move(peer, old, target, userName, deviceType, welcomeExtras, requestId);
                    }
                }
                // The purge retired the network between lookup and lock; a new one is made on retry.
            }
        }
    }

    /** Caller holds the peer's monitor and the monitors of {@code target} and the old network. */
    private boolean move(Peer peer, Peer.Membership old, Network target, String userName, String deviceType,
            JsonObject welcomeExtras, JsonValue requestId) {
        Peer.Membership joined = new Peer.Membership(target, userName, deviceType);
        boolean rejoin = old != null && old.network() == target;
        if (!rejoin && target.size() >= config.maxUsersPerNetwork()) {
            throw new Rejection(ErrorCode.NETWORK_FULL,
                    "network '" + target.name() + "' is full (" + config.maxUsersPerNetwork() + " users)");
        }
        if (old != null && !rejoin) {
            removeFromNetwork(peer, old);
        }
        target.add(peer);
        peer.membership(joined);
        if (peer.isClosed()) {
            // The connection closed while it was joining; the disconnect may have looked before we wrote.
            target.remove(peer);
            peer.membership(null);
            return old != null && !rejoin;
        }

        Instant now = clock.instant();
        out.send(peer, Events.JOINED, JSON.createObjectBuilder(welcomeExtras)
                .add("peerId", peer.id())
                .add("networkName", target.name())
                .add("userName", userName)
                .add("deviceType", deviceType)
                .add("serverTime", now.toEpochMilli())
                .build(), requestId);
        out.send(peer, Events.HISTORY, Payloads.history(store.history(target.key(), now.minus(config.messageRetention()))), null);
        if (!rejoin) {
            postSystem(target, userName + " joined the network", now);
        } else if (!old.userName().equals(userName)) {
            postSystem(target, old.userName() + " is now " + userName, now);
        }
        out.broadcast(target, out.encode(Events.USERS_UPDATED, Payloads.users(target)));
        listener.peerJoined(Peer.info(peer.id(), joined));
        return old != null && !rejoin;
    }

    /** Takes the peer out of its network at its own request. Returns whether it was in one. */
    boolean leave(Peer peer) {
        synchronized (peer) {
            return disconnect(peer);
        }
    }

    /**
     * Takes a closed (or leaving) peer out of its network without taking the peer's monitor. Membership is
     * volatile and re-checked under the network's monitor; a join that races with this sees the peer's
     * closed flag after writing its membership and undoes itself (the join checks after writing, this
     * reads after the flag was set, so one of the two always sees the other).
     */
    boolean disconnect(Peer peer) {
        Peer.Membership m;
        while ((m = peer.membership()) != null) {
            synchronized (m.network()) {
                if (peer.membership() == m) {
                    removeFromNetwork(peer, m);
                    return true;
                }
            }
        }
        return false;
    }

    /** Caller holds the peer's monitor and the network's. */
    private void removeFromNetwork(Peer peer, Peer.Membership m) {
        Network network = m.network();
        network.remove(peer);
        peer.membership(null);
        postSystem(network, m.userName() + " left the network", clock.instant());
        out.broadcast(network, out.encode(Events.USERS_UPDATED, Payloads.users(network)));
        listener.peerLeft(Peer.info(peer.id(), m));
    }

    /** Accepts a user's chat message: stores it and sends it to every member (the sender's copy echoes its request id). */
    void post(Peer author, String text, JsonValue requestId) {
        Peer.Membership m = PeerShareEngine.requireMembership(author);
        Network network = m.network();
        ChatMessage message;
        synchronized (network) {
            if (network.member(author.id()) != author) {
                throw new Rejection(ErrorCode.NOT_IN_NETWORK, "join a network before sending messages");
            }
            Instant now = clock.instant();
            message = new ChatMessage(ids.messageId(), ChatMessage.Type.USER, author.id(), m.userName(), text, now);
            store.append(network.key(), message);
            JsonObject payload = Payloads.message(message).build();
            String frame = out.encode(Events.NEW_MESSAGE, payload);
            for (Peer member : network.members()) {
                if (member == author && requestId != null) {
                    out.send(member, Events.NEW_MESSAGE, payload, requestId);
                } else {
                    out.deliver(member, frame);
                }
            }
            stats.messages.increment();
            stats.messagesPerMinute.increment(now.toEpochMilli());
            listener.messageSent(Peer.info(author.id(), m), message);
        }
    }

    /** Caller holds the network's monitor. */
    private void postSystem(Network network, String text, Instant now) {
        ChatMessage message = new ChatMessage(ids.messageId(), ChatMessage.Type.SYSTEM, null, null, text, now);
        store.append(network.key(), message);
        out.broadcast(network, out.encode(Events.NEW_MESSAGE, Payloads.message(message).build()));
    }

    /** Drops expired history and retires networks with neither members nor history. Scheduler thread. */
    void purge(Instant now) {
        store.purgeOlderThan(now.minus(config.messageRetention()));
        for (Network network : networks.values()) {
            synchronized (network) {
                if (network.isEmpty() && !store.hasHistory(network.key())) {
                    network.retire();
                    networks.remove(network.key(), network);
                }
            }
        }
    }

    Collection<Network> networks() {
        return networks.values();
    }

    int size() {
        return networks.size();
    }
}
