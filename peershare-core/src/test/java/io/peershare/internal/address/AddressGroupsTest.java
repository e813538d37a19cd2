package io.peershare.internal.address;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressGroupsTest {

    private static String groupOf(String literal) {
        InetAddress address = IpLiterals.parse(literal);
        if (address == null) {
            throw new IllegalArgumentException(literal);
        }
        return AddressGroups.groupOf(address);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"127.0.0.1", "127.8.9.10", "::1", "10.1.2.3", "172.16.0.1", "172.31.255.254",
            "192.168.1.20", "169.254.10.10", "fe80::1", "fd00::5", "fc00::1", "0.0.0.0", "::"})
    void loopbackPrivateLinkLocalAndUniqueLocalAddressesAreOneLocalGroup(String address) {
        assertEquals(AddressGroups.LOCAL, groupOf(address));
    }

    @Test
    void anUnknownAddressIsLocal() {
        assertEquals(AddressGroups.LOCAL, AddressGroups.groupOf(null));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"203.0.113.9", "8.8.8.8", "172.32.0.1", "2001:db8::1", "2a00:1450::1"})
    void publicAddressesAreNotLocal(String address) {
        assertNotEquals(AddressGroups.LOCAL, groupOf(address));
    }

    @Test
    void eachPublicIpv4AddressIsItsOwnGroup() {
        assertEquals(groupOf("203.0.113.9"), groupOf("203.0.113.9"));
        assertNotEquals(groupOf("203.0.113.9"), groupOf("203.0.113.10"));
    }

    @Test
    void ipv6AddressesInTheSame64ShareAGroup() {
        assertEquals(groupOf("2001:db8:1:2::1"), groupOf("2001:db8:1:2:ffff:ffff:ffff:ffff"));
    }

    @Test
    void ipv6AddressesInDifferent64sAreDifferentGroups() {
        assertNotEquals(groupOf("2001:db8:1:2::1"), groupOf("2001:db8:1:3::1"));
    }

    @Test
    void anIpv4MappedIpv6AddressGroupsLikeItsIpv4Address() throws Exception {
        InetAddress mapped = InetAddress.getByAddress(
                new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, (byte) 203, 0, 113, 9});
        assertEquals(groupOf("203.0.113.9"), AddressGroups.groupOf(mapped));
    }

    @Test
    void aPublicIpv4AddressCannotCollideWithAnIpv6Group() {
        assertNotEquals(groupOf("2001:db8::1"), groupOf("32.1.13.184"), "2001:0db8 as dotted quad");
    }

    @Test
    void prefix64IsTheFirstFourGroupsInHex() {
        assertEquals("2001:db8:0:1::/64", AddressGroups.prefix64(IpLiterals.parse("2001:0db8:0000:0001:aaaa::1")));
    }
}
