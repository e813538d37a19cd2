package io.peershare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peershare.testing.TestClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** WebRTC signal relay (issue item 5). */
class SignalRelayTest {

    private final EngineFixture fx = new EngineFixture();

    @AfterEach
    void close() {
        fx.close();
    }

    @Test
    void offerAnswerAndCandidateReachOnlyTheTargetUnchanged() {
        TestClient alice = fx.client().join("Home", "Alice");
        TestClient bob = fx.client().join("Home", "Bob");
        TestClient carol = fx.client().join("Home", "Carol");
        carol.clear();

        JsonObject offer = Json.createObjectBuilder().add("type", "offer")
                .add("sdp", "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n").build();
        alice.signal(bob.peerId(), Json.createObjectBuilder(offer));
        bob.signal(alice.peerId(), Json.createObjectBuilder().add("type", "answer").add("sdp", "v=0"));
        alice.signal(bob.peerId(), Json.createObjectBuilder().add("candidate", Json.createObjectBuilder()
                .add("candidate", "candidate:1 1 udp 2122260223 192.168.1.2 54321 typ host")
                .add("sdpMid", "0").add("sdpMLineIndex", 0)));

        assertEquals(2, bob.events("webrtc-signal-received").size());
        JsonObject received = bob.events("webrtc-signal-received").get(0).getJsonObject("data");
        assertEquals(alice.peerId(), received.getString("from"));
        assertEquals(offer, received.getJsonObject("signal"));
        assertEquals("answer", alice.last("webrtc-signal-received").getJsonObject("data")
                .getJsonObject("signal").getString("type"));
        assertTrue(carol.transport().frames().isEmpty(), "a third member hears nothing");
        assertEquals(3, fx.engine.stats().signalsRelayed());
    }

    @Test
    void signalOverTheSizeLimitIsRefused() {
        try (EngineFixture small = new EngineFixture(c -> c.maxSignalSize(1000).maxFrameSize(4000))) {
            TestClient alice = small.client().join("Home", "Alice");
            TestClient bob = small.client().join("Home", "Bob");
            alice.signal(bob.peerId(), Json.createObjectBuilder().add("sdp", "x".repeat(1000)));
            assertEquals("SIGNAL_TOO_LARGE", alice.lastError().getString("code"));
            assertEquals("signal", alice.lastError().getString("field"));
            assertTrue(bob.events("webrtc-signal-received").isEmpty());
        }
    }

    @Test
    void signalMustBeAnObjectAndNameATarget() {
        TestClient alice = fx.client().join("Home", "Alice");
        TestClient bob = fx.client().join("Home", "Bob");
        alice.send("webrtc-signal", Json.createObjectBuilder().add("to", bob.peerId()).add("signal", "offer"));
        assertEquals("INVALID_FIELD_TYPE", alice.lastError().getString("code"));
        assertEquals("signal", alice.lastError().getString("field"));
        alice.send("webrtc-signal", Json.createObjectBuilder().add("signal", Json.createObjectBuilder()));
        assertEquals("MISSING_FIELD", alice.lastError().getString("code"));
        assertEquals("to", alice.lastError().getString("field"));
        alice.send("webrtc-signal", Json.createObjectBuilder().add("to", 42).add("signal", Json.createObjectBuilder()));
        assertEquals("INVALID_FIELD_TYPE", alice.lastError().getString("code"));
        assertTrue(bob.events("webrtc-signal-received").isEmpty());
    }

    @Test
    void signalToSelfOrBeforeJoiningIsRefused() {
        TestClient alice = fx.client().join("Home", "Alice");
        alice.signal(alice.peerId(), Json.createObjectBuilder().add("type", "offer"));
        assertEquals("CANNOT_TARGET_SELF", alice.lastError().getString("code"));
        TestClient stranger = fx.client();
        stranger.signal(alice.peerId(), Json.createObjectBuilder().add("type", "offer"));
        assertEquals("NOT_IN_NETWORK", stranger.lastError().getString("code"));
        assertTrue(alice.events("webrtc-signal-received").isEmpty());
    }

    @Test
    void signalToAPeerThatLeftIsRefused() {
        TestClient alice = fx.client().join("Home", "Alice");
        TestClient bob = fx.client().join("Home", "Bob");
        bob.close();
        alice.signal(bob.peerId(), Json.createObjectBuilder().add("type", "offer"));
        assertEquals("PEER_AWAY", alice.lastError().getString("code"), "it may still resume");
        fx.graceEnds();
        alice.signal(bob.peerId(), Json.createObjectBuilder().add("type", "offer"));
        assertEquals("PEER_NOT_FOUND", alice.lastError().getString("code"));
    }

    @Test
    void aTargetWrittenWithEscapesAndDataWithManyFieldsAreReadAsWell() {
        TestClient alice = fx.client().join("Home", "Alice");
        TestClient bob = fx.client().join("Home", "Bob");
        String escaped = bob.peerId().chars().mapToObj(c -> String.format("\\u%04x", c))
                .collect(java.util.stream.Collectors.joining());
        alice.sendRaw("{\"event\":\"webrtc-signal\",\"data\":{\"to\":\"" + escaped + "\",\"signal\":{\"type\":\"offer\"}}}");
        StringBuilder padding = new StringBuilder();
        for (int i = 0; i < 9; i++) {
            padding.append(",\"x").append(i).append("\":").append(i); // more fields than any event has
        }
        alice.sendRaw("{\"event\":\"webrtc-signal\",\"data\":{\"to\":\"" + bob.peerId() + "\""
                + padding + ",\"signal\":{\"type\":\"answer\"}}}");
        assertEquals(java.util.List.of("offer", "answer"), bob.events("webrtc-signal-received").stream()
                .map(e -> e.getJsonObject("data").getJsonObject("signal").getString("type")).toList());
        assertTrue(alice.errors().isEmpty(), alice.errors().toString());
    }
}
