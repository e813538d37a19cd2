package io.peershare.internal.cluster;

import io.peershare.internal.limit.RateLimiter;
import io.peershare.internal.network.Chat;
import io.peershare.internal.network.Membership;
import io.peershare.internal.network.Network;
import io.peershare.internal.network.Outbound;
import io.peershare.internal.network.Peer;
import io.peershare.model.ClusterMember;
import io.peershare.spi.Cluster;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The members other nodes have in the networks this node has members in. Each is a {@link Peer} whose transport
 * publishes to its node, seated in the network like a local member, so chat, signals and transfers reach it through
 * the same code and the same isolation checks. A node tracks a network's remote members only while it has local
 * members there.
 *
 * <p>Threading: a remote member is placed, renamed and removed under its network's monitor; the table of remote
 * members is a concurrent map. Called from the cluster's threads (as engine calls) and, for the members a join
 * claimed, from the joiner's frame thread under the network's monitor.
 */
final class RemoteMembers {

    private final Cluster cluster;
    private final Chat chat;
    private final Outbound out;
    private final RateLimiter rateLimiter;
    private final Clock clock;
    private final Map<String, Peer> byId = new ConcurrentHashMap<>();

    RemoteMembers(Cluster cluster, Chat chat, Outbound out, RateLimiter rateLimiter, Clock clock) {
        this.cluster = cluster;
        this.chat = chat;
        this.out = out;
        this.rateLimiter = rateLimiter;
        this.clock = clock;
    }

    Peer get(String peerId) {
        return byId.get(peerId);
    }

    /**
     * Puts a member of another node into {@code target}, or updates its names there. Returns whether anything
     * changed. Members of this node, and members still held in another network (they are moved when that news
     * arrives), are left alone. Caller holds the network's monitor.
     */
    boolean place(Network target, ClusterMember member) {
        if (member.nodeId().equals(cluster.nodeId())) {
            return false;
        }
        Peer remote = byId.get(member.peerId());
        Membership current = remote == null ? null : remote.membership();
        if (current != null && (current.network() != target || (current.userName().equals(member.userName())
                && current.deviceType().equals(member.deviceType())
                && memberOf(remote).nodeId().equals(member.nodeId())))) {
            return false; // nothing new; a member that resumed on another node only changes its node
        }
        if (remote == null) {
            long now = clock.millis();
            remote = Peer.remote(member.peerId(), new RemoteTransport(cluster, target.key(), member),
                    rateLimiter.newConnection(null, now), now);
            byId.put(member.peerId(), remote);
        }
        ((RemoteTransport) remote.transport()).update(member);
        remote.reachable(true); // the cluster just told us of it
        target.seat(remote, new Membership(target, member.userName(), member.deviceType()));
        return true;
    }

    /**
     * A member of another node left. Its own node told everyone with a system message, unless it vanished with
     * its node: then this node tells its own members. Returns the member, or {@code null} if it was not here.
     */
    Peer left(String key, String peerId, boolean vanished) {
        Peer remote = byId.get(peerId);
        Membership m = remote == null ? null : remote.membership();
        if (m == null || !m.network().key().equals(key)) {
            return null;
        }
        remove(remote, vanished);
        return remote;
    }

    void remove(Peer remote, boolean vanished) {
        Membership m = remote.membership();
        if (m == null) {
            return;
        }
        Network network = m.network();
        synchronized (network) {
            if (remote.membership() != m) {
                return;
            }
            network.unseat(remote);
            byId.remove(remote.id(), remote);
            if (vanished) {
                chat.announceVanished(network, m.userName());
            }
            out.usersUpdated(network);
        }
    }

    /**
     * The copy of a member of another node, which has just resumed on this node: it leaves {@code network} without
     * a word. Returns it, or {@code null}. Caller holds the network's monitor.
     */
    Peer dropTwin(Network network, String peerId) {
        Peer twin = byId.get(peerId);
        Membership m = twin == null ? null : twin.membership();
        if (m == null || m.network() != network) {
            return null;
        }
        network.unseat(twin);
        byId.remove(peerId, twin);
        return twin;
    }

    /** The cluster's view of a member of another node. */
    static ClusterMember memberOf(Peer remote) {
        return ((RemoteTransport) remote.transport()).member();
    }

    /** Once its last local member left, a node stops tracking a network's remote members. Caller holds the monitor. */
    void dropIfNoLocalMembers(Network network) {
        if (network.hasLocalMembers()) {
            return;
        }
        for (Peer member : network.members()) {
            if (member.isRemote()) {
                network.unseat(member);
                byId.remove(member.id(), member);
            }
        }
    }

    /** Shows every remote member as reachable or not, telling each network's local members once. */
    void markReachable(boolean reachable) {
        java.util.Set<Network> changed = new java.util.LinkedHashSet<>();
        for (Peer remote : byId.values()) {
            Membership m = remote.membership();
            if (m != null && remote.isReachable() != reachable) {
                synchronized (m.network()) {
                    if (remote.membership() == m) {
                        remote.reachable(reachable);
                        changed.add(m.network());
                    }
                }
            }
        }
        for (Network network : changed) {
            synchronized (network) {
                out.usersUpdated(network);
            }
        }
    }

    /** A local member as the cluster knows it. */
    ClusterMember memberOf(Peer peer, Membership m) {
        return new ClusterMember(peer.id(), cluster.nodeId(), m.network().name(), m.userName(), m.deviceType());
    }
}
