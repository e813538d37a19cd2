package io.peershare.jakarta;

import io.peershare.AllowedOrigins;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peershare.PeerShare;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PeerShareEndpointConfigTest {

    private final PeerShare engine = PeerShare.builder().build();

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void anOriginRuleMustBeChosen() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PeerShareEndpointConfig.builder(engine).build());
        assertTrue(e.getMessage().contains("allowedOrigins"), e.getMessage());
    }

    @Test
    void aMalformedOriginIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PeerShareEndpointConfig.builder(engine).allowedOrigins(AllowedOrigins.only(List.of("share.example.com"))).build());
        assertTrue(e.getMessage().contains("'share.example.com'"), e.getMessage());
    }

    @Test
    void buildsAProgrammaticEndpointAtTheChosenPath() {
        ServerEndpointConfig config = PeerShareEndpointConfig.builder(engine).allowedOrigins(AllowedOrigins.any()).path("/signal").build();
        assertEquals("/signal", config.getPath());
        assertEquals(PeerShareEndpoint.class, config.getEndpointClass());
        assertTrue(config.getConfigurator().checkOrigin("https://anything.test"));
        assertEquals("/ws", PeerShareEndpointConfig.builder(engine).allowedOrigins(AllowedOrigins.any()).build().getPath());
    }

    @Test
    void theIdleTimeoutDefaultsBehindTheHeartbeatAndZeroLeavesTheContainersOwn() {
        assertEquals(engine.config().heartbeatTimeout().plusSeconds(30),
                PeerShareEndpointConfig.idleTimeoutOf(PeerShareEndpointConfig.builder(engine).allowedOrigins(AllowedOrigins.any()).build()));
        assertEquals(java.time.Duration.ZERO, PeerShareEndpointConfig.idleTimeoutOf(PeerShareEndpointConfig.builder(engine)
                .allowedOrigins(AllowedOrigins.any()).idleTimeout(java.time.Duration.ZERO).build()));
        assertThrows(IllegalArgumentException.class, () -> PeerShareEndpointConfig.builder(engine).allowedOrigins(AllowedOrigins.any())
                .idleTimeout(java.time.Duration.ofSeconds(-1)).build());
    }

    @Test
    void originsCompareInSerializedForm() {
        AllowedOrigins policy = AllowedOrigins.only(List.of("https://Share.Example.com/", "http://localhost:4000"));
        assertTrue(policy.allows("https://share.example.com"));
        assertTrue(policy.allows("https://share.example.com:443"));
        assertTrue(policy.allows("http://localhost:4000"));
        assertFalse(policy.allows("http://localhost:4001"));
        assertFalse(policy.allows("http://share.example.com"), "scheme matters");
        assertFalse(policy.allows("https://share.example.com.evil.test"));
        assertFalse(policy.allows("null"));
        assertTrue(policy.allows(null), "non-browser clients send no Origin");
        assertFalse(AllowedOrigins.only(List.of("https://share.example.com")).requireOrigin(true).allows(null));
    }
}
