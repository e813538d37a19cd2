package io.peershare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peershare.config.ForwardedHeader;
import io.peershare.config.NetworkPolicy;
import io.peershare.testing.TestClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Networks, identity and presence (issue items 1 to 3). */
class NetworkMembershipTest {

    private final EngineFixture fx = new EngineFixture();

    @AfterEach
    void close() {
        fx.close();
    }

    @Test
    void joinerGetsWelcomeThenHistoryAndEveryMemberSeesTheUserList() {
        TestClient alice = fx.client().join("Home", "Alice");
        TestClient bob = fx.client();
        bob.send("join-wifi-network", Json.createObjectBuilder()
                .add("networkName", "Home").add("userName", "Bob").add("deviceType", "mobile"), "r1");

        List<String> bobEvents = bob.transport().events().stream().map(e -> e.getString("event")).toList();
        assertEquals(List.of("network-joined", "message-history", "new-message", "network-users-updated"), bobEvents);
        JsonObject welcome = bob.last("network-joined");
        assertEquals("r1", welcome.getString("requestId"));
        assertEquals(bob.peerId(), welcome.getJsonObject("data").getString("peerId"));
        assertEquals("Home", welcome.getJsonObject("data").getString("networkName"));
        assertEquals("mobile", welcome.getJsonObject("data").getString("deviceType"));
        assertTrue(welcome.getJsonObject("data").containsKey("iceServers"));
        assertEquals(100, welcome.getJsonObject("data").getJsonObject("limits").getInt("maxUsersPerNetwork"));

        assertEquals(List.of(alice.peerId(), bob.peerId()), alice.visiblePeers());
        assertEquals(List.of(alice.peerId(), bob.peerId()), bob.visiblePeers());
        JsonObject bobEntry = alice.last("network-users-updated").getJsonObject("data").getJsonArray("users").getJsonObject(1);
        assertEquals("Bob", bobEntry.getString("userName"));
        assertEquals("mobile", bobEntry.getString("deviceType"));
    }

