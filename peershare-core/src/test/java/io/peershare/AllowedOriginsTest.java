package io.peershare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AllowedOriginsTest {

    @Test
    void anEmptyListFromSettingsMeansAnyOrigin() {
        AllowedOrigins origins = AllowedOrigins.onlyOrAnyIfEmpty(List.of());
        assertTrue(origins.isAny());
        assertTrue(origins.allows("https://anything.example"));
    }

    @Test
    void aListFromSettingsAllowsOnlyItsOrigins() {
        AllowedOrigins origins = AllowedOrigins.onlyOrAnyIfEmpty(List.of("https://Share.Example.com/"));
        assertFalse(origins.isAny());
        assertEquals(Set.of("https://share.example.com"), origins.origins());
        assertTrue(origins.allows("https://share.example.com"));
        assertFalse(origins.allows("https://other.example.com"));
        assertThrows(IllegalArgumentException.class, () -> AllowedOrigins.onlyOrAnyIfEmpty(List.of("share.example.com")));
    }

    @Test
    void requiringAnOriginRefusesHandshakesWithoutOneAndKeepsTheRest() {
        AllowedOrigins any = AllowedOrigins.any();
        AllowedOrigins required = any.requireOrigin(true);
        assertTrue(any.allows(null), "the value is immutable");
        assertFalse(any.isOriginRequired());
        assertTrue(required.isOriginRequired());
        assertFalse(required.allows(null));
        assertFalse(required.allows(""));
        assertTrue(required.allows("https://anything.example"));
        assertTrue(required.isAny());
    }
}
