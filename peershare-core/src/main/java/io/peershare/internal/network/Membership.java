package io.peershare.internal.network;

import io.peershare.model.PeerInfo;

/**
 * Where a peer is and under which names. Immutable; a join, a rename or a leave replaces it as a whole.
 *
 * @param network    the network the peer is in
 * @param userName   the name the peer chose, cleaned
 * @param deviceType the device type the peer announced
 */
public record Membership(Network network, String userName, String deviceType) {

    /** The peer as a host's {@link io.peershare.spi.PeerShareListener} sees it. */
    public PeerInfo info(String peerId) {
        return new PeerInfo(peerId, userName, deviceType, network.key(), network.name());
    }
}
