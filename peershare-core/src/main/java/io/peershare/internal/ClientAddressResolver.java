package io.peershare.internal;

import io.peershare.config.ForwardedHeader;
import io.peershare.internal.address.CidrRange;
import io.peershare.internal.address.IpLiterals;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds the client's real address. The one configured forwarding header ({@link ForwardedHeader}) is believed only
 * when the direct peer is a trusted proxy, and then only as far as the chain of trusted proxies goes: the first
 * untrusted hop from the right is the client, so a client cannot forge its address by sending its own header. The
 * other forwarding header is never read: a proxy overwrites the header it relies on and passes the other through.
 */
public final class ClientAddressResolver {

    private final List<CidrRange> trustedProxies;
    private final ForwardedHeader header;

    public ClientAddressResolver(List<String> trustedProxies, ForwardedHeader header) {
        this.trustedProxies = trustedProxies.stream().map(CidrRange::parse).toList();
        this.header = header;
    }

    public InetAddress resolve(InetSocketAddress remote, Map<String, List<String>> headers) {
        InetAddress direct = remote == null ? null : remote.getAddress();
        direct = direct == null ? null : IpLiterals.unmapIpv4(direct);
        if (direct == null || !isTrusted(direct)) {
            return direct;
        }
        List<String> hops = header == ForwardedHeader.FORWARDED ? forwardedHops(headers) : xForwardedForHops(headers);
        InetAddress client = direct;
        for (int i = hops.size() - 1; i >= 0; i--) {
            InetAddress hop = IpLiterals.parse(hops.get(i));
            if (hop == null) {
                return client; // an unparseable hop (obfuscated, "unknown"): stop at the last one we know
            }
            client = hop;
            if (!isTrusted(hop)) {
                return hop;
            }
        }
        return client;
    }

    private boolean isTrusted(InetAddress address) {
        for (CidrRange range : trustedProxies) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> xForwardedForHops(Map<String, List<String>> headers) {
        List<String> hops = new ArrayList<>();
        for (String value : header(headers, "x-forwarded-for")) {
            for (String part : value.split(",")) {
                String hop = part.trim();
                if (!hop.isEmpty()) {
                    hops.add(stripPortAndBrackets(hop));
                }
            }
        }
        return hops;
    }

    private static List<String> forwardedHops(Map<String, List<String>> headers) {
        List<String> hops = new ArrayList<>();
        for (String value : header(headers, "forwarded")) {
            for (String element : value.split(",")) {
                for (String pair : element.split(";")) {
                    int eq = pair.indexOf('=');
                    if (eq > 0 && pair.substring(0, eq).trim().equalsIgnoreCase("for")) {
                        String node = pair.substring(eq + 1).trim();
                        if (node.length() >= 2 && node.startsWith("\"") && node.endsWith("\"")) {
                            node = node.substring(1, node.length() - 1);
                        }
                        hops.add(stripPortAndBrackets(node));
                    }
                }
            }
        }
        return hops;
    }

    /** {@code [2001:db8::1]:443} to {@code 2001:db8::1}; {@code 192.0.2.1:80} to {@code 192.0.2.1}. */
    private static String stripPortAndBrackets(String node) {
        if (node.startsWith("[")) {
            int close = node.indexOf(']');
            return close > 0 ? node.substring(1, close) : node;
        }
        int colon = node.indexOf(':');
        if (colon > 0 && node.indexOf(':', colon + 1) < 0) {
            return node.substring(0, colon); // IPv4 with a port; a bare IPv6 address has several colons
        }
        return node;
    }

    public static List<String> header(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey() != null && e.getKey().toLowerCase(Locale.ROOT).equals(name)) {
                return e.getValue() == null ? List.of() : e.getValue();
            }
        }
        return List.of();
    }
}
