package io.peershare.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TurnCredentialsTest {

    private final TurnCredentials turn = new TurnCredentials(List.of("turn:turn.example.com:3478",
            "turns:turn.example.com:5349"), "north", Duration.ofHours(1));

    @Test
    void theCredentialIsTheTurnRestFormCoturnChecks() {
        assertEquals("HbvWA6hGDtdv3wflBolXLhvzs0w=", turn.credential("1735689600:alice"), "the known vector");
    }

    @Test
    void eachConnectionGetsItsOwnCredentialUntilTheExpiry() {
        IceServer alice = turn.issue("alice", Instant.ofEpochSecond(1735686000));
        assertEquals("1735689600:alice", alice.username(), "expiry an hour on, then the peer id");
        assertEquals("HbvWA6hGDtdv3wflBolXLhvzs0w=", alice.credential());
        assertEquals(List.of("turn:turn.example.com:3478", "turns:turn.example.com:5349"), alice.urls());
        IceServer bob = turn.issue("bob", Instant.ofEpochSecond(1735686000));
        assertFalse(bob.credential().equals(alice.credential()));
    }

    @Test
    void theSecretStaysOutOfTheDescription() {
        assertFalse(turn.toString().contains("north"), turn.toString());
    }

    @Test
    void badSettingsAreRefusedWithTheirReason() {
        assertEquals("a TURN URL starts with turn: or turns:, was 'stun:x'", assertThrows(IllegalArgumentException.class,
                () -> new TurnCredentials(List.of("stun:x"), "s", Duration.ofHours(1))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TurnCredentials(List.of("turn:x"), "", Duration.ofHours(1)));
        assertThrows(IllegalArgumentException.class, () -> new TurnCredentials(List.of(), "s", Duration.ofHours(1)));
        assertThrows(IllegalArgumentException.class, () -> new TurnCredentials(List.of("turn:x"), "s", Duration.ofSeconds(5)));
    }
}
