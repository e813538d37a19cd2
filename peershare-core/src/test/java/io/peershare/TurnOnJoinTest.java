package io.peershare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.peershare.config.IceServer;
import io.peershare.config.TurnCredentials;
import io.peershare.testing.TestClient;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each connection gets its own TURN credentials with {@code network-joined}; the secret goes nowhere. */
class TurnOnJoinTest {

    private static final TurnCredentials TURN = new TurnCredentials(List.of("turn:turn.example.com:3478"), "north",
            Duration.ofHours(1));

    @Test
    void networkJoinedCarriesTheConfiguredServersAndTheConnectionsOwnTurnCredentials() {
        try (EngineFixture fx = new EngineFixture(c -> c.iceServers(List.of(IceServer.stun("stun:stun.example.com:3478")))
                .turnCredentials(TURN))) {
            TestClient alice = fx.client().join("Home", "Alice");
            TestClient bob = fx.client().join("Home", "Bob");
            JsonObject joined = alice.last("network-joined");
            JsonArray servers = joined.getJsonObject("data").getJsonArray("iceServers");
            assertEquals(2, servers.size(), servers::toString);
            assertEquals("stun:stun.example.com:3478", servers.getJsonObject(0).getJsonArray("urls").getString(0));
            JsonObject turn = servers.getJsonObject(1);
            long expiry = fx.clock.instant().getEpochSecond() + 3600;
            assertEquals(expiry + ":" + alice.peerId(), turn.getString("username"));
            assertEquals(TURN.credential(expiry + ":" + alice.peerId()), turn.getString("credential"));

            JsonObject bobsTurn = bob.last("network-joined").getJsonObject("data").getJsonArray("iceServers")
                    .getJsonObject(1);
            assertEquals(expiry + ":" + bob.peerId(), bobsTurn.getString("username"), "each connection its own");
            assertFalse(joined.toString().contains("north"), "the secret stays on the server");
        }
    }

    @Test
    void aLongSessionGetsFreshCredentialsBeforeItsOwnExpire() {
        try (EngineFixture fx = new EngineFixture(c -> c.turnCredentials(TURN)
                .heartbeatInterval(Duration.ofHours(2)).heartbeatTimeout(Duration.ofHours(3)))) {
            TestClient alice = fx.client().join("Home", "Alice");
            long firstExpiry = fx.clock.instant().getEpochSecond() + 3600;
            fx.scheduler.advance(Duration.ofMinutes(44));
            assertEquals(0, alice.events("ice-servers-updated").size(), "more than a quarter of the hour is left");
            fx.scheduler.advance(Duration.ofMinutes(2));
            List<JsonObject> updates = alice.events("ice-servers-updated");
            assertEquals(1, updates.size(), "renewed once a quarter of the lifetime is left");
            JsonObject turn = updates.get(0).getJsonObject("data").getJsonArray("iceServers").getJsonObject(0);
            long renewedExpiry = Long.parseLong(turn.getString("username").split(":")[0]);
            assertEquals(alice.peerId(), turn.getString("username").split(":")[1]);
            assertEquals(TURN.credential(turn.getString("username")), turn.getString("credential"));
            assertEquals(true, renewedExpiry > firstExpiry + 40 * 60, "valid for another hour");
        }
    }
}
