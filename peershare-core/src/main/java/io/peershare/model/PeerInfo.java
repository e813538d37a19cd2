package io.peershare.model;

/**
 * A joined peer as reported to a {@link PeerShareListener}.
 *
 * @param peerId      server-assigned id
 * @param userName    display name
 * @param deviceType  device type
 * @param networkKey  the resolved network key (see {@link NetworkResolver})
 * @param networkName the network's display name
 */
public record PeerInfo(String peerId, String userName, String deviceType, String networkKey, String networkName) {
}
