package io.peershare.config;

import java.util.List;
import java.util.Objects;

/**
 * A STUN or TURN server handed to clients when they join, for their {@code RTCPeerConnection}.
 *
 * @param urls       one or more {@code stun:}/{@code turn:}/{@code turns:} URLs
 * @param username   TURN user name, or {@code null}
 * @param credential TURN credential, or {@code null}
 */
public record IceServer(List<String> urls, String username, String credential) {

    public IceServer {
        urls = List.copyOf(Objects.requireNonNull(urls, "urls"));
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("an ICE server needs at least one URL");
        }
        for (String url : urls) {
            if (!(url.startsWith("stun:") || url.startsWith("turn:") || url.startsWith("turns:"))) {
                throw new IllegalArgumentException("ICE server URL must start with stun:, turn: or turns:, was '" + url + "'");
            }
        }
    }

    public static IceServer stun(String url) {
        return new IceServer(List.of(url), null, null);
    }

    public static IceServer turn(String url, String username, String credential) {
        return new IceServer(List.of(url), username, credential);
    }
}
