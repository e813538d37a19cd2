package io.peershare.internal.address;

import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Maps a client address to the group that counts as "the same place" for network policies: every
 * loopback, private and link-local address is one local group; a public IPv4 address is its own group;
 * IPv6 addresses are grouped by /64, the prefix one home or office network gets.
 */
public final class AddressGroups {

    /** The group of loopback, private, link-local and unique-local addresses, and of unknown ones. */
    public static final String LOCAL = "local";

    private AddressGroups() {
    }

    public static String groupOf(InetAddress address) {
        if (address == null) {
            return LOCAL;
        }
        InetAddress a = IpLiterals.unmapIpv4(address);
        if (isLocal(a)) {
            return LOCAL;
        }
        return a instanceof Inet6Address ? "v6:" + prefix64(a) : "v4:" + a.getHostAddress();
    }

    /** The /64 prefix of an IPv6 address, as {@code 2001:db8:0:1::/64}. */
    public static String prefix64(InetAddress ipv6) {
        byte[] b = ipv6.getAddress();
        StringBuilder sb = new StringBuilder(24);
        for (int i = 0; i < 8; i += 2) {
            sb.append(Integer.toHexString(((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF))).append(':');
        }
        return sb.append(":/64").toString();
    }

    public static boolean isLocal(InetAddress a) {
        if (a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()) {
            return true;
        }
        // Unique local IPv6 (fc00::/7) is private too; InetAddress does not count it as site-local.
        return a instanceof Inet6Address && (a.getAddress()[0] & 0xFE) == 0xFC;
    }
}
