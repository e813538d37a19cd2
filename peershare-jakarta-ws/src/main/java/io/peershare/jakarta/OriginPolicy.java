package io.peershare.jakarta;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which browser origins may open a connection. Origins are compared in their serialized form
 * ({@code scheme://host[:port]}, lower case, default port dropped), so {@code https://Share.Example.com/}
 * configured by a person matches the {@code https://share.example.com} a browser sends.
 */
final class OriginPolicy {

    private final boolean anyOrigin;
    private final boolean requireOrigin;
    private final Set<String> allowed;

    private OriginPolicy(boolean anyOrigin, boolean requireOrigin, Set<String> allowed) {
        this.anyOrigin = anyOrigin;
        this.requireOrigin = requireOrigin;
        this.allowed = allowed;
    }

    static OriginPolicy any(boolean requireOrigin) {
        return new OriginPolicy(true, requireOrigin, Set.of());
    }

    /** @throws IllegalArgumentException naming the first entry that is not an origin */
    static OriginPolicy allowList(Collection<String> origins, boolean requireOrigin) {
        Set<String> normalized = origins.stream().map(o -> {
            String n = normalize(o);
            if (n == null) {
                throw new IllegalArgumentException("not an origin (expected scheme://host[:port]): '" + o + "'");
            }
            return n;
        }).collect(Collectors.toUnmodifiableSet());
        if (normalized.isEmpty()) {
            throw new IllegalArgumentException("the origin allow-list is empty");
        }
        return new OriginPolicy(false, requireOrigin, normalized);
    }

    /**
     * Browsers always send Origin on a WebSocket handshake; a request without one comes from a non-browser
     * client, which could send any Origin it liked, so it is let through unless the host says otherwise.
     */
    boolean allows(String origin) {
        if (origin == null || origin.isEmpty()) {
            return !requireOrigin;
        }
        if (anyOrigin) {
            return true;
        }
        String normalized = normalize(origin);
        return normalized != null && allowed.contains(normalized);
    }

    Set<String> allowed() {
        return allowed;
    }

    boolean anyOrigin() {
        return anyOrigin;
    }

    static String normalize(String origin) {
        if (origin == null) {
            return null;
        }
        URI uri;
        try {
            uri = new URI(origin.trim());
        } catch (URISyntaxException e) {
            return null;
        }
        String scheme = uri.getScheme();
        String host = uri.getHost();
        if (scheme == null || host == null || uri.getRawUserInfo() != null) {
            return null;
        }
        scheme = scheme.toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1
                || (port == 80 && (scheme.equals("http") || scheme.equals("ws")))
                || (port == 443 && (scheme.equals("https") || scheme.equals("wss")));
        return scheme + "://" + host.toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }
}
