package io.peershare.internal.address;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CidrRangeTest {

    private static InetAddress ip(String literal) {
        return IpLiterals.parse(literal);
    }

    @ParameterizedTest(name = "{0} contains {1}")
    @CsvSource({
        "192.168.0.0/16, 192.168.0.0",
        "192.168.0.0/16, 192.168.44.2",
        "192.168.0.0/16, 192.168.255.255",
        "10.0.0.0/8, 10.255.0.1",
        "172.16.0.0/12, 172.31.255.255",
        "192.168.1.77/24, 192.168.1.1",
        "0.0.0.0/0, 203.0.113.9",
        "127.0.0.1, 127.0.0.1",
        "127.0.0.1/32, 127.0.0.1",
        "2001:db8::/32, 2001:db8:1::1",
        "2001:db8:0:1::/64, 2001:db8:0:1:ffff:ffff:ffff:ffff",
        "::1, ::1",
        "::/0, 2001:db8::1",
        "fe80::/10, febf::1",
    })
    void containsAddressesInsideTheRange(String range, String address) {
        assertTrue(CidrRange.parse(range).contains(ip(address)));
    }

    @ParameterizedTest(name = "{0} does not contain {1}")
    @CsvSource({
        "192.168.0.0/16, 192.169.0.1",
        "192.168.0.0/16, 192.167.255.255",
        "10.0.0.0/8, 11.0.0.0",
        "172.16.0.0/12, 172.32.0.0",
        "127.0.0.1, 127.0.0.2",
        "2001:db8::/32, 2001:db9::1",
        "2001:db8:0:1::/64, 2001:db8:0:2::1",
        "::1, ::2",
        "fe80::/10, fec0::1",
    })
    void doesNotContainAddressesOutsideTheRange(String range, String address) {
        assertFalse(CidrRange.parse(range).contains(ip(address)));
    }

    @Test
    void anIpv4RangeNeverContainsAnIpv6Address() {
        assertFalse(CidrRange.parse("0.0.0.0/0").contains(ip("2001:db8::1")));
    }

    @Test
    void anIpv6RangeNeverContainsAnIpv4Address() {
        assertFalse(CidrRange.parse("::/0").contains(ip("192.168.0.1")));
    }

    @Test
    void anIpv4MappedIpv6AddressIsMatchedAsIpv4() throws Exception {
        InetAddress mapped = InetAddress.getByAddress(
                new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, 10, 1, 2, 3});
        assertTrue(CidrRange.parse("10.0.0.0/8").contains(mapped));
    }

    @Test
    void surroundingWhitespaceIsIgnored() {
        assertTrue(CidrRange.parse("  10.0.0.0/8 ").contains(ip("10.1.1.1")));
    }

    @Test
    void nullIsNotContained() {
        assertFalse(CidrRange.parse("0.0.0.0/0").contains(null));
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"proxy.example.com", "localhost", "", "10.0.0.0/", "10.0.0.0/x", "10.0.0.0/33",
            "10.0.0.0/-1", "2001:db8::/129", "10.0.0/8", "256.0.0.0/8", "[::1]", "10.0.0.1:80"})
    void refusesWhatIsNotAnAddressOrRange(String text) {
        assertThrows(IllegalArgumentException.class, () -> CidrRange.parse(text));
    }
}
