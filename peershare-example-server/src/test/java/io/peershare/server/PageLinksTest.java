package io.peershare.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The URLs the start-up line prints and {@code /api/links} answers, on machines the tests make up. */
class PageLinksTest {

    /** A laptop on Wi-Fi with IPv4 and IPv6, its loopback, a link-local address and a VPN. */
    private static final FakeMachine LAPTOP = FakeMachine.of("laptop", "127.0.0.1", "::1", "fe80::1c2:3ff:fe04:506%2",
            "2001:db8:0:1:0:0:0:20", "192.168.1.20", "169.254.7.7", "10.8.0.2");

    @Test
    void boundToTheWildcardEveryInterfaceAddressIsListedIpv4FirstThenLocalhost() {
        PageLinks links = PageLinks.of("0.0.0.0", 4000, false, List.of(), LAPTOP);
        assertEquals(List.of("http://192.168.1.20:4000/", "http://10.8.0.2:4000/", "http://[2001:db8:0:1::20]:4000/"),
                links.network(), "no loopback, no link-local while there is something else, IPv6 shortened in brackets");
        assertEquals(List.of("http://localhost:4000/"), links.thisMachine());
        assertEquals(List.of("http://192.168.1.20:4000/", "http://10.8.0.2:4000/", "http://[2001:db8:0:1::20]:4000/",
                "http://localhost:4000/"), links.all());
        assertEquals(links.all(), PageLinks.of("::", 4000, false, List.of(), LAPTOP).all(), "IPv6's wildcard too");
    }

    @Test
    void withTlsTheSchemeIsHttpsAndItsDefaultPortIsLeftOut() {
        assertEquals(List.of("https://192.168.1.20:8443/", "https://10.8.0.2:8443/", "https://[2001:db8:0:1::20]:8443/",
                "https://localhost:8443/"), PageLinks.of("0.0.0.0", 8443, true, List.of(), LAPTOP).all());
        assertEquals("https://192.168.1.20/", PageLinks.of("0.0.0.0", 443, true, List.of(), LAPTOP).all().get(0));
        assertEquals("http://192.168.1.20/", PageLinks.of("0.0.0.0", 80, false, List.of(), LAPTOP).all().get(0));
    }

    @Test
    void linkLocalAddressesAreListedOnlyWhenThereIsNothingElseWithTheirZone() {
        FakeMachine cableOnly = FakeMachine.of("pi", "127.0.0.1", "fe80::1%3", "169.254.10.20");
        assertEquals(List.of("http://169.254.10.20:4000/", "http://[fe80::1%253]:4000/", "http://localhost:4000/"),
                PageLinks.of("0.0.0.0", 4000, false, List.of(), cableOnly).all());
        assertEquals(List.of("http://localhost:4000/"),
                PageLinks.of("0.0.0.0", 4000, false, List.of(), FakeMachine.of("offline", "127.0.0.1", "::1")).all());
    }

    @Test
    void thePublishedOriginsComeLastAndProductionTellsOtherDevicesOnlyThem() {
        PageLinks links = PageLinks.of("0.0.0.0", 4000, false,
                List.of("https://share.example.com", "https://www.share.example.com/"), LAPTOP);
        assertEquals(List.of("https://share.example.com/", "https://www.share.example.com/"), links.published());
        assertEquals(List.of("http://192.168.1.20:4000/", "http://10.8.0.2:4000/", "http://[2001:db8:0:1::20]:4000/",
                "http://localhost:4000/", "https://share.example.com/", "https://www.share.example.com/"), links.all());
        assertEquals(List.of("https://share.example.com/", "https://www.share.example.com/"),
                links.forOtherDevices(true), "never an internal address on the internet");
        assertEquals(List.of("http://192.168.1.20:4000/", "http://10.8.0.2:4000/", "http://[2001:db8:0:1::20]:4000/",
                "https://share.example.com/", "https://www.share.example.com/"), links.forOtherDevices(false),
                "no localhost: another device cannot open it");
    }

    @Test
    void boundToOneAddressOrNameOnlyItIsListedAndTheInterfacesAreNotAsked() {
        LocalAddresses unasked = new LocalAddresses() {
            @Override
            public String hostName() {
                throw new AssertionError("not asked");
            }

            @Override
            public List<InetAddress> addresses() {
                throw new AssertionError("a server bound to one address needs no interface's");
            }
        };
        assertEquals(List.of("http://192.168.1.20:4000/"),
                PageLinks.of("192.168.1.20", 4000, false, List.of(), unasked).all());
        assertEquals(List.of("http://[fd00::20]:4000/"), PageLinks.of("fd00:0::20", 4000, false, List.of(), unasked).all());
        assertEquals(List.of("http://share.lan:4000/"), PageLinks.of("share.lan", 4000, false, List.of(), unasked).all());
        PageLinks loopback = PageLinks.of("127.0.0.1", 4000, false, List.of(), unasked);
        assertEquals(List.of("http://127.0.0.1:4000/"), loopback.thisMachine());
        assertEquals(List.of(), loopback.forOtherDevices(false), "nothing another device can open");
        assertEquals(List.of("http://localhost:4000/"), PageLinks.of("localhost", 4000, false, List.of(), unasked).all());
    }
}
