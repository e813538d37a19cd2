package io.peershare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peershare.protocol.CloseCodes;
import io.peershare.testing.FakeTransport;
import io.peershare.testing.TestClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Heartbeat (issue item 7) and the engine's lifecycle. */
class HeartbeatAndLifecycleTest {

    private final EngineFixture fx = new EngineFixture();

    @AfterEach
    void close() {
        fx.close();
    }

    @Test
    void heartbeatIsAcknowledgedWithServerTime() {
        TestClient alice = fx.client();
        alice.send("heartbeat", Json.createObjectBuilder(), "hb1");
        JsonObject ack = alice.last("heartbeat-ack");
        assertEquals("hb1", ack.getString("requestId"));
        assertEquals(fx.clock.millis(), ack.getJsonObject("data").getJsonNumber("serverTime").longValue());
    }

    @Test
    void silentConnectionIsClosedAfterTheTimeoutAndLeavesItsNetwork() {
        TestClient alice = fx.client().join("Home", "Alice");
        TestClient bob = fx.client().join("Home", "Bob");
        for (int i = 0; i < 4; i++) {
            fx.scheduler.advance(Duration.ofSeconds(20));
            alice.send("heartbeat", Json.createObjectBuilder());
        }
        assertFalse(alice.transport().isClosed());
        assertEquals(CloseCodes.HEARTBEAT_TIMEOUT, bob.transport().closeCode());
        // Bob went silent at 0 s, was closed at 60 s and left when his resume grace ended at 75 s.
        assertEquals(List.of(alice.peerId()), alice.visiblePeers());
        assertEquals(1L, fx.engine.stats().closes().get("heartbeatTimeout"));
    }

    @Test
    void anyFrameCountsAsLifeNotOnlyHeartbeats() {
        TestClient alice = fx.client().join("Home", "Alice");
        for (int i = 0; i < 5; i++) {
            fx.scheduler.advance(Duration.ofSeconds(30));
            alice.chat("still here " + i);
        }
        assertFalse(alice.transport().isClosed());
    }

    @Test
    void heartbeatTimeoutIsConfigurable() {
        try (EngineFixture quick = new EngineFixture(c -> c.heartbeatInterval(Duration.ofSeconds(5))
                .heartbeatTimeout(Duration.ofSeconds(10)).sweepInterval(Duration.ofSeconds(1)))) {
            TestClient alice = quick.client();
            quick.scheduler.advance(Duration.ofSeconds(10));
            assertFalse(alice.transport().isClosed());
            quick.scheduler.advance(Duration.ofSeconds(2));
            assertTrue(alice.transport().isClosed());
            assertEquals(5000, new TestClient(quick.engine, "10.0.0.1").join("A", "B")
                    .last("network-joined").getJsonObject("data").getJsonNumber("heartbeatIntervalMs").longValue());
        }
    }

    @Test
    void closingTheEngineClosesEveryConnectionWith1001AndRefusesNewOnes() {
        TestClient alice = fx.client().join("Home", "Alice");
        TestClient bob = fx.client();
        fx.engine.close();
        assertEquals(CloseCodes.GOING_AWAY, alice.transport().closeCode());
        assertEquals(CloseCodes.GOING_AWAY, bob.transport().closeCode());
        assertEquals(0, fx.engine.stats().connections());
        assertEquals(0, fx.scheduler.taskCount(), "periodic work stopped");
        assertThrows(IllegalStateException.class, () -> fx.engine.open(new FakeTransport("10.0.0.1")));
        fx.engine.close(); // idempotent
    }

    @Test
    void framesAfterCloseAreIgnored() {
        TestClient alice = fx.client().join("Home", "Alice");
        TestClient bob = fx.client().join("Home", "Bob");
        bob.close();
        bob.clear();
        alice.clear();
        bob.chat("ghost");
        assertTrue(alice.transport().frames().isEmpty());
        assertTrue(bob.transport().frames().isEmpty());
    }

    @Test
    void transportThatReportsItsCloseFromInsideSendIsRemovedCleanly() {
        TestClient alice = fx.client().join("Home", "Alice");
        io.peershare.spi.Connection[] self = new io.peershare.spi.Connection[1];
        FakeTransport fragile = new FakeTransport("192.168.1.20") {
            @Override
            public synchronized void send(io.peershare.protocol.OutboundFrame frame) {
                super.send(frame);
                if (frame.text().contains("\"text\":\"overflow\"")) {
                    self[0].closed(); // like a container that runs onClose on the sending thread
                }
            }
        };
        TestClient bob = new TestClient(fx.engine, fragile);
        self[0] = bob.connection();
        bob.join("Home", "Bob");
        TestClient carol = fx.client().join("Home", "Carol");
        alice.chat("overflow");
        assertEquals("overflow", carol.events("new-message").stream()
                .map(e -> e.getJsonObject("data").getString("text")).filter("overflow"::equals).findFirst().orElseThrow());
        fx.graceEnds();
        assertEquals(List.of(alice.peerId(), carol.peerId()), carol.visiblePeers());
        assertEquals(2, fx.engine.stats().users());
    }
}
