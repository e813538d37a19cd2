package io.peershare.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MockClock;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.peershare.PeerShare;
import io.peershare.config.PeerShareConfig;
import io.peershare.config.RateLimit;
import io.peershare.model.EventClass;
import io.peershare.protocol.CloseCodes;
import io.peershare.testing.ManualClock;
import io.peershare.testing.ManualScheduler;
import io.peershare.testing.TestClient;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import jakarta.json.Json;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The meters in Prometheus's text format, as a scrape reads them, moving with what clients do. */
class PeerShareMetricsTest {

    private final ManualClock clock = new ManualClock();
    private final MockClock meterClock = new MockClock();
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT,
            new PrometheusRegistry(), meterClock);
    private final PeerShareMetrics metrics = new PeerShareMetrics(registry);
    private final PeerShare engine = PeerShare.builder()
            .config(PeerShareConfig.builder().connectionRateLimit(EventClass.CHAT, RateLimit.of(1, 2)).build())
            .clock(clock).scheduler(new ManualScheduler(clock)).metrics(metrics).build();

    {
        metrics.bind(engine);
    }

    @AfterEach
    void close() {
        engine.close();
    }

    /** The value of one series, as the scrape text shows it; fails when the series is missing. */
    private double value(String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " ([0-9.eE+-]+)$").matcher(scrape());
        assertTrue(m.find(), () -> "no series " + series + " in\n" + scrape());
        return Double.parseDouble(m.group(1));
    }

    private String scrape() {
        meterClock.add(Duration.ofSeconds(2)); // past the one-second snapshot
        return registry.scrape();
    }

    @Test
    void aScrapeShowsTheEngineMovingUnderItsClients() {
        assertEquals(0, value("peershare_connections"));
        TestClient alice = new TestClient(engine, "192.168.1.10").join("Home", "Alice");
        TestClient bob = new TestClient(engine, "192.168.1.10").join("Home", "Bob");
        alice.signal(bob.peerId(), Json.createObjectBuilder().add("type", "offer"));
        alice.signal("nobody", Json.createObjectBuilder().add("type", "offer"));
        for (int i = 0; i < 5; i++) {
            alice.chat("hello " + i);
        }
        bob.connection().closedByTransport(CloseCodes.SLOW_CONSUMER);

        String text = scrape();
        assertTrue(text.contains("# TYPE peershare_frame_handling_seconds histogram"), text);
        assertEquals(1, value("peershare_connections"));
        assertEquals(2, value("peershare_users"), "Bob is away, still a user");
        assertEquals(1, value("peershare_networks"));
        assertEquals(1, value("peershare_signals_relayed_total"));
        assertEquals(1, value("peershare_signal_relay_seconds_count"));
        assertEquals(2, value("peershare_frame_handling_seconds_count{class=\"signal\"}"));
        assertEquals(2, value("peershare_frame_handling_seconds_count{class=\"join\"}"));
        assertEquals(2, value("peershare_messages_total"), "a burst of two, then the limit");
        assertEquals(3, value("peershare_rate_limit_hits_total{class=\"chat\"}"));
        assertEquals(1, value("peershare_errors_total{code=\"PEER_NOT_FOUND\"}"));
        assertEquals(3, value("peershare_errors_total{code=\"RATE_LIMITED\"}"));
        assertEquals(1, value("peershare_closes_total{reason=\"slowConsumer\"}"));
        assertEquals(0, value("peershare_closes_total{reason=\"heartbeatTimeout\"}"));
        assertEquals(9, value("peershare_frames_received_total"));
        assertTrue(value("peershare_frames_sent_total") > 10);
        assertEquals(0, value("peershare_outbox_bytes"));
        assertTrue(value("peershare_frame_handling_seconds_bucket{class=\"signal\",le=\"0.1\"}") >= 2);
        assertEquals(0, value("peershare_relays_open"));
        assertEquals(0, value("peershare_relays_bytes_total"));
        assertEquals(0, value("peershare_relays_refused_total{reason=\"WINDOW_EXCEEDED\"}"));
    }

    @Test
    void transfersAreCountedByOutcome() {
        TestClient alice = new TestClient(engine, "192.168.1.10").join("Home", "Alice");
        TestClient bob = new TestClient(engine, "192.168.1.10").join("Home", "Bob");
        alice.send("initiate-file-transfer", Json.createObjectBuilder().add("to", bob.peerId())
                .add("fileName", "a.txt").add("fileSize", 10));
        assertEquals(1, value("peershare_transfers_active{state=\"pending\"}"));
        String id = bob.last("file-transfer-request").getJsonObject("data").getString("transferId");
        bob.send("reject-file-transfer", Json.createObjectBuilder().add("transferId", id));
        assertEquals(1, value("peershare_transfers_initiated_total"));
        assertEquals(1, value("peershare_transfers_finished_total{outcome=\"rejected\"}"));
        assertEquals(0, value("peershare_transfers_active{state=\"pending\"}"));
    }
}
