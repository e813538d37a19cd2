package io.peershare.internal.network;

import io.peershare.IceServer;
import io.peershare.PeerShareConfig;
import io.peershare.TurnCredentials;
import io.peershare.internal.cluster.ClusterLink;
import io.peershare.internal.input.Rejection;
import io.peershare.model.ClusterMember;
import io.peershare.protocol.ErrorCode;
import io.peershare.protocol.Events;
import io.peershare.spi.PeerShareListener;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The networks and who is in which: joins, moves, renames, leaves and disconnects, and retiring networks nobody
 * needs any more. What members say to each other is {@link Chat}'s; members of other nodes are placed by the
 * {@link ClusterLink}.
 *
 * <p>Threading: a join or leave holds the peer's monitor, then the monitors of the networks involved in key
 * order, so a peer is never in two networks and two peers moving between the same two networks cannot deadlock.
 * A disconnect takes only the network's monitor (see {@link #disconnect}), so a transport may report a close even
 * from inside a send. Everything a network's members are sent is sent under that network's monitor, so they all
 * see one order of events. Empty networks are retired under their monitor by {@link #purge}, and a joiner that
 * raced with the purge retries with a fresh network.
 */
public final class NetworkRegistry {

    private final PeerShareConfig config;
    private final Chat chat;
    private final Outbound out;
    private final PeerShareListener listener;
    private final Clock clock;
    private final ClusterLink cluster;
    private final JsonObject welcome;
    private final Map<String, Network> networks = new ConcurrentHashMap<>();

    public NetworkRegistry(PeerShareConfig config, Chat chat, Outbound out, PeerShareListener listener, Clock clock,
            ClusterLink cluster) {
        this.config = config;
        this.chat = chat;
        this.out = out;
        this.listener = listener;
        this.clock = clock;
        this.cluster = cluster;
        this.welcome = Payloads.welcome(config);
    }

    /**
     * Puts the peer in the network with this key, leaving its current one. If the target is full the peer stays
     * where it was. Rejoining the same network updates the peer's name and device type. {@code claimed} are the
     * network's members on every node, as the cluster reported them when it claimed the place.
     *
     * @return whether the peer left another network to get there
     */
    public boolean join(Peer peer, String key, String networkName, String userName, String deviceType,
            JsonValue requestId, List<ClusterMember> claimed) {
        synchronized (peer) {
            if (peer.isClosed()) {
                return false;
            }
            while (true) {
                Network target = networks.computeIfAbsent(key, k -> new Network(k, networkName));
                Membership old = peer.membership();
                Network from = old == null ? null : old.network();
                Network first = from == null || from == target || from.key().compareTo(target.key()) > 0 ? target : from;
                Network second = first == target ? from : target;
                synchronized (first) {
                    if (second != null && second != first) {
                        synchronized (second) {
                            if (!target.isRetired()) {
                                return move(peer, old, target, userName, deviceType, requestId, claimed);
                            }
                        }
                    } else if (!target.isRetired()) {
                        return move(peer, old, target, userName, deviceType, requestId, claimed);
                    }
                }
                // The purge retired the network between lookup and lock; a new one is made on retry.
            }
        }
    }

    /** Caller holds the peer's monitor and the monitors of {@code target} and the old network. */
    private boolean move(Peer peer, Membership old, Network target, String userName, String deviceType,
            JsonValue requestId, List<ClusterMember> claimed) {
        boolean rejoin = old != null && old.network() == target;
        if (!rejoin && target.size() >= config.maxUsersPerNetwork()) {
            throw new Rejection(ErrorCode.NETWORK_FULL,
                    "network '" + target.name() + "' is full (" + config.maxUsersPerNetwork() + " users)");
        }
        if (old != null && !rejoin) {
            removeFromNetwork(peer, old);
        }
        Membership joined = new Membership(target, userName, deviceType);
        target.seat(peer, joined);
        if (peer.isClosed()) {
            // The connection closed while it was joining; the disconnect may have looked before we wrote.
            target.unseat(peer);
            return old != null && !rejoin;
        }
        // Members of other nodes are placed before the join is announced, so the announcement reaches them too.
        cluster.joined(target, peer, joined, claimed);

        Instant now = clock.instant();
        JsonObject welcomed = welcome;
        if (config.turnCredentials() != null) {
            welcomed = Payloads.withIceServers(welcome, config.iceServers(), issueTurn(peer, now));
        }
        out.send(peer, Events.JOINED, Payloads.joined(welcomed, peer, joined, now.toEpochMilli()), requestId);
        chat.sendHistory(peer, target, now);
        if (!rejoin) {
            chat.announce(target, userName + " joined the network", now);
        } else if (!old.userName().equals(userName)) {
            chat.announce(target, old.userName() + " is now " + userName, now);
        }
        out.usersUpdated(target);
        listener.peerJoined(joined.info(peer.id()));
        return old != null && !rejoin;
    }

    /** This peer's own TURN credentials, remembered with their expiry. */
    private IceServer issueTurn(Peer peer, Instant now) {
        TurnCredentials turn = config.turnCredentials();
        peer.turnExpiresAt(now.plus(turn.ttl()).toEpochMilli());
        return turn.issue(peer.id(), now);
    }

    /**
     * Gives a joined peer fresh TURN credentials ({@code ice-servers-updated}) once a quarter of their lifetime is
     * left, so that a long session keeps its relay. Scheduler thread.
     */
    public void renewTurnIfDue(Peer peer, Instant now) {
        TurnCredentials turn = config.turnCredentials();
        long expiresAt = peer.turnExpiresAtMillis();
        if (turn == null || expiresAt == 0 || peer.membership() == null
                || expiresAt - now.toEpochMilli() > turn.ttl().toMillis() / 4) {
            return;
        }
        JsonObject servers = Payloads.withIceServers(JsonValue.EMPTY_JSON_OBJECT, config.iceServers(),
                issueTurn(peer, now));
        out.send(peer, Events.ICE_SERVERS_UPDATED, servers, null);
    }

    /** Takes the peer out of its network at its own request. Returns whether it was in one. */
    public boolean leave(Peer peer) {
        synchronized (peer) {
            return disconnect(peer);
        }
    }

    /**
     * Takes a closed (or leaving) peer out of its network without taking the peer's monitor. Membership is
     * volatile and re-checked under the network's monitor; a join that races with this sees the peer's closed
     * flag after writing its membership and undoes itself (the join checks after writing, this reads after the
     * flag was set, so one of the two always sees the other).
     */
    public boolean disconnect(Peer peer) {
        Membership m;
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

    /** Caller holds the peer's monitor or the peer is closed, and holds the network's. */
    private void removeFromNetwork(Peer peer, Membership m) {
        Network network = m.network();
        network.unseat(peer);
        chat.announce(network, m.userName() + " left the network", clock.instant());
        out.usersUpdated(network);
        cluster.left(network, peer);
        listener.peerLeft(m.info(peer.id()));
    }

    /** The network with this key, or {@code null} when nobody here is in it. */
    public Network network(String key) {
        return networks.get(key);
    }

    /**
     * Drops expired history, and retires networks nobody is in: at once when they have no history left, after
     * {@link PeerShareConfig#emptyNetworkRetention()} otherwise, with their history. Scheduler thread.
     */
    public void purge(Instant now) {
        chat.purge(now);
        long nowMillis = now.toEpochMilli();
        for (Network network : networks.values()) {
            synchronized (network) {
                if (!network.isEmpty()) {
                    continue;
                }
                boolean history = chat.hasHistory(network);
                if (history && network.emptySinceMillis() < 0) {
                    network.emptySince(nowMillis);
                } else if (!history || nowMillis - network.emptySinceMillis() >= config.emptyNetworkRetention().toMillis()) {
                    network.retire();
                    networks.remove(network.key(), network);
                    chat.forget(network);
                }
            }
        }
    }

    public Collection<Network> networks() {
        return networks.values();
    }

    public int size() {
        return networks.size();
    }
}
