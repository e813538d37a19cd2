package io.peershare.model;

import java.util.Objects;

/**
 * A member of a network as the cluster knows it: who, on which node, under which names.
 *
 * @param peerId      the member's peer id (unique across the cluster)
 * @param nodeId      the node the member is connected to
 * @param networkName the network's display name
 * @param userName    the member's user name
 * @param deviceType  the member's device type
 */
public record ClusterMember(String peerId, String nodeId, String networkName, String userName, String deviceType) {

    public ClusterMember {
        Objects.requireNonNull(peerId, "peerId");
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(networkName, "networkName");
        Objects.requireNonNull(userName, "userName");
        Objects.requireNonNull(deviceType, "deviceType");
    }
}
