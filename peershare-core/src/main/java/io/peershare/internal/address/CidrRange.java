package io.peershare.internal.address;

import java.net.InetAddress;
import java.util.Arrays;

/** An address or CIDR range such as {@code 10.0.0.0/8} or {@code ::1}, for the trusted-proxy list. */
public final class CidrRange {

    private final byte[] network;
    private final int prefixLength;

    private CidrRange(byte[] network, int prefixLength) {
        this.network = network;
        this.prefixLength = prefixLength;
    }

    /** Parses an IP literal with an optional {@code /prefix}; never resolves host names. */
    public static CidrRange parse(String text) {
        String trimmed = text.trim();
        int slash = trimmed.indexOf('/');
        String host = slash < 0 ? trimmed : trimmed.substring(0, slash);
        InetAddress address = IpLiterals.parse(host);
        if (address == null) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address or CIDR range");
        }
        byte[] bytes = address.getAddress();
        int bits = bytes.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(trimmed.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "' has a bad prefix length");
            }
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("'" + text + "' has a prefix length outside 0.." + bits);
            }
        }
        return new CidrRange(mask(bytes, prefix), prefix);
    }

    public boolean contains(InetAddress address) {
        if (address == null) {
            return false;
        }
        byte[] bytes = IpLiterals.unmapIpv4(address).getAddress();
        return bytes.length == network.length && Arrays.equals(mask(bytes, prefixLength), network);
    }

    static byte[] mask(byte[] bytes, int prefix) {
        byte[] out = bytes.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            out[i] &= (byte) (0xFF << (8 - keep));
        }
        return out;
    }
}
