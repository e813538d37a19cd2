package io.peershare.model;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;

/**
 * What a client asked for when joining a network, as seen by a {@link NetworkResolver} and an
 * {@link AdmissionPolicy}.
 *
 * @param peerId        the id the server assigned to the connection
 * @param networkName   the requested network name, already validated and sanitized; empty when the client sent
 *                      none and asked for the network of its address (the engine places such joins itself:
 *                      a {@link NetworkResolver} is asked only about named networks)
 * @param userName      the requested user name, already validated and sanitized
 * @param deviceType    the device type, already validated ({@code "unknown"} when the client sent none)
 * @param clientAddress the client's address after trusted proxies were unwrapped, or {@code null} if unknown
 * @param headers       the handshake headers of the connection
 */
public record JoinRequest(
        String peerId,
        String networkName,
        String userName,
        String deviceType,
        InetAddress clientAddress,
        Map<String, List<String>> headers) {
}