    @Test
    void peerIdsAreAssignedByTheServerAndUnguessable() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String id = fx.client().peerId();
            assertTrue(id.matches("[A-Za-z0-9_-]{22}"), id);
            ids.add(id);
        }
        assertEquals(200, ids.size());
    }

    @Test
    void clientCannotChooseItsIdOrSpoofFrom() {
        TestClient alice = fx.client().join("Home", "Alice");
        TestClient bob = fx.client().join("Home", "Bob");
        alice.send("join-wifi-network", Json.createObjectBuilder()
                .add("networkName", "Home").add("userName", "Alice").add("peerId", "chosen"));
        alice.send("webrtc-signal", Json.createObjectBuilder().add("to", bob.peerId()).add("from", "forged")
                .add("signal", Json.createObjectBuilder().add("type", "offer")));
        assertEquals(alice.peerId(), alice.last("network-joined").getJsonObject("data").getString("peerId"));
        assertEquals(alice.peerId(), bob.last("webrtc-signal-received").getJsonObject("data").getString("from"));
    }

    @Test
    void sameNameFromDifferentPublicAddressesIsADifferentNetwork() {
        TestClient here = fx.client("203.0.113.7").join("Office", "Ann");
        TestClient stranger = fx.client("198.51.100.9").join("Office", "Eve");
        assertEquals(List.of(here.peerId()), here.visiblePeers());
        assertEquals(List.of(stranger.peerId()), stranger.visiblePeers());

        stranger.signal(here.peerId(), Json.createObjectBuilder().add("type", "offer"));
        assertEquals("PEER_NOT_FOUND", stranger.lastError().getString("code"));
        assertTrue(here.events("webrtc-signal-received").isEmpty());
    }

    @Test
    void targetInAnotherNetworkGetsTheSameErrorAsAPeerThatDoesNotExist() {
        TestClient ann = fx.client().join("Kitchen", "Ann");
        TestClient other = fx.client().join("Garage", "Ole");
        ann.signal(other.peerId(), Json.createObjectBuilder().add("type", "offer"));
        JsonObject crossNetwork = ann.lastError();
        ann.signal("AAAAAAAAAAAAAAAAAAAAAA", Json.createObjectBuilder().add("type", "offer"));
        JsonObject missing = ann.lastError();
        assertEquals("PEER_NOT_FOUND", crossNetwork.getString("code"));
        assertEquals(missing.getString("code"), crossNetwork.getString("code"));
        assertEquals(missing.getString("message").replace("AAAAAAAAAAAAAAAAAAAAAA", "X"),
                crossNetwork.getString("message").replace(other.peerId(), "X"));
        assertTrue(other.events("webrtc-signal-received").isEmpty());
    }

    @Test
    void privateLoopbackAndLinkLocalAddressesShareOneLocalNetwork() {
        TestClient lan = fx.client("192.168.0.5").join("Home", "A");
        TestClient loop = fx.client("127.0.0.1").join("home", "B");
        TestClient ten = fx.client("10.1.2.3").join("HOME", "C");
        TestClient linkLocal = fx.client("fe80::1").join("Home", "D");
        assertEquals(List.of(lan.peerId(), loop.peerId(), ten.peerId(), linkLocal.peerId()), linkLocal.visiblePeers());
        assertEquals("Home", loop.last("network-joined").getJsonObject("data").getString("networkName"));
    }

    @Test
    void ipv6ClientsAreGroupedBySlash64() {
        TestClient a = fx.client("2001:db8:1:2::10").join("Flat", "A");
        TestClient b = fx.client("2001:db8:1:2:aaaa:bbbb:cccc:dddd").join("Flat", "B");
        TestClient c = fx.client("2001:db8:1:3::10").join("Flat", "C");
        assertEquals(List.of(a.peerId(), b.peerId()), b.visiblePeers());
        assertEquals(List.of(c.peerId()), c.visiblePeers());
    }

    @Test
    void namePolicyIgnoresAddressesAndAddressPolicyIgnoresNames() {
        try (EngineFixture byName = new EngineFixture(c -> c.networkPolicy(NetworkPolicy.NAME))) {
            TestClient a = byName.client("203.0.113.1").join("Lab", "A");
            TestClient b = byName.client("198.51.100.1").join("lab", "B");
            assertEquals(List.of(a.peerId(), b.peerId()), b.visiblePeers());
        }
        try (EngineFixture byAddress = new EngineFixture(c -> c.networkPolicy(NetworkPolicy.ADDRESS))) {
            TestClient a = byAddress.client("203.0.113.1").join("Lab", "A");
            TestClient b = byAddress.client("203.0.113.1").join("Other", "B");
            TestClient c = byAddress.client("198.51.100.1").join("Lab", "C");
            assertEquals(List.of(a.peerId(), b.peerId()), b.visiblePeers());
            assertEquals(List.of(c.peerId()), c.visiblePeers());
        }
    }

    @Test
    void behindAProxyThatSpeaksForwardedOnlyThatHeaderIsBelievedAndAClientsOwnXForwardedForIsNot() {
        try (EngineFixture proxied = new EngineFixture(c -> c.trustedProxies(List.of("10.0.0.0/8"))
                .trustedProxyHeader(ForwardedHeader.FORWARDED))) {
            TestClient a = new TestClient(proxied.engine, "10.0.0.2",
                    java.util.Map.of("Forwarded", List.of("for=\"203.0.113.7:4711\";proto=https"))).join("Office", "A");
            TestClient spoofer = new TestClient(proxied.engine, "10.0.0.3", java.util.Map.of(
                    "Forwarded", List.of("for=198.51.100.9"), "X-Forwarded-For", List.of("203.0.113.7")))
                    .join("Office", "Eve");
            assertEquals(List.of(a.peerId()), a.visiblePeers());
            assertEquals(List.of(spoofer.peerId()), spoofer.visiblePeers(), "X-Forwarded-For is not read at all");
        }
    }

    @Test
    void forwardedForIsIgnoredFromUntrustedPeersAndHonouredFromTrustedProxies() {
        var spoofed = java.util.Map.of("X-Forwarded-For", List.of("203.0.113.7"));
        TestClient home = fx.client("203.0.113.7").join("Office", "Ann");
        TestClient liar = new TestClient(fx.engine, "198.51.100.9", spoofed).join("Office", "Eve");
        assertEquals(List.of(liar.peerId()), liar.visiblePeers(), "an untrusted peer cannot claim another address");

        try (EngineFixture proxied = new EngineFixture(c -> c.trustedProxies(List.of("10.0.0.0/8")))) {
            TestClient a = new TestClient(proxied.engine, "10.0.0.2",
                    java.util.Map.of("x-forwarded-for", List.of("1.2.3.4, 203.0.113.7"))).join("Office", "A");
            TestClient b = new TestClient(proxied.engine, "10.0.0.3",
                    java.util.Map.of("X-Forwarded-For", List.of("203.0.113.7"))).join("Office", "B");
            TestClient c = new TestClient(proxied.engine, "10.0.0.4",
                    java.util.Map.of("X-Forwarded-For", List.of("198.51.100.1"))).join("Office", "C");
            assertEquals(List.of(a.peerId(), b.peerId()), b.visiblePeers());
            assertEquals(List.of(c.peerId()), c.visiblePeers());
        }
        assertEquals(List.of(home.peerId()), home.visiblePeers());
    }

    @Test
    void joiningAnotherNetworkMovesThePeerCleanly() {
        TestClient alice = fx.client().join("A", "Alice");
        TestClient bob = fx.client().join("A", "Bob");
        TestClient carol = fx.client().join("B", "Carol");
        bob.join("B", "Bob");
        assertEquals(List.of(alice.peerId()), alice.visiblePeers());
        assertEquals(List.of(carol.peerId(), bob.peerId()), carol.visiblePeers());
        assertEquals("Bob left the network",
                alice.last("new-message").getJsonObject("data").getString("text"));
        bob.signal(alice.peerId(), Json.createObjectBuilder().add("type", "offer"));
        assertEquals("PEER_NOT_FOUND", bob.lastError().getString("code"));
    }

    @Test
    void rejoiningTheSameNetworkUpdatesDetailsWithoutLeaving() {
        TestClient alice = fx.client().join("A", "Alice");
        TestClient bob = fx.client().join("A", "Bob");
        bob.join("A", "Robert");
        assertEquals(List.of(alice.peerId(), bob.peerId()), alice.visiblePeers());
        JsonObject users = alice.last("network-users-updated").getJsonObject("data");
        assertEquals("Robert", users.getJsonArray("users").getJsonObject(1).getString("userName"));
        assertEquals("Bob is now Robert", alice.last("new-message").getJsonObject("data").getString("text"));
    }

    @Test
    void leaveRemovesThePeerAndRepliesNetworkLeft() {
        TestClient alice = fx.client().join("A", "Alice");
        TestClient bob = fx.client().join("A", "Bob");
        bob.send("leave-wifi-network", Json.createObjectBuilder(), "bye");
        assertEquals("bye", bob.last("network-left").getString("requestId"));
        assertEquals(List.of(alice.peerId()), alice.visiblePeers());
        bob.chat("still here?");
        assertEquals("NOT_IN_NETWORK", bob.lastError().getString("code"));
    }

    @Test
    void closedConnectionIsShownAwayThenLeavesWhenTheResumeGraceEnds() {
        TestClient alice = fx.client().join("A", "Alice");
        TestClient bob = fx.client().join("A", "Bob");
        bob.close();
        assertEquals(List.of(alice.peerId(), bob.peerId()), alice.visiblePeers());
        assertTrue(alice.last("network-users-updated").getJsonObject("data").getJsonArray("users").getJsonObject(1)
                .getBoolean("away"));
        assertEquals(1, fx.engine.stats().connections());
        bob.close(); // idempotent
        assertEquals(1, fx.engine.stats().connections());
        fx.graceEnds();
        assertEquals(List.of(alice.peerId()), alice.visiblePeers());
    }

    @Test
    void withoutAResumeGraceAClosedConnectionLeavesAtOnce() {
        try (EngineFixture noGrace = new EngineFixture(c -> c.resumeGrace(Duration.ZERO))) {
            TestClient alice = noGrace.client().join("A", "Alice");
            TestClient bob = noGrace.client().join("A", "Bob");
            bob.close();
            assertEquals(List.of(alice.peerId()), alice.visiblePeers());
        }
    }

    @Test
    void fullNetworkRefusesWithAClearErrorAndTheJoinerStaysWhereItWas() {
        try (EngineFixture small = new EngineFixture(c -> c.maxUsersPerNetwork(2))) {
            small.client().join("Full", "A");
            small.client().join("Full", "B");
            TestClient c = small.client().join("Elsewhere", "C");
            c.join("Full", "C");
            JsonObject error = c.lastError();
            assertEquals("NETWORK_FULL", error.getString("code"));
            assertTrue(error.getString("message").contains("full"));
            assertEquals("join-wifi-network", error.getString("event"));
            assertEquals(List.of(c.peerId()), c.visiblePeers());
            c.chat("still in Elsewhere");
            assertEquals("still in Elsewhere", c.last("new-message").getJsonObject("data").getString("text"));
        }
    }

    @Test
    void admissionPolicyCanDenyAJoin() {
        try (EngineFixture guarded = new EngineFixture(c -> c, b -> b.admissionPolicy((request, key) ->
                request.headers().containsKey("Authorization")
                        ? io.peershare.spi.AdmissionPolicy.Admission.allow()
                        : io.peershare.spi.AdmissionPolicy.Admission.deny("sign in first")))) {
            TestClient anon = guarded.client().join("A", "Anon");
            assertEquals("JOIN_DENIED", anon.lastError().getString("code"));
            assertEquals("sign in first", anon.lastError().getString("message"));
            assertFalse(anon.transport().events().stream().anyMatch(e -> e.getString("event").equals("network-joined")));
            TestClient member = new TestClient(guarded.engine, "10.0.0.1",
                    java.util.Map.of("Authorization", List.of("Bearer x"))).join("A", "Member");
            assertEquals(List.of(member.peerId()), member.visiblePeers());
        }
    }

    @Test
    void aDenialBuiltWithoutAReasonStillAnswersTheClient() {
        try (EngineFixture guarded = new EngineFixture(c -> c, b -> b.admissionPolicy((request, key) ->
                new io.peershare.spi.AdmissionPolicy.Admission(false, null)))) {
            TestClient anon = guarded.client().join("A", "Anon");
            assertEquals("JOIN_DENIED", anon.lastError().getString("code"));
            assertEquals("join denied", anon.lastError().getString("message"));
        }
    }

    @Test
    void customNetworkResolverDecidesTheNetwork() {
        try (EngineFixture everyoneTogether = new EngineFixture(c -> c, b -> b.networkResolver(r -> "lobby"))) {
            TestClient a = everyoneTogether.client("203.0.113.1").join("X", "A");
            TestClient b = everyoneTogether.client("198.51.100.2").join("Y", "B");
            assertEquals(List.of(a.peerId(), b.peerId()), b.visiblePeers());
            assertNotEquals(a.peerId(), b.peerId());
        }
    }
}
