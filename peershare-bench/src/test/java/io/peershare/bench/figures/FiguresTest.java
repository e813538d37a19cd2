package io.peershare.bench.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peershare.bench.chart.LineChart;
import io.peershare.bench.chart.LineStyle;
import io.peershare.bench.chart.Marker;
import io.peershare.bench.chart.Point;
import io.peershare.bench.chart.Series;
import io.peershare.bench.results.Figures;
import io.peershare.bench.results.Keys;
import io.peershare.bench.results.RunRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FiguresTest {

    static final Map<String, String> HOST = Map.of("cores", "2", "cpu", "AMD EPYC 7B13 Processor", "memoryMiB", "24032",
            "os", "Linux 6.1.0-18-cloud-amd64 amd64", "java", "17.0.15+6-Debian-1deb12u1");

    static RunRecord run(String scenario, String transport, int servers, List<Figures> steps, List<Figures> timeline, Figures totals) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("clients", scenario.equals("relay") ? "2000" : "1000,10000");
        parameters.put("step-seconds", "10");
        parameters.put("pacing", "bursty");
        return new RunRecord(scenario, transport, Instant.parse("2026-12-01T10:00:00Z"), 1, 3, servers, "abc", HOST, "netty",
                parameters, steps, timeline, totals);
    }

    /** A relay run: at each rate, p50 = p99 / 10, p99.9 = p99 * 2. */
    static RunRecord relay(String transport, int servers, double... rateAndP99) {
        List<Figures> steps = new ArrayList<>();
        for (int i = 0; i < rateAndP99.length; i += 2) {
            double p99 = rateAndP99[i + 1];
            steps.add(new Figures().put(Keys.TARGET_PER_SECOND, rateAndP99[i]).put(Keys.P50_MS, p99 / 10).put(Keys.P99_MS, p99)
                    .put(Keys.P999_MS, p99 * 2));
        }
        return run("relay", transport, servers, steps, List.of(), null);
    }

    static RunRecord idle(String transport, double... clientsHeapRss) {
        List<Figures> steps = new ArrayList<>();
        for (int i = 0; i < clientsHeapRss.length; i += 3) {
            steps.add(new Figures().put(Keys.CLIENTS, clientsHeapRss[i]).put(Keys.HEAP_KB_PER_CLIENT, clientsHeapRss[i + 1])
                    .put(Keys.RSS_KB_PER_CLIENT, clientsHeapRss[i + 2]));
        }
        return run("idle", transport, 1, steps, List.of(), null);
    }

    static RunRecord storm(String transport, double completeSeconds) {
        List<Figures> timeline = new ArrayList<>();
        for (int i = 0; i <= 4; i++) {
            timeline.add(new Figures().put(Keys.T_SECONDS, i * 0.05).put(Keys.OPEN, i * 1000).put(Keys.COMPLETE, i * 500));
        }
        return run("storm", transport, 1, List.of(), timeline,
                new Figures().put(Keys.CLIENTS, 5000).put(Keys.PEER_LISTS_COMPLETE_SECONDS, completeSeconds));
    }

    static List<RunRecord> session() {
        return List.of(
                relay("tyrus", 1, 5500, 2.71, 11000, 3.33),
                relay("netty", 1, 5500, 2.02, 11000, 1.39),
                relay("netty", 1, 5500, 1.88, 11000, 1.30),
                relay("netty", 1, 5500, 2.08, 11000, 1.69),
                relay("netty", 2, 5500, 99, 11000, 99), // a cluster run: not in the relay chart
                idle("netty", 1000, 3.8, 37.8, 10000, 3.1, 5.7),
                idle("netty", 19000, 3.5, 5.9),
                idle("tyrus", 1000, 17.5, 61.9, 10000, 15.7, 18.8),
                storm("netty", 2.16),
                storm("netty", 2.28),
                storm("tyrus", 3.06));
    }

    private static Series series(LineChart chart, String name) {
        return chart.series().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow(() -> new AssertionError(name));
    }

    @Test
    void relayChartHasThreePercentilesPerTransportAsMediansWithTheirRange() {
        LineChart chart = RelayLatencyFigure.chart(session());

        assertEquals(List.of("Netty p50", "Netty p99", "Netty p99.9", "Tyrus p50", "Tyrus p99", "Tyrus p99.9"),
                chart.series().stream().map(Series::name).toList(), "Netty first, whatever the order of the files");
        assertEquals(List.of(new Point(5500, 2.02, 1.88, 2.08), new Point(11000, 1.39, 1.30, 1.69)), series(chart, "Netty p99").points(),
                "the cluster run is left out");
        assertEquals(List.of(new Point(5500, 2.71, 2.71, 2.71), new Point(11000, 3.33, 3.33, 3.33)), series(chart, "Tyrus p99").points());
        assertEquals(4.04, series(chart, "Netty p99.9").points().get(0).y(), 1e-12);
        assertTrue(chart.y().log());
        assertEquals(LineStyle.SOLID, series(chart, "Netty p50").style());
        assertEquals(LineStyle.DASHED, series(chart, "Tyrus p50").style());
        assertEquals(series(chart, "Netty p99").colour(), series(chart, "Tyrus p99").colour());
        assertEquals(List.of("2,000 clients in networks of 4, bursty load, 10 s per rate; one-way latency from the intended send time",
                "median of 1 to 3 runs, bars: min..max · 2 cores (AMD EPYC 7B13), 23 GiB, Java 17.0.15, Linux 6.1.0 · 2026-12-01"),
                chart.notes());
    }

    @Test
    void memoryChartHasHeapAndRssPerTransportAgainstClients() {
        LineChart chart = MemoryFigure.chart(session());

        assertEquals(List.of("Netty heap", "Netty RSS growth", "Tyrus heap", "Tyrus RSS growth"),
                chart.series().stream().map(Series::name).toList());
        assertEquals(List.of(1000.0, 10000.0, 19000.0), series(chart, "Netty heap").points().stream().map(Point::x).toList(),
                "the one-run 19,000 step joins the others");
        assertEquals(15.7, series(chart, "Tyrus heap").points().get(1).y());
        assertEquals(5.9, series(chart, "Netty RSS growth").points().get(2).y());
        assertTrue(!chart.y().log() && chart.y().fromZero() && chart.x().fromZero());
    }

    @Test
    void stormChartFollowsConnectionsAndPeerListsOverTime() {
        LineChart chart = StormTimelineFigure.chart(session());

        assertEquals("Storm: 5,000 clients connect and join at once", chart.title());
        assertEquals(List.of("Netty connected", "Netty peer list complete", "Tyrus connected", "Tyrus peer list complete"),
                chart.series().stream().map(Series::name).toList());
        Series open = series(chart, "Netty connected");
        assertEquals(5, open.points().size());
        assertEquals(Point.of(0.1, 2000), open.points().get(2));
        assertEquals(Marker.NONE, open.style().marker(), "too many samples for markers");
        assertEquals("7 4", series(chart, "Tyrus connected").style().dash());
        assertEquals("Networks of 4, sampled every 50 ms; all peer lists complete after Netty 2.22 s, Tyrus 3.06 s",
                chart.notes().get(0));
        assertTrue(chart.notes().get(1).startsWith("median of 1 to 2 runs · 2 cores"), chart.notes().get(1));
    }

    @Test
    void withoutRunsEachChartIsEmpty() {
        assertTrue(RelayLatencyFigure.chart(List.of()).isEmpty());
        assertTrue(MemoryFigure.chart(List.of()).isEmpty());
        assertTrue(StormTimelineFigure.chart(List.of()).isEmpty());
        assertTrue(StormTimelineFigure.chart(List.of(relay("netty", 1, 5500, 2))).isEmpty());
    }
}
