package io.peershare.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peershare.config.PeerShareConfig;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/grafana/peershare-dashboard.json loads as a Grafana dashboard, and every series its panels query is one the
 * running server really serves at {@code /metrics}.
 */
class GrafanaDashboardTest {

    private static final Path DASHBOARD = Path.of("../docs/grafana/peershare-dashboard.json");
    private static final Pattern SERIES = Pattern.compile("\\b((?:peershare|jvm|process)_[a-z_]+)");
    /** Served by nodes of a cluster only; ClusterJarIT checks it there. */
    private static final Set<String> CLUSTER_ONLY = Set.of("peershare_cluster_redis_roundtrip_seconds");

    @Test
    void everyPanelQueriesSeriesTheServerServes() throws Exception {
        JsonObject dashboard = Json.createReader(new StringReader(Files.readString(DASHBOARD))).readObject();
        assertEquals("PeerShare", dashboard.getString("title"));
        assertTrue(dashboard.getInt("schemaVersion") >= 36, "a current Grafana schema");
        List<JsonObject> panels = dashboard.getJsonArray("panels").getValuesAs(JsonObject.class);
        assertTrue(panels.size() >= 12, "panels: " + panels.size());

        Set<String> queried = new TreeSet<>();
        for (JsonObject panel : panels) {
            assertTrue(panel.containsKey("gridPos") && panel.containsKey("type"), panel.getString("title"));
            for (JsonObject target : panel.getJsonArray("targets").getValuesAs(JsonObject.class)) {
                Matcher m = SERIES.matcher(target.getString("expr"));
                while (m.find()) {
                    queried.add(m.group(1));
                }
            }
        }
        assertFalse(queried.isEmpty());

        PeerShareServer server = PeerShareServer.start(new ServerConfig("127.0.0.1", 0, false, List.of(),
                Duration.ZERO, Duration.ofSeconds(5), null, null, PeerShareConfig.defaults(), TransportKind.NETTY, 1,
                false, Duration.ofSeconds(10), 1024, false, true, null, TlsSettings.OFF));
        try {
            String scrape = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            for (String series : queried) {
                if (CLUSTER_ONLY.contains(series)) {
                    continue;
                }
                assertTrue(Pattern.compile("(?m)^" + Pattern.quote(series) + "[{ ]").matcher(scrape).find(),
                        () -> "the dashboard queries " + series + ", which /metrics does not serve");
            }
        } finally {
            server.stop();
        }
    }
}
