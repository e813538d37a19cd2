package io.peershare.model;

import java.util.Objects;

/**
 * A member whose connection dropped, kept by the cluster so that it can resume on any node within its grace.
 *
 * @param networkKey           the network it is in
 * @param member               who it is, and the node that holds it while it is away
 * @param resumableUntilMillis when the grace ends, in epoch milliseconds; after that a resume is refused
 */
public record ParkedMember(String networkKey, ClusterMember member, long resumableUntilMillis) {

    public ParkedMember {
        Objects.requireNonNull(networkKey, "networkKey");
        Objects.requireNonNull(member, "member");
    }
}
