package io.peershare.server;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The URLs the page can be opened at, such as {@code http://192.168.1.20:4000/}: the start-up line lists them all,
 * and {@code GET /api/links} the ones another device can open, for the page to show as a QR code. Immutable.
 *
 * @param network     on this machine's network: one per interface address when the server is bound to a wildcard
 *                    address (IPv4 first, IPv6 in brackets; link-local ones only when there is nothing else), or the
 *                    bound host
 * @param thisMachine only this machine can open: {@code localhost}, or the loopback address the server is bound to
 * @param published   the browser origins the server is published at ({@code FRONTEND_URL}), such as a reverse proxy
 */
record PageLinks(List<String> network, List<String> thisMachine, List<String> published) {

    private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    PageLinks {
        network = List.copyOf(network);
        thisMachine = List.copyOf(thisMachine);
        published = List.copyOf(published);
    }

    /**
     * @param host       the bound address or host name ({@code HOST})
     * @param port       the port bound
     * @param https      whether the port speaks TLS
     * @param origins    the browser origins allowed ({@code FRONTEND_URL})
     * @param interfaces this machine's interfaces' addresses; read only when {@code host} is a wildcard address
     */
    static PageLinks of(String host, int port, boolean https, List<String> origins, LocalAddresses interfaces) {
        String scheme = https ? "https" : "http";
        List<String> published = origins.stream().map(origin -> origin.endsWith("/") ? origin : origin + "/").toList();
        InetAddress bound = literal(host);
        if (bound != null && bound.isAnyLocalAddress()) {
            List<String> network = new ArrayList<>();
            for (InetAddress address : reachable(interfaces.addresses())) {
                network.add(url(scheme, hostText(address), port));
            }
            return new PageLinks(network, List.of(url(scheme, "localhost", port)), published);
        }
        String shown = bound != null ? hostText(bound) : host;
        boolean loopback = bound != null ? bound.isLoopbackAddress() : host.equalsIgnoreCase("localhost");
        List<String> one = List.of(url(scheme, shown, port));
        return loopback ? new PageLinks(List.of(), one, published) : new PageLinks(one, List.of(), published);
    }

    /** Every URL, as the start-up line lists them: the network's, this machine's, then the published ones. */
    List<String> all() {
        LinkedHashSet<String> all = new LinkedHashSet<>(network);
        all.addAll(thisMachine);
        all.addAll(published);
        return List.copyOf(all);
    }

    /**
     * What another device can open, for {@code GET /api/links}: in production only the published origins, since
     * interface addresses would tell anyone on the internet the server's internal addresses; in development the
     * network's URLs too, first.
     */
    List<String> forOtherDevices(boolean production) {
        if (production) {
            return published;
        }
        LinkedHashSet<String> links = new LinkedHashSet<>(network);
        links.addAll(published);
        return List.copyOf(links);
    }

    /** The addresses another device may reach: not loopback ones; link-local ones only when there is nothing else. */
    private static List<InetAddress> reachable(List<InetAddress> addresses) {
        List<InetAddress> routable = new ArrayList<>();
        List<InetAddress> linkLocal = new ArrayList<>();
        for (InetAddress address : addresses) {
            if (!address.isLoopbackAddress() && !address.isAnyLocalAddress()) {
                (address.isLinkLocalAddress() ? linkLocal : routable).add(address);
            }
        }
        List<InetAddress> chosen = routable.isEmpty() ? linkLocal : routable;
        List<InetAddress> ordered = new ArrayList<>(chosen.stream().filter(a -> a instanceof Inet4Address).toList());
        ordered.addAll(chosen.stream().filter(a -> a instanceof Inet6Address).toList());
        return ordered.stream().distinct().toList();
    }

    /** The address {@code host} is written as, or {@code null} for a host name (which is never looked up here). */
    static InetAddress literal(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (!bare.contains(":") && !IPV4_LITERAL.matcher(bare).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(bare); // a literal: parsed, not resolved
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** How an address is written in a URL: IPv6 shortened (RFC 5952) in brackets, a link-local one with its zone. */
    static String hostText(InetAddress address) {
        if (!(address instanceof Inet6Address v6)) {
            return address.getHostAddress();
        }
        String zone = "";
        if (v6.isLinkLocalAddress() && (v6.getScopedInterface() != null || v6.getScopeId() != 0)) {
            // RFC 6874: the zone's "%" is written "%25" in a URL.
            zone = "%25" + (v6.getScopedInterface() != null ? v6.getScopedInterface().getName() : v6.getScopeId());
        }
        return "[" + shortened(v6.getAddress()) + zone + "]";
    }

    /** RFC 5952's form: lower-case hex, no leading zeros, the longest run of two or more zero groups as "::". */
    private static String shortened(byte[] bytes) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString().toLowerCase(Locale.ROOT);
    }

    private static String url(String scheme, String host, int port) {
        boolean defaultPort = (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
        return scheme + "://" + host + (defaultPort ? "" : ":" + port) + "/";
    }
}
