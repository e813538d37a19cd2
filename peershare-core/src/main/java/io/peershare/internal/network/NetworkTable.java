package io.peershare.internal.network;

import io.peershare.internal.input.Rejection;
import io.peershare.protocol.ErrorCode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * This node's networks by key, each counted against the client address (as limits count it: IPv4 as is, IPv6 by /64)
 * whose join made it, from then until it is retired, whoever is in it meanwhile: one address keeps at most
 * {@link io.peershare.config.PeerShareConfig#maxNetworksPerAddress()}. Without that bound, one address moving to a new
 * network every few messages would leave networks, each with its history, behind faster than they are retired.
 *
 * <p>Threading: concurrent maps; each address's list is changed and read only inside {@code compute}. Making a network
 * takes no network's monitor but, briefly, that of the network its address gives up; retiring one is done under its
 * monitor by the caller.
 */
final class NetworkTable {

    private final int maxPerAddress;
    private final Network.Occupancy occupancy;
    private final Consumer<Network> retired;
    private final Map<String, Network> networks = new ConcurrentHashMap<>();
    /** Each address's networks, in the order they were made (a set: an address may keep thousands, behind a NAT). */
    private final Map<String, Set<Network>> byAddress = new ConcurrentHashMap<>();

    /** @param retired told of each network taken out of the table, under its monitor (its history goes with it) */
    NetworkTable(int maxPerAddress, Network.Occupancy occupancy, Consumer<Network> retired) {
        this.maxPerAddress = maxPerAddress;
        this.occupancy = occupancy;
        this.retired = retired;
    }

    /** The network with this key, or {@code null}. */
    Network get(String key) {
        return networks.get(key);
    }

    /**
     * The network with this key, made for {@code peer} if there is none: it then counts against the peer's address,
     * and an address that keeps its most networks first gives up the one it left longest ago. The caller holds no
     * network's monitor.
     *
     * @throws Rejection {@code TOO_MANY_NETWORKS} when every network the address keeps has people in it
     */
    Network getOrMake(Peer peer, String key, String networkName) {
        while (true) {
            Network existing = networks.get(key);
            if (existing != null) {
                return existing;
            }
            Network fresh = new Network(key, networkName, peer.limits().addressKey(), occupancy);
            if (!count(fresh)) {
                if (!retireOneLeftBy(fresh.owner())) {
                    throw new Rejection(ErrorCode.TOO_MANY_NETWORKS, "your address already keeps " + maxPerAddress
                            + " networks with people in them: join one of them, or leave one");
                }
                continue;
            }
            Network raced = networks.putIfAbsent(key, fresh);
            if (raced == null) {
                return fresh;
            }
            uncount(fresh); // another join made it first
        }
    }

    /** Takes a network out of the table, and off its owner's count. Caller holds its monitor. */
    void retire(Network network) {
        network.retire();
        networks.remove(network.key(), network);
        uncount(network);
        retired.accept(network);
    }

    Collection<Network> all() {
        return networks.values();
    }

    int size() {
        return networks.size();
    }

    /** Counts {@code network} against its owner; false, counting nothing, when the owner keeps its most. */
    private boolean count(Network network) {
        boolean[] counted = {false};
        byAddress.compute(network.owner(), (owner, list) -> {
            Set<Network> kept = list != null ? list : new LinkedHashSet<>();
            if (kept.size() < maxPerAddress) {
                kept.add(network);
                counted[0] = true;
            }
            return kept.isEmpty() ? null : kept;
        });
        return counted[0];
    }

    private void uncount(Network network) {
        byAddress.computeIfPresent(network.owner(), (owner, list) -> {
            list.remove(network);
            return list.isEmpty() ? null : list;
        });
    }

    /** Retires the network {@code owner} left longest ago (nobody in it now); false if all of them have members. */
    private boolean retireOneLeftBy(String owner) {
        List<Network> candidates = new ArrayList<>();
        byAddress.computeIfPresent(owner, (key, list) -> {
            candidates.addAll(list);
            return list;
        });
        // Found empty by the purge longest ago first; then the others, oldest first.
        candidates.sort(Comparator.comparingLong(n -> {
            long since = n.emptySinceMillis();
            return since < 0 ? Long.MAX_VALUE : since;
        }));
        for (Network candidate : candidates) {
            synchronized (candidate) {
                if (!candidate.isRetired() && candidate.isEmpty()) {
                    retire(candidate);
                    return true;
                }
            }
        }
        return false;
    }
}
