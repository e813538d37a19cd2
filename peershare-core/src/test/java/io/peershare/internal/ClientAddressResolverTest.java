package io.peershare.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientAddressResolverTest {

    private static InetSocketAddress from(String ip) throws Exception {
        return new InetSocketAddress(InetAddress.getByName(ip), 50000);
    }

    private static Map<String, List<String>> xff(String value) {
        return Map.of("X-Forwarded-For", List.of(value));
    }

    @Test
    void forwardedHeadersAreIgnoredFromAnUntrustedPeer() throws Exception {
        ClientAddressResolver resolver = new ClientAddressResolver(List.of("10.0.0.1"));
        assertEquals(InetAddress.getByName("203.0.113.9"),
                resolver.resolve(from("203.0.113.9"), xff("198.51.100.7")));
    }

    @Test
    void theRightmostUntrustedHopIsTheClientBehindTrustedProxies() throws Exception {
        ClientAddressResolver resolver = new ClientAddressResolver(List.of("10.0.0.0/8"));
        assertEquals(InetAddress.getByName("198.51.100.7"),
                resolver.resolve(from("10.0.0.1"), xff("1.2.3.4, 198.51.100.7, 10.0.0.2")),
                "a client cannot spoof its address by prepending hops");
    }

    @Test
    void theStandardForwardedHeaderIsUnderstood() throws Exception {
        ClientAddressResolver resolver = new ClientAddressResolver(List.of("10.0.0.1"));
        assertEquals(InetAddress.getByName("2001:db8::7"), resolver.resolve(from("10.0.0.1"),
                Map.of("Forwarded", List.of("for=\"[2001:db8::7]:4711\";proto=https"))));
    }

    @Test
    void garbageInAForwardedHeaderFallsBackToThePeer() throws Exception {
        ClientAddressResolver resolver = new ClientAddressResolver(List.of("10.0.0.1"));
        assertEquals(InetAddress.getByName("10.0.0.1"), resolver.resolve(from("10.0.0.1"), xff("evil.example.com")));
    }

    @Test
    void cidrRangesMatchIpv4AndIpv6() throws Exception {
        assertTrue(CidrRange.parse("192.168.0.0/16").contains(InetAddress.getByName("192.168.44.2")));
        assertFalse(CidrRange.parse("192.168.0.0/16").contains(InetAddress.getByName("192.169.0.1")));
        assertTrue(CidrRange.parse("2001:db8::/32").contains(InetAddress.getByName("2001:db8:1::1")));
        assertFalse(CidrRange.parse("2001:db8::/32").contains(InetAddress.getByName("192.168.0.1")));
        assertThrows(IllegalArgumentException.class, () -> CidrRange.parse("proxy.example.com"));
    }

    @Test
    void localAddressesShareOneGroupAndIpv6GroupsBy64() throws Exception {
        String local = AddressGroups.groupOf(InetAddress.getByName("127.0.0.1"));
        assertEquals(local, AddressGroups.groupOf(InetAddress.getByName("192.168.1.20")));
        assertEquals(local, AddressGroups.groupOf(InetAddress.getByName("fe80::1")));
        assertEquals(local, AddressGroups.groupOf(InetAddress.getByName("fd00::5")));
        assertNotEquals(local, AddressGroups.groupOf(InetAddress.getByName("203.0.113.9")));
        assertEquals(AddressGroups.groupOf(InetAddress.getByName("2001:db8:1:2::1")),
                AddressGroups.groupOf(InetAddress.getByName("2001:db8:1:2:ffff::9")));
        assertNotEquals(AddressGroups.groupOf(InetAddress.getByName("2001:db8:1:2::1")),
                AddressGroups.groupOf(InetAddress.getByName("2001:db8:1:3::1")));
    }
}
