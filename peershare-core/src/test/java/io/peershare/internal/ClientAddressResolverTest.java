package io.peershare.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.peershare.config.ForwardedHeader;
import io.peershare.internal.address.IpLiterals;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClientAddressResolverTest {

    private static final String PROXY = "10.0.0.1";
    private static final String CLIENT = "198.51.100.7";

    private static InetAddress ip(String literal) {
        InetAddress address = IpLiterals.parse(literal);
        if (address == null) {
            throw new IllegalArgumentException(literal);
        }
        return address;
    }

    private static InetSocketAddress from(String literal) {
        return new InetSocketAddress(ip(literal), 50000);
    }

    private static Map<String, List<String>> xff(String value) {
        return Map.of("X-Forwarded-For", List.of(value));
    }

    private static Map<String, List<String>> forwarded(String value) {
        return Map.of("Forwarded", List.of(value));
    }

    private static ClientAddressResolver trusting(String... proxies) {
        return new ClientAddressResolver(List.of(proxies), ForwardedHeader.X_FORWARDED_FOR);
    }

    private static ClientAddressResolver trustingForwarded(String... proxies) {
        return new ClientAddressResolver(List.of(proxies), ForwardedHeader.FORWARDED);
    }

    // --- whose headers are believed

    @Test
    void withoutHeadersTheDirectPeerIsTheClient() {
        assertEquals(ip(CLIENT), trusting(PROXY).resolve(from(CLIENT), Map.of()));
    }

    @Test
    void xForwardedForIsIgnoredFromAnUntrustedPeer() {
        assertEquals(ip("203.0.113.9"), trusting(PROXY).resolve(from("203.0.113.9"), xff(CLIENT)));
    }

    @Test
    void forwardedIsIgnoredFromAnUntrustedPeer() {
        assertEquals(ip("203.0.113.9"),
                trustingForwarded(PROXY).resolve(from("203.0.113.9"), forwarded("for=" + CLIENT)));
    }

    @Test
    void withNoTrustedProxiesHeadersAreNeverBelieved() {
        assertEquals(ip(PROXY), trusting().resolve(from(PROXY), xff(CLIENT)));
    }

    @Test
    void xForwardedForIsBelievedFromATrustedPeer() {
        assertEquals(ip(CLIENT), trusting(PROXY).resolve(from(PROXY), xff(CLIENT)));
    }

    @Test
    void aTrustedProxyMayBeGivenAsACidrRange() {
        assertEquals(ip(CLIENT), trusting("10.0.0.0/8").resolve(from("10.200.3.4"), xff(CLIENT)));
    }

    @Test
    void anIpv4MappedPeerAddressMatchesAnIpv4TrustedProxy() throws Exception {
        InetSocketAddress mapped = new InetSocketAddress(
                InetAddress.getByAddress(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, 10, 0, 0, 1}), 1);
        assertEquals(ip(CLIENT), trusting(PROXY).resolve(mapped, xff(CLIENT)));
    }

    @Test
    void headerNamesAreCaseInsensitive() {
        assertEquals(ip(CLIENT), trusting(PROXY).resolve(from(PROXY), Map.of("x-forwarded-for", List.of(CLIENT))));
        assertEquals(ip(CLIENT), trustingForwarded(PROXY).resolve(from(PROXY),
                Map.of("FORWARDED", List.of("for=" + CLIENT))));
    }

    @Test
    void aMissingRemoteAddressResolvesToNull() {
        assertNull(trusting(PROXY).resolve(null, xff(CLIENT)));
    }

    // --- choosing the hop

    @Test
    void theRightmostUntrustedHopIsTheClient() {
        assertEquals(ip(CLIENT), trusting("10.0.0.0/8").resolve(from(PROXY), xff("1.2.3.4, " + CLIENT + ", 10.0.0.2")),
                "a client cannot spoof its address by prepending hops");
    }

    @Test
    void hopsSpreadOverSeveralHeaderLinesAreReadInOrder() {
        Map<String, List<String>> headers = Map.of("X-Forwarded-For", List.of("1.2.3.4", CLIENT + ", 10.0.0.2"));
        assertEquals(ip(CLIENT), trusting("10.0.0.0/8").resolve(from(PROXY), headers));
    }

    @Test
    void whenEveryHopIsTrustedTheLeftmostIsTheClient() {
        assertEquals(ip("10.0.0.3"), trusting("10.0.0.0/8").resolve(from(PROXY), xff("10.0.0.3, 10.0.0.2")));
    }

    @Test
    void hopsWithPortsAndBracketsAreUnderstood() {
        assertEquals(ip(CLIENT), trusting(PROXY).resolve(from(PROXY), xff(CLIENT + ":4711")));
        assertEquals(ip("2001:db8::7"), trusting(PROXY).resolve(from(PROXY), xff("[2001:db8::7]:4711")));
        assertEquals(ip("2001:db8::7"), trusting(PROXY).resolve(from(PROXY), xff("2001:db8::7")));
    }

    @Test
    void theStandardForwardedHeaderIsUnderstood() {
        assertEquals(ip("2001:db8::7"),
                trustingForwarded(PROXY).resolve(from(PROXY), forwarded("for=\"[2001:db8::7]:4711\";proto=https")));
    }

    @Test
    void forwardedElementsAreReadRightmostUntrustedFirst() {
        assertEquals(ip(CLIENT), trustingForwarded("10.0.0.0/8").resolve(from(PROXY),
                forwarded("for=1.2.3.4, for=" + CLIENT + ";proto=https, for=10.0.0.2;by=10.0.0.1")));
    }

    @Test
    void aClientsOwnForwardedHeaderIsIgnoredWhenTheProxySetsXForwardedFor() {
        // nginx sets X-Forwarded-For and passes the client's Forwarded through: reading it would let the client
        // choose its address, and with it another household's network and rate limits.
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("X-Forwarded-For", List.of(CLIENT));
        headers.put("Forwarded", List.of("for=203.0.113.50"));
        assertEquals(ip(CLIENT), trusting(PROXY).resolve(from(PROXY), headers));
    }

    @Test
    void aClientsOwnXForwardedForIsIgnoredWhenTheProxySetsForwarded() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Forwarded", List.of("for=" + CLIENT));
        headers.put("X-Forwarded-For", List.of("203.0.113.50"));
        assertEquals(ip(CLIENT), trustingForwarded(PROXY).resolve(from(PROXY), headers));
    }

    @Test
    void withoutTheConfiguredHeaderTheProxyIsTheClient() {
        Map<String, List<String>> headers = Map.of("Forwarded", List.of("for=" + CLIENT));
        assertEquals(ip(PROXY), trusting(PROXY).resolve(from(PROXY), headers));
    }

    // --- garbage

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"evil.example.com", "unknown", "localhost", "not an address", "1.2.3", "999.1.1.1",
            "1.2.3.4.5", "<script>", "", " , ,"})
    void garbageInXForwardedForFallsBackToTheTrustedPeer(String garbage) {
        assertEquals(ip(PROXY), trusting(PROXY).resolve(from(PROXY), xff(garbage)));
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"for=unknown", "for=_hidden", "for=\"evil.example.com\"", "garbage", "for="})
    void garbageInForwardedFallsBackToTheTrustedPeer(String garbage) {
        assertEquals(ip(PROXY), trustingForwarded(PROXY).resolve(from(PROXY), forwarded(garbage)));
    }

    @Test
    void anUnparseableHopStopsTheWalkAtTheLastKnownHop() {
        assertEquals(ip("10.0.0.2"), trusting("10.0.0.0/8").resolve(from(PROXY), xff(CLIENT + ", unknown, 10.0.0.2")),
                "hops left of an unreadable one cannot be trusted");
    }

    // --- configuration

    @Test
    void anInvalidTrustedProxyIsRefusedAtConstruction() {
        assertThrows(IllegalArgumentException.class, () -> trusting("proxy.example.com"));
    }
}
