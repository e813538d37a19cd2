package io.peershare.war;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.peershare.server.ServerConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebappSettingsTest {

    @Test
    void aContextParameterWinsOverTheEnvironment() {
        Map<String, String> settings = WebappSettings.merge(
                Map.of("FRONTEND_URL", "https://share.example.com"),
                Map.of("FRONTEND_URL", "https://old.example.com", "MAX_USERS_PER_NETWORK", "7"));
        ServerConfig config = ServerConfig.fromEnvironment(settings);
        assertEquals(List.of("https://share.example.com"), config.allowedOrigins());
        assertEquals(7, config.engine().maxUsersPerNetwork());
    }

    @Test
    void theListenersOwnSettingsAreNotReadSoThatAStrayOneCannotStopTheApplication() {
        ServerConfig config = ServerConfig.fromEnvironment(WebappSettings.merge(Map.of("PORT", "http"),
                Map.of("HOST", "not-a-host.invalid", "TRANSPORT", "jetty", "MAX_USERS_PER_NETWORK", "7")));
        assertEquals(7, config.engine().maxUsersPerNetwork());
    }

    @Test
    void theListenersOwnSettingsAreNamedAsNotApplying() {
        assertEquals(List.of("PORT", "TRANSPORT"), WebappSettings.ignored(
                Map.of("TRANSPORT", "tyrus", "PORT", "8080", "NODE_ENV", "production")));
    }
}
