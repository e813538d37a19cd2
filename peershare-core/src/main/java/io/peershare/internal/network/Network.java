package io.peershare.internal.network;

import io.peershare.internal.input.Rejection;
import io.peershare.protocol.ErrorCode;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * One network (room): its members, in order of joining, local and remote alike.
 *
 * <p>Threading: every mutable field is guarded by this object's monitor. Whoever changes membership, appends to
 * the network's history or sends to its members holds the monitor, so every member sees the network's events in
 * one order. Sending never blocks (see {@link io.peershare.spi.Transport}), so the monitor is held only briefly.
 *
 * <p>Members are kept as an array that is replaced, never changed, on join and leave: broadcasts, far more
 * frequent than joins, iterate it without copying, and a transport that reports a close in the middle of a
 * broadcast (removing a member) cannot disturb that iteration.
 */
public final class Network {

    private static final Peer[] NONE = new Peer[0];

    /** Told when a network's first member arrives or its last one leaves, under the network's monitor. */
    interface Occupancy {
        void occupancyChanged(Network network, boolean occupied);
    }

    private final String key;
    private final String name;
    private final String owner;
    private final Occupancy occupancy;
    private Peer[] members = NONE;
    private boolean retired;
    /** When the purge first found the network empty; -1 while it has members. */
    private long emptySinceMillis = -1;

    Network(String key, String name, String owner, Occupancy occupancy) {
        this.key = key;
        this.name = name;
        this.owner = owner;
        this.occupancy = occupancy;
    }

    /** The key the {@link io.peershare.spi.NetworkResolver} gave; equal keys are one network. */
    public String key() {
        return key;
    }

    /** The display name: as typed by the first peer to join. */
    public String name() {
        return name;
    }

    /** The client address (as limits count it) of the peer whose join made this network, which it counts against. */
    String owner() {
        return owner;
    }

    // All methods below: caller holds this network's monitor.

    boolean isRetired() {
        return retired;
    }

    /** Marks the network dead once it is removed from the registry; a joiner that still holds it retries. */
    void retire() {
        retired = true;
    }

    public int size() {
        return members.length;
    }

    boolean isEmpty() {
        return members.length == 0;
    }

    public Peer member(String peerId) {
        for (Peer p : members) {
            if (p.id().equals(peerId)) {
                return p;
            }
        }
        return null;
    }

    /**
     * The member {@code to} that {@code from} addresses. A peer in another network gets the same answer as one
     * that does not exist, so networks cannot be probed.
     */
    public Peer requireMember(Peer from, String to) {
        if (to.equals(from.id())) {
            throw new Rejection(ErrorCode.CANNOT_TARGET_SELF, "you cannot target yourself", "to");
        }
        if (member(from.id()) != from) {
            throw new Rejection(ErrorCode.NOT_IN_NETWORK, "join a network first");
        }
        Peer target = member(to);
        if (target == null) {
            throw new Rejection(ErrorCode.PEER_NOT_FOUND, "no peer '" + abbreviate(to) + "' in your network", "to");
        }
        return target;
    }

    /** Whether any member is connected to this node. */
    public boolean hasLocalMembers() {
        for (Peer p : members) {
            if (!p.isRemote()) {
                return true;
            }
        }
        return false;
    }

    /** When the purge first found the network empty, or -1 while it has members. */
    long emptySinceMillis() {
        return emptySinceMillis;
    }

    void emptySince(long millis) {
        emptySinceMillis = millis;
    }

    /** Puts {@code peer} in this network under {@code membership}, or updates its names if it is here already. */
    public void seat(Peer peer, Membership membership) {
        emptySinceMillis = -1;
        peer.membership(membership);
        if (member(peer.id()) == null) {
            Peer[] grown = Arrays.copyOf(members, members.length + 1);
            grown[members.length] = peer;
            members = grown;
            if (grown.length == 1) {
                occupancy.occupancyChanged(this, true);
            }
        }
    }

    /** Takes {@code peer} out of this network. */
    public void unseat(Peer peer) {
        peer.membership(null);
        for (int i = 0; i < members.length; i++) {
            if (members[i] == peer) {
                Peer[] shrunk = new Peer[members.length - 1];
                System.arraycopy(members, 0, shrunk, 0, i);
                System.arraycopy(members, i + 1, shrunk, i, members.length - i - 1);
                members = shrunk;
                if (shrunk.length == 0) {
                    occupancy.occupancyChanged(this, false);
                }
                return;
            }
        }
    }

    /** The members at this moment; an unmodifiable view that later joins and leaves do not change. */
    public List<Peer> members() {
        return Collections.unmodifiableList(Arrays.asList(members));
    }

    static String abbreviate(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "...";
    }
}
