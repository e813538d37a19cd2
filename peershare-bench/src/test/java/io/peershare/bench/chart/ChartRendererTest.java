package io.peershare.bench.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

class ChartRendererTest {

    private static LineChart latencyChart() {
        List<Series> series = new ArrayList<>();
        double[] rates = {5500, 11000, 22000, 33000, 44000, 55000};
        String[] names = {"p50", "p99", "p99.9"};
        for (int t = 0; t < 2; t++) {
            for (int p = 0; p < 3; p++) {
                List<Point> points = new ArrayList<>();
                for (int i = 0; i < rates.length; i++) {
                    double y = Math.pow(10, p - 1) * (1 + i) * (t + 1);
                    points.add(new Point(rates[i], y, y * 0.9, y * 1.2));
                }
                series.add(new Series((t == 0 ? "Netty " : "Tyrus ") + names[p], Palette.nth(p), LineStyle.nth(t), points));
            }
        }
        return new LineChart("Relay latency against offered rate", List.of("2,000 clients", "2 cores"),
                Axis.fromZero("offered rate (signals/s)"), Axis.log("one-way latency (ms, log scale)"), series);
    }

    @Test
    void aChartIsWellFormedStandaloneSvg() throws Exception {
        String svg = ChartRenderer.render(latencyChart());
        SvgDocument doc = SvgDocument.parse(svg);

        Element root = doc.root();
        assertEquals("svg", root.getLocalName());
        assertEquals(SvgDocument.SVG_NAMESPACE, root.getNamespaceURI());
        assertEquals(Integer.toString(ChartRenderer.WIDTH), root.getAttribute("width"));
        assertEquals(Integer.toString(ChartRenderer.HEIGHT), root.getAttribute("height"));
        assertEquals("Relay latency against offered rate", doc.all("title").get(0).getTextContent());
        assertTrue(doc.all("desc").get(0).getTextContent().contains("Netty p99: 6 points."));
        assertTrue(doc.all("script").isEmpty());
        assertFalse(svg.contains("href"), "nothing external: no links, images or fonts");
        assertFalse(svg.contains("url("));
        assertFalse(svg.contains("@import"));
        int bytes = svg.getBytes(StandardCharsets.UTF_8).length;
        assertTrue(bytes < 25_000, bytes + " bytes");
    }

    @Test
    void everySeriesHasItsLineLegendAndMarkers() throws Exception {
        SvgDocument doc = SvgDocument.parse(ChartRenderer.render(latencyChart()));

        assertEquals(6, doc.all("polyline").size());
        for (String name : List.of("Netty p50", "Netty p99", "Netty p99.9", "Tyrus p50", "Tyrus p99", "Tyrus p99.9")) {
            Element line = doc.line(name);
            assertNotNull(line, name);
            assertEquals(6, SvgDocument.points(line).size(), name);
            assertTrue(doc.texts().contains(name), "legend: " + name);
        }
        assertEquals("", doc.line("Netty p99").getAttribute("stroke-dasharray"), "first transport: solid");
        assertEquals("7 4", doc.line("Tyrus p99").getAttribute("stroke-dasharray"), "second: dashed");
        assertEquals(doc.line("Netty p99").getAttribute("stroke"), doc.line("Tyrus p99").getAttribute("stroke"),
                "a percentile has one colour");
        assertEquals(3 * 6 + 3, doc.all("circle").size(), "Netty's markers, and three in the legend");
        assertEquals(3 * 6 + 3, doc.all("rect").size() - 1, "Tyrus's squares and legend, besides the background");
        assertTrue(doc.texts().containsAll(List.of("offered rate (signals/s)", "one-way latency (ms, log scale)", "2,000 clients",
                "2 cores", "0", "20,000", "0.1", "1", "10")), doc.texts().toString());
    }

    @Test
    void pointsSitWhereTheLogScaleSays() throws Exception {
        LineChart chart = new LineChart("log", List.of(), Axis.linear("x"), Axis.log("y (ms)"), List.of(
                new Series("decades", Palette.BLUE, LineStyle.SOLID,
                        List.of(Point.of(1, 1), Point.of(2, Math.sqrt(10)), Point.of(3, 10), Point.of(4, 100)))));
        List<double[]> p = SvgDocument.points(SvgDocument.parse(ChartRenderer.render(chart)).line("decades"));

        double decade = p.get(0)[1] - p.get(2)[1];
        assertTrue(decade > 50, "1 is below 10 on screen: " + decade);
        assertEquals(decade, p.get(2)[1] - p.get(3)[1], 0.15, "10 to 100 as tall as 1 to 10");
        assertEquals(decade / 2, p.get(0)[1] - p.get(1)[1], 0.15, "√10 half way");
        assertEquals(p.get(1)[0] - p.get(0)[0], p.get(2)[0] - p.get(1)[0], 0.15, "linear x: equal steps");
    }

