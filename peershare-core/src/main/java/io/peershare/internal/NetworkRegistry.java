package io.peershare.internal;

import static io.peershare.internal.Jsons.JSON;

import io.peershare.PeerShareConfig;
import io.peershare.protocol.ErrorCode;
import io.peershare.protocol.Events;
import io.peershare.spi.ChatMessage;
import io.peershare.spi.Cluster;
import io.peershare.spi.ClusterMember;
import io.peershare.spi.MessageStore;
import io.peershare.spi.PeerShareListener;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

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
    private final Cluster cluster;
    /** Members connected to other nodes, in networks that have members here. */
    private final Map<String, Peer> remotePeers = new ConcurrentHashMap<>();
    private BiFunction<String, ClusterMember, Peer> remotePeerFactory;

    NetworkRegistry(PeerShareConfig config, MessageStore store, Outbound out, EngineStats stats,
            PeerShareListener listener, IdGenerator ids, Clock clock, Cluster cluster) {
        this.cluster = cluster;
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
            JsonValue requestId, List<ClusterMember> clusterMembers) {
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
                                return move(peer, old, target, userName, deviceType, welcomeExtras, requestId, clusterMembers);
                            }
                        }
                    } else if (!target.isRetired()) {
                        return move(peer, old, target, userName, deviceType, welcomeExtras, requestId, clusterMembers);
                    }
                }
                // The purge retired the network between lookup and lock; a new one is made on retry.
            }
        }
    }

    /** Caller holds the peer's monitor and the monitors of {@code target} and the old network. */
    private boolean move(Peer peer, Peer.Membership old, Network target, String userName, String deviceType,
            JsonObject welcomeExtras, JsonValue requestId, List<ClusterMember> clusterMembers) {
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
        addKnownRemoteMembers(target, clusterMembers);
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
        out.broadcastLocal(target, out.encode(Events.USERS_UPDATED, Payloads.users(target)));
        cluster.memberJoined(target.key(), member(peer.id(), joined));
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
        out.broadcastLocal(network, out.encode(Events.USERS_UPDATED, Payloads.users(network)));
        cluster.memberLeft(network.key(), peer.id());
        listener.peerLeft(Peer.info(peer.id(), m));
        dropRemotesIfNoLocalMembers(network);
    }

    /** How remote members are made; set once by the engine when it runs in a cluster. */
    void remotePeerFactory(BiFunction<String, ClusterMember, Peer> value) {
        remotePeerFactory = value;
    }

    /**
     * The members other nodes have in the network the peer just joined, as the cluster reported them when it
     * claimed the place: known before the join is announced, so the announcement reaches them too. Caller holds
     * the network's monitor.
     */
    private void addKnownRemoteMembers(Network target, List<ClusterMember> clusterMembers) {
        for (ClusterMember member : clusterMembers) {
            placeRemote(target, member);
        }
    }

    /**
     * Puts a member of another node into {@code target}, or updates its names there. Returns whether anything
     * changed. Members of this node, and members this node still holds in another network (the cluster link
     * moves them when that news arrives), are left alone. Caller holds the network's monitor.
     */
    private boolean placeRemote(Network target, ClusterMember member) {
        if (member.nodeId().equals(cluster.nodeId())) {
            return false;
        }
        Peer remote = remotePeers.get(member.peerId());
        Peer.Membership current = remote == null ? null : remote.membership();
        if (current != null && (current.network() != target || (current.userName().equals(member.userName())
                && current.deviceType().equals(member.deviceType())))) {
            return false;
        }
        if (remote == null) {
            remote = remotePeerFactory.apply(target.key(), member);
            remotePeers.put(member.peerId(), remote);
        }
        ((RemoteTransport) remote.transport()).update(member);
        remote.membership(new Peer.Membership(target, member.userName(), member.deviceType()));
        if (target.member(remote.id()) == null) {
            target.add(remote);
        }
        return true;
    }

    ClusterMember member(String peerId, Peer.Membership m) {
        return new ClusterMember(peerId, cluster.nodeId(), m.network().name(), m.userName(), m.deviceType());
    }

    // ---- members on other nodes; called by the cluster link, never under another network's monitor ----

    /** A member of another node joined (or renamed itself in) a network this node has members in. */
    void remoteJoined(String key, ClusterMember member) {
        Network target = networks.get(key);
        if (target == null) {
            return; // nobody here is in that network (any more)
        }
        synchronized (target) {
            if (!target.isRetired() && hasLocalMembers(target) && placeRemote(target, member)) {
                out.broadcastLocal(target, out.encode(Events.USERS_UPDATED, Payloads.users(target)));
            }
        }
    }

    /**
     * A member of another node left. Its own node told everyone with a system message, unless it vanished
     * with its node: then this node tells its own members.
     */
    Peer remoteLeft(String key, String peerId, boolean vanished) {
        Peer remote = remotePeers.get(peerId);
        if (remote == null || remote.membership() == null || !remote.membership().network().key().equals(key)) {
            return null;
        }
        removeRemote(remote, vanished);
        return remote;
    }

    private void removeRemote(Peer remote, boolean vanished) {
        Peer.Membership m = remote.membership();
        if (m == null) {
            return;
        }
        Network network = m.network();
        synchronized (network) {
            if (remote.membership() != m) {
                return;
            }
            network.remove(remote);
            remote.membership(null);
            remotePeers.remove(remote.id(), remote);
            if (vanished) {
                // Every surviving node says this to its own members, so it is sent, not stored.
                ChatMessage notice = new ChatMessage(ids.messageId(), ChatMessage.Type.SYSTEM, null, null,
                        m.userName() + " left the network", clock.instant());
                out.broadcastLocal(network, out.encode(Events.NEW_MESSAGE, Payloads.message(notice).build()));
            }
            out.broadcastLocal(network, out.encode(Events.USERS_UPDATED, Payloads.users(network)));
        }
    }

    /** After an outage: the members other nodes have in a network now; returns those that are gone. */
    List<Peer> resync(String key, List<ClusterMember> members) {
        Network network = networks.get(key);
        List<Peer> gone = new ArrayList<>();
        if (network == null) {
            return gone;
        }
        Set<String> present = new HashSet<>();
        for (ClusterMember member : members) {
            present.add(member.peerId());
        }
        for (Peer member : network.members()) {
            if (member.isRemote() && !present.contains(member.id())) {
                removeRemote(member, true);
                gone.add(member);
            }
        }
        for (ClusterMember member : members) {
            remoteJoined(key, member);
        }
        return gone;
    }

    Peer remotePeer(String peerId) {
        return remotePeers.get(peerId);
    }

    /** This node's own members, by network key. */
    Map<String, List<ClusterMember>> localMembers() {
        Map<String, List<ClusterMember>> result = new HashMap<>();
        for (Network network : networks.values()) {
            synchronized (network) {
                for (Peer member : network.members()) {
                    Peer.Membership m = member.membership();
                    if (!member.isRemote() && m != null) {
                        result.computeIfAbsent(network.key(), k -> new ArrayList<>()).add(member(member.id(), m));
                    }
                }
            }
        }
        return result;
    }

    private static boolean hasLocalMembers(Network network) {
        for (Peer member : network.members()) {
            if (!member.isRemote()) {
                return true;
            }
        }
        return false;
    }

    /** Once its last local member left, a node stops tracking a network's remote members. Caller holds the monitor. */
    private void dropRemotesIfNoLocalMembers(Network network) {
        if (hasLocalMembers(network)) {
            return;
        }
        for (Peer member : network.members()) {
            if (member.isRemote()) {
                network.remove(member);
                member.membership(null);
                remotePeers.remove(member.id(), member);
            }
        }
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
