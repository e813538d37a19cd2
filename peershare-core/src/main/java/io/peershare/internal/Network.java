package io.peershare.internal;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * One network (room): its members, in order of joining.
 *
 * <p>Threading: every mutable field is guarded by this object's monitor. Whoever changes membership,
 * appends to the network's history or sends to its members holds the monitor, so every member sees the
 * network's events in one order. Sending never blocks (see {@link io.peershare.spi.Transport}), so the
 * monitor is held only briefly.
 *
 * <p>Members are kept as an array that is replaced, never changed, on join and leave: broadcasts, far
 * more frequent than joins, iterate it without copying, and a transport that reports a close in the
 * middle of a broadcast (removing a member) cannot disturb that iteration.
 */
final class Network {

    private static final Peer[] NONE = new Peer[0];

    private final String key;
    private final String name;
    private Peer[] members = NONE;
    private boolean retired;

    Network(String key, String name) {
        this.key = key;
        this.name = name;
    }

    String key() {
        return key;
    }

    /** The display name: as typed by the first peer to join. */
    String name() {
        return name;
    }

    // All methods below: caller holds this network's monitor.

    boolean isRetired() {
        return retired;
    }

    /** Marks the network dead once it is removed from the registry; a joiner that still holds it retries. */
    void retire() {
        retired = true;
    }

    int size() {
        return members.length;
    }

    boolean isEmpty() {
        return members.length == 0;
    }

    Peer member(String peerId) {
        for (Peer p : members) {
            if (p.id().equals(peerId)) {
                return p;
            }
        }
        return null;
    }

    void add(Peer peer) {
        if (member(peer.id()) == null) {
            Peer[] grown = Arrays.copyOf(members, members.length + 1);
            grown[members.length] = peer;
            members = grown;
        }
    }

    void remove(Peer peer) {
        for (int i = 0; i < members.length; i++) {
            if (members[i] == peer) {
                Peer[] shrunk = new Peer[members.length - 1];
                System.arraycopy(members, 0, shrunk, 0, i);
                System.arraycopy(members, i + 1, shrunk, i, members.length - i - 1);
                members = shrunk;
                return;
            }
        }
    }

    /** The members at this moment; an unmodifiable view that later joins and leaves do not change. */
    List<Peer> members() {
        return Collections.unmodifiableList(Arrays.asList(members));
    }
}
