package io.peershare.internal.peers;

import io.peershare.internal.network.Peer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Open connections per client address (IPv6 per /64), for {@code maxConnectionsPerAddress}. A slot belongs to a
 * socket: taken when it opens, given back when it goes, and handed on to the peer a connection resumes.
 *
 * <p>Threading: one concurrent map, changed atomically per address.
 */
final class AddressSlots {

    private final int maxPerAddress;
    private final Map<String, Integer> open = new ConcurrentHashMap<>();

    AddressSlots(int maxPerAddress) {
        this.maxPerAddress = maxPerAddress;
    }

    /** Takes a slot for the peer's address; false when the address has none left. */
    boolean take(Peer peer) {
        boolean[] admitted = {false};
        open.compute(peer.limits().addressKey(), (key, count) -> {
            int n = count == null ? 0 : count;
            admitted[0] = n < maxPerAddress;
            return admitted[0] ? n + 1 : count;
        });
        return admitted[0];
    }

    /** Gives back the slot of the peer's current address. */
    void release(Peer peer) {
        open.computeIfPresent(peer.limits().addressKey(), (key, count) -> count > 1 ? count - 1 : null);
    }
}