    @Test
    void valuesALogScaleCannotShowAreLeftOut() throws Exception {
        LineChart chart = new LineChart("log", List.of(), Axis.linear("x"), Axis.log("y"), List.of(
                new Series("s", Palette.BLUE, LineStyle.SOLID, List.of(Point.of(1, 0), Point.of(2, 1), Point.of(3, Double.NaN),
                        Point.of(4, 5)))));
        assertEquals(2, SvgDocument.points(SvgDocument.parse(ChartRenderer.render(chart)).line("s")).size());
    }

    @Test
    void barsShowTheRangeOfRuns() throws Exception {
        LineChart chart = new LineChart("bars", List.of(), Axis.fromZero("x"), Axis.fromZero("y"), List.of(
                new Series("ranged", Palette.BLUE, LineStyle.SOLID, List.of(new Point(1, 5, 4, 6), new Point(2, 6, 6, 6),
                        new Point(3, 7, 6.5, 8)))));
        SvgDocument doc = SvgDocument.parse(ChartRenderer.render(chart));
        long bars = doc.all("path").stream().filter(e -> e.getAttribute("d").matches("M[-0-9. ]+V[-0-9.]+M.*")).count();
        assertEquals(2, bars, "none where min equals max");
    }

    @Test
    void anEmptyChartSaysSo() throws Exception {
        LineChart chart = new LineChart("Nothing yet", List.of(), Axis.fromZero("x"), Axis.log("y"), List.of());
        assertTrue(chart.isEmpty());
        SvgDocument doc = SvgDocument.parse(ChartRenderer.render(chart));
        assertTrue(doc.texts().contains("no data"));
        assertTrue(doc.all("polyline").isEmpty());

        LineChart emptySeries = new LineChart("Empty", List.of(), Axis.fromZero("x"), Axis.fromZero("y"),
                List.of(new Series("nothing", Palette.BLUE, LineStyle.SOLID, List.of())));
        SvgDocument doc2 = SvgDocument.parse(ChartRenderer.render(emptySeries));
        assertTrue(doc2.texts().contains("no data"));
        assertTrue(doc2.texts().contains("nothing"), "still in the legend");
    }

    @Test
    void aSinglePointIsAMarkerEvenWithoutMarkers() throws Exception {
        LineChart chart = new LineChart("One", List.of(), Axis.fromZero("x"), Axis.log("y"), List.of(
                new Series("marked", Palette.BLUE, LineStyle.SOLID, List.of(Point.of(19000, 3.5))),
                new Series("plain", Palette.VERMILLION, LineStyle.DASHED.withoutMarkers(), List.of(Point.of(5, 2)))));
        SvgDocument doc = SvgDocument.parse(ChartRenderer.render(chart));
        assertTrue(doc.all("polyline").isEmpty());
        assertNull(doc.line("marked"));
        assertFalse(doc.texts().contains("no data"));
        long markers = doc.all("g").stream().filter(g -> !g.getAttribute("data-series").isEmpty()).count();
        assertEquals(2, markers);
        assertEquals(3, doc.all("circle").size(), "two points and the solid series' legend marker");
    }

    @Test
    void longNotesAreWrappedAtSpaces() throws Exception {
        assertEquals(List.of("aa bb", "cc", "dddddddd", "e"), ChartRenderer.wrap("aa bb cc dddddddd e", 5));
        assertEquals(List.of(""), ChartRenderer.wrap("", 5));
        String note = "word ".repeat(60).trim();
        SvgDocument doc = SvgDocument.parse(ChartRenderer.render(new LineChart("t", List.of(note), Axis.linear("x"), Axis.linear("y"),
                List.of())));
        List<String> lines = doc.texts().stream().filter(t -> t.startsWith("word")).toList();
        assertEquals(3, lines.size(), lines.toString());
        assertEquals(note, String.join(" ", lines));
    }

    @Test
    void textIsEscapedAndOutputIsTheSameInEveryLocale() throws Exception {
        LineChart chart = new LineChart("p99 < 2 ms & \"fast\"", List.of("a <note>"), Axis.linear("x"), Axis.linear("y"), List.of(
                new Series("a & b", Palette.BLUE, LineStyle.SOLID, List.of(Point.of(0.5, 1234.5), Point.of(1.5, 2345.25)))));
        String root = ChartRenderer.render(chart);
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertEquals(root, ChartRenderer.render(chart), "decimal commas would break coordinates");
        } finally {
            Locale.setDefault(before);
        }
        SvgDocument doc = SvgDocument.parse(root);
        assertEquals("p99 < 2 ms & \"fast\"", doc.all("title").get(0).getTextContent());
        assertTrue(doc.texts().containsAll(List.of("a <note>", "a & b")));
        assertEquals(root, ChartRenderer.render(chart), "deterministic");
    }
}
