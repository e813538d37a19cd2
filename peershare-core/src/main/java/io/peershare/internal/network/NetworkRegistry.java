package io.peershare.internal.network;

import io.peershare.config.PeerShareConfig;
import io.peershare.internal.input.Rejection;
import io.peershare.model.ClusterMember;
import io.peershare.protocol.ErrorCode;
import io.peershare.protocol.Events;
import io.peershare.spi.PeerShareListener;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * The networks and who is in which: joins, moves, renames, leaves and disconnects, and retiring networks nobody
 * needs any more. What members say to each other is {@link Chat}'s; members of other nodes are placed by the
 * {@link ClusterLink}.
 *
 * <p>Threading: a join or leave holds the peer's monitor, then the monitors of the networks involved in key
 * order, so a peer is never in two networks and two peers moving between the same two networks cannot deadlock.
 * A disconnect takes only the network's monitor (see {@link #disconnect}), so a transport may report a close even
 * from inside a send. Everything a network's members are sent is sent under that network's monitor, so they all
 * see one order of events. Empty networks are retired under their monitor by {@link #purge} (or when their address
 * makes one too many, see {@link NetworkTable}), and a joiner that raced with the retirement retries with a fresh
 * network.
 */
public final class NetworkRegistry {

    private final PeerShareConfig config;
    private final Chat chat;
    private final Outbound out;
    private final PeerShareListener listener;
    private final Clock clock;
    private final ClusterLink cluster;
    private final ResumeTokens tokens;
    private final IceCredentials ice;
    private final NetworkTable networks;

    public NetworkRegistry(PeerShareConfig config, Chat chat, Outbound out, PeerShareListener listener, Clock clock,
            ClusterLink cluster, ResumeTokens tokens, IceCredentials ice) {
        this.config = config;
        this.chat = chat;
        this.out = out;
        this.listener = listener;
        this.clock = clock;
        this.cluster = cluster;
        this.tokens = tokens;
        this.ice = ice;
        this.networks = new NetworkTable(config.maxNetworksPerAddress(), chat, chat::forget);
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
                Network target = networks.getOrMake(peer, key, networkName);
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
            throw new Rejection(ErrorCode.NETWORK_FULL, (target.name().isEmpty() ? "the network of your address"
                    : "network '" + target.name() + "'") + " is full (" + config.maxUsersPerNetwork() + " users)");
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
        out.send(peer, Events.JOINED, joinedPayload(peer, joined, now, null), requestId);
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

    /** {@code network-joined} for {@code peer}, with a fresh resume token and, if configured, TURN credentials. */
    private JsonObject joinedPayload(Peer peer, Membership m, Instant now, JsonArray resumedTransfers) {
        return Payloads.joined(ice.welcomeFor(peer, now), peer, m, now.toEpochMilli(), tokens.issue(peer),
                resumedTransfers, resumedTransfers == null ? List.of() : peer.takeMissedEndings());
    }

    /**
     * A peer resumed on a new connection of this node: it is sent {@code network-joined} again (same peer id, fresh
     * token and ICE credentials, its {@code transfers}), the history, which holds what it missed, and who is in
     * the network; the others see it present again. Returns false if it left meanwhile.
     */
    public boolean welcomeBack(Peer peer, JsonArray transfers, JsonValue requestId) {
        Membership m = peer.membership();
        if (m == null) {
            return false;
        }
        synchronized (m.network()) {
            if (peer.membership() != m) {
                return false;
            }
            Instant now = clock.instant();
            out.send(peer, Events.JOINED, joinedPayload(peer, m, now, transfers), requestId);
            chat.sendHistory(peer, m.network(), now);
            out.usersUpdated(m.network());
            return true;
        }
    }

    /**
     * Seats a peer that resumed here after another node held it: in its network under its names, without a
     * "joined" line (it never left), replacing the copy of it as the other node's member. Then welcomes it back.
     * Returns that copy, whose transfers the caller fails, or {@code null}.
     */
    public Peer seatResumed(Peer peer, String key, String networkName, String userName, String deviceType,
            List<ClusterMember> claimed, JsonValue requestId) {
        while (true) {
            Network target = networks.getOrMake(peer, key, networkName);
            synchronized (target) {
                if (target.isRetired()) {
                    continue;
                }
                Peer twin = cluster.dropTwin(target, peer.id());
                Membership joined = new Membership(target, userName, deviceType);
                target.seat(peer, joined);
                cluster.joined(target, peer, joined, claimed);
                Instant now = clock.instant();
                out.send(peer, Events.JOINED, joinedPayload(peer, joined, now, JsonValue.EMPTY_JSON_ARRAY), requestId);
                chat.sendHistory(peer, target, now);
                out.usersUpdated(target);
                listener.peerJoined(joined.info(peer.id()));
                return twin;
            }
        }
    }

    /** A member went away or came back: the members of its network see it in a new users list. */
    public void presenceChanged(Peer peer) {
        Membership m = peer.membership();
        if (m == null) {
            return;
        }
        synchronized (m.network()) {
            if (peer.membership() == m) {
                out.usersUpdated(m.network());
            }
        }
    }

    /**
     * A peer of this node resumed on another node: it leaves this node's copy of its network without a goodbye
     * (the other node seats it under the same id and tells everyone it is there).
     */
    public void moved(Peer peer) {
        Membership m;
        while ((m = peer.membership()) != null) {
            Network network = m.network();
            synchronized (network) {
                if (peer.membership() == m) {
                    network.unseat(peer);
                    out.usersUpdated(network);
                    cluster.moved(network, peer);
                    listener.peerLeft(m.info(peer.id()));
                    return;
                }
            }
        }
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
        tokens.revoke(peer);
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
        for (Network network : networks.all()) {
            synchronized (network) {
                if (!network.isEmpty()) {
                    continue;
                }
                boolean history = chat.hasHistory(network);
                if (history && network.emptySinceMillis() < 0) {
                    network.emptySince(nowMillis);
                } else if (!history || nowMillis - network.emptySinceMillis() >= config.emptyNetworkRetention().toMillis()) {
                    networks.retire(network);
                }
            }
        }
    }

    public Collection<Network> networks() {
        return networks.all();
    }

    public int size() {
        return networks.size();
    }
}
