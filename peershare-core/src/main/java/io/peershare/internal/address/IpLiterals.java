package io.peershare.internal.address;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Parses IP address literals without ever doing a DNS lookup. */
public final class IpLiterals {

    private IpLiterals() {
    }

    /** The address, or {@code null} when {@code text} is not an IPv4 or IPv6 literal. Brackets and ports are not accepted. */
    public static InetAddress parse(String text) {
        if (text == null || text.isEmpty() || text.length() > 45) {
            return null;
        }
        boolean colon = text.indexOf(':') >= 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = (c >= '0' && c <= '9') || c == '.' || (colon && (c == ':'
                    || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')));
            if (!ok) {
                return null; // not a literal: refuse rather than resolve a host name
            }
        }
        if (!colon) {
            return parseIpv4(text);
        }
        if (Character.digit(text.charAt(0), 16) < 0 && text.charAt(0) != ':') {
            return null; // InetAddress would hand a string that does not start like a literal to the resolver
        }
        try {
            // Starts with a hex digit or ':' and holds a ':', so InetAddress parses it as a literal or fails.
            return unmapIpv4(InetAddress.getByName(text));
        } catch (UnknownHostException | RuntimeException e) {
            return null;
        }
    }

    /** Exactly four dot-separated decimal parts of 0..255; built from bytes, since InetAddress resolves near misses. */
    private static InetAddress parseIpv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (parts[i].isEmpty() || parts[i].length() > 3) {
                return null;
            }
            int value = Integer.parseInt(parts[i]); // only digits are left at this point
            if (value > 255) {
                return null;
            }
            bytes[i] = (byte) value;
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Turns an IPv4-mapped IPv6 address ({@code ::ffff:a.b.c.d}) into the IPv4 address. */
    public static InetAddress unmapIpv4(InetAddress address) {
        if (address instanceof Inet6Address) {
            byte[] b = address.getAddress();
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            if (mapped && b[10] == (byte) 0xFF && b[11] == (byte) 0xFF) {
                try {
                    return Inet4Address.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
                } catch (UnknownHostException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return address;
    }
}
