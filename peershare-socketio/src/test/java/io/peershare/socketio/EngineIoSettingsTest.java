package io.peershare.socketio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.peershare.PeerShare;
import io.peershare.config.PeerShareConfig;
import org.junit.jupiter.api.Test;

class EngineIoSettingsTest {

    @Test
    void aHostsPayloadLimitIsTwiceTheEnginesFrameLimitLikeItsWebSocketEndpoints() {
        PeerShareConfig config = PeerShareConfig.builder().maxFrameSize(150_000).build();
        EngineIoSettings settings = EngineIoSettings.forEngine(config);
        assertEquals(300_000, settings.maxPayload());
        assertEquals(EngineIoSettings.DEFAULTS.withMaxPayload(300_000), settings, "Engine.IO's own pings");
        assertEquals(196_608, EngineIoSettings.forEngine(PeerShareConfig.defaults()).maxPayload());
    }

    @Test
    void aStartedServerKeepsTheLimitsDerivedFromItsEngine() {
        PeerShareConfig config = PeerShareConfig.builder().maxFrameSize(150_000).build();
        try (PeerShare engine = PeerShare.builder().config(config).build();
                EngineIoServer server = EngineIoServer.start(engine)) {
            assertEquals(EngineIoSettings.forEngine(config), server.settings());
        }
    }
}
