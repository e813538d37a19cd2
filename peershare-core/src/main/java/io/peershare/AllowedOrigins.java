package io.peershare;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which browser origins may open a connection: every transport adapter refuses the others with 403 before the
 * engine sees them. Origins are compared in their serialized form ({@code scheme://host[:port]}, lower case, default
 * port dropped), so {@code https://Share.Example.com/} as a person configures it matches the
 * {@code https://share.example.com} a browser sends. Immutable.
 *
 * <pre>{@code
 * AllowedOrigins origins = AllowedOrigins.only(List.of("https://share.example.com")).requireOrigin(true);
 * }</pre>
 *
 * <p>Every adapter's builder takes one ({@code allowedOrigins(AllowedOrigins)}); a host that reads a list from its
 * settings builds it with {@link #onlyOrAnyIfEmpty}, the one place where an empty list means any origin.
 */
public final class AllowedOrigins {

    private final boolean anyOrigin;
    private final boolean requireOrigin;
    private final Set<String> allowed;

    private AllowedOrigins(boolean anyOrigin, boolean requireOrigin, Set<String> allowed) {
        this.anyOrigin = anyOrigin;
        this.requireOrigin = requireOrigin;
        this.allowed = allowed;
    }

    /** Any origin; for development. */
    public static AllowedOrigins any() {
        return new AllowedOrigins(true, false, Set.of());
    }

    /**
     * Only these origins, as {@code scheme://host[:port]}; case, a trailing slash and a default port do not matter.
     *
     * @throws IllegalArgumentException naming the first entry that is not an origin, or when there is none
     */
    public static AllowedOrigins only(Collection<String> origins) {
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
        return new AllowedOrigins(false, false, normalized);
    }

    /**
     * The origins a host's settings list, where an empty list means any origin (development). Hosts that read a
     * list of origins from their settings build their rule here, so that they all read an empty one alike.
     *
     * @throws IllegalArgumentException naming the first entry that is not an origin
     */
    public static AllowedOrigins onlyOrAnyIfEmpty(Collection<String> origins) {
        return origins.isEmpty() ? any() : only(origins);
    }

    /**
     * Whether a handshake without an {@code Origin} header is refused. Browsers always send one; a client without
     * one is not a browser and could claim any origin anyway. Default {@code false}.
     */
    public AllowedOrigins requireOrigin(boolean value) {
        return new AllowedOrigins(anyOrigin, value, allowed);
    }

    /** Whether a handshake carrying this {@code Origin} header value ({@code null} when absent) may go on. */
    public boolean allows(String origin) {
        if (origin == null || origin.isEmpty()) {
            return !requireOrigin;
        }
        if (anyOrigin) {
            return true;
        }
        String normalized = normalize(origin);
        return normalized != null && allowed.contains(normalized);
    }

    /** Whether every origin is allowed. */
    public boolean isAny() {
        return anyOrigin;
    }

    /** Whether a handshake without an {@code Origin} header is refused. */
    public boolean isOriginRequired() {
        return requireOrigin;
    }

    /** The allowed origins in serialized form; empty when any origin is allowed. */
    public Set<String> origins() {
        return allowed;
    }

    /** {@code origin} in serialized form, or {@code null} when it is not an origin. */
    public static String normalize(String origin) {
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
