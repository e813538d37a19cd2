package io.peershare.internal.address;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.MockedStatic;
import org.mockito.Mockito;

class IpLiteralsTest {

    @Test
    void parsesAnIpv4Literal() {
        InetAddress address = IpLiterals.parse("203.0.113.9");
        assertInstanceOf(Inet4Address.class, address);
        assertArrayEquals(new byte[] {(byte) 203, 0, 113, 9}, address.getAddress());
    }

    @Test
    void parsesTheIpv4Extremes() {
        assertArrayEquals(new byte[] {0, 0, 0, 0}, IpLiterals.parse("0.0.0.0").getAddress());
        assertArrayEquals(new byte[] {-1, -1, -1, -1}, IpLiterals.parse("255.255.255.255").getAddress());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"::1", "2001:db8::7", "2001:DB8:0:0:0:0:0:7", "fe80::1", "::"})
    void parsesIpv6Literals(String literal) {
        assertInstanceOf(Inet6Address.class, IpLiterals.parse(literal));
    }

    @Test
    void anIpv4MappedIpv6LiteralBecomesIpv4() {
        assertEquals(IpLiterals.parse("192.0.2.1"), IpLiterals.parse("::ffff:192.0.2.1"));
        assertInstanceOf(Inet4Address.class, IpLiterals.parse("::ffff:c000:201"));
    }

    @Test
    void unmapIpv4LeavesAnOrdinaryIpv6AddressAlone() {
        InetAddress v6 = IpLiterals.parse("2001:db8::1");
        assertSame(v6, IpLiterals.unmapIpv4(v6));
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"localhost", "example.com", "proxy.internal", "deadbeef", "cafe.babe", "a.b.c.d"})
    void aHostNameIsRejected(String name) {
        assertNull(IpLiterals.parse(name));
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"1.2.3", "1.2.3.4.5", "256.1.1.1", "1.2.3.4444", "1.2.3.", ".1.2.3", "1..2.3", "...1",
            "1.2.3.-4", "1.2.3.4/8", "[::1]", "10.0.0.1:80", "1::2::3", "fe80::1%eth0", " 1.2.3.4", "::g", ".::1"})
    void somethingThatIsNotALiteralIsRejected(String text) {
        assertNull(IpLiterals.parse(text));
    }

    @Test
    void nullEmptyAndOverlongTextAreRejected() {
        assertNull(IpLiterals.parse(null));
        assertNull(IpLiterals.parse(""));
        assertNull(IpLiterals.parse("1".repeat(46)));
    }

    /**
     * {@link InetAddress#getByName} hands anything it does not recognise as a literal to the system resolver.
     * Here that resolver "knows" every near-miss, so a parse that reached it would return an address.
     */
    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"localhost", ".1.2.3", "1.2.3.", "1..2.3", "1.2.3.4444", "...1", "999.999.999.999",
            ".::1", "1.2.3"})
    void neverAsksTheResolver(String nearMiss) throws Exception {
        InetAddress resolved = InetAddress.getByAddress(new byte[] {10, 9, 8, 7});
        try (MockedStatic<InetAddress> resolver = Mockito.mockStatic(InetAddress.class, Mockito.CALLS_REAL_METHODS)) {
            resolver.when(() -> InetAddress.getByName(nearMiss)).thenReturn(resolved);
            resolver.when(() -> InetAddress.getAllByName(nearMiss)).thenReturn(new InetAddress[] {resolved});
            assertNull(IpLiterals.parse(nearMiss));
        }
    }
}
