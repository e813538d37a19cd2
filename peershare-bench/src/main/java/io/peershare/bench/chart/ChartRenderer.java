package io.peershare.bench.chart;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.DoubleStream;

/**
 * Draws a {@link LineChart} as a standalone SVG document of {@value #WIDTH} × {@value #HEIGHT} pixels: title and
 * notes on top, the plot with grid lines, ticks and axis labels, the series (bars for their min..max first, then
 * lines, then markers) and the legend on the right. A chart without points gets empty axes saying "no data". The
 * same chart always gives the same text.
 */
public final class ChartRenderer {

    public static final int WIDTH = 760;
    public static final int HEIGHT = 460;

    private static final double PLOT_LEFT = 74;
    private static final double BOTTOM_SPACE = 58;
    private static final double RIGHT_MARGIN = 12;
    private static final double LEGEND_GAP = 26;
    private static final double TITLE_BASELINE = 26;
    private static final double NOTE_LINE = 17;
    private static final String TEXT = "#1a1a1a";
    private static final String MUTED = "#4d4d4d";
    /** An estimate of the width of a character of the notes (12.5 px), for wrapping them; the viewer's font is not known. */
    private static final double NOTE_CHAR_WIDTH = 6.8;

    private ChartRenderer() {
    }

    public static String render(LineChart chart) {
        List<String> notes = new ArrayList<>();
        chart.notes().forEach(n -> notes.addAll(wrap(n, (int) ((WIDTH - 32) / NOTE_CHAR_WIDTH))));
        double legendWidth = Legend.width(chart.series());
        double plotRight = WIDTH - RIGHT_MARGIN - (legendWidth > 0 ? legendWidth + LEGEND_GAP : 0);
        double plotTop = TITLE_BASELINE + 12 + NOTE_LINE * notes.size() + 12;
        double plotBottom = HEIGHT - BOTTOM_SPACE;
        Scale x = scale(chart.x(), xValues(chart), PLOT_LEFT, plotRight);
        Scale y = scale(chart.y(), yValues(chart), plotBottom, plotTop);

        Svg svg = new Svg(WIDTH, HEIGHT, chart.title(), description(chart));
        svg.empty("rect", "width", Integer.toString(WIDTH), "height", Integer.toString(HEIGHT), "fill", "#ffffff");
        svg.element("text", chart.title(), "x", "16", "y", Svg.num(TITLE_BASELINE), "font-size", "17", "font-weight", "bold",
                "fill", TEXT);
        for (int i = 0; i < notes.size(); i++) {
            svg.element("text", notes.get(i), "x", "16", "y", Svg.num(TITLE_BASELINE + 12 + NOTE_LINE * (i + 1) - 4),
                    "font-size", "12.5", "fill", MUTED);
        }
        grid(svg, x, y, PLOT_LEFT, plotRight, plotTop, plotBottom);
        axisLabels(svg, chart, PLOT_LEFT, plotRight, plotTop, plotBottom);
        if (drawSeries(svg, chart.series(), x, y) == 0) {
            svg.element("text", "no data", "x", Svg.num((PLOT_LEFT + plotRight) / 2), "y", Svg.num((plotTop + plotBottom) / 2),
                    "text-anchor", "middle", "font-size", "16", "fill", MUTED);
        }
        Legend.draw(svg, chart.series(), plotRight + LEGEND_GAP, plotTop);
        return svg.finish();
    }

    private static Scale scale(Axis axis, double[] values, double pixelAtMin, double pixelAtMax) {
        if (axis.log()) {
            double[] positive = DoubleStream.of(values).filter(v -> v > 0 && !Double.isInfinite(v)).toArray();
            return LogScale.fit(DoubleStream.of(positive).min().orElse(Double.NaN),
                    DoubleStream.of(positive).max().orElse(Double.NaN), pixelAtMin, pixelAtMax);
        }
        double[] finite = DoubleStream.of(values).filter(v -> !Double.isNaN(v) && !Double.isInfinite(v)).toArray();
        return LinearScale.fit(DoubleStream.of(finite).min().orElse(Double.NaN), DoubleStream.of(finite).max().orElse(Double.NaN),
                axis.fromZero(), pixelAtMin, pixelAtMax);
    }

    private static double[] xValues(LineChart chart) {
        return chart.series().stream().flatMap(s -> s.points().stream()).mapToDouble(Point::x).toArray();
    }

    private static double[] yValues(LineChart chart) {
        return chart.series().stream().flatMap(s -> s.points().stream())
                .flatMapToDouble(p -> p.hasRange() ? DoubleStream.of(p.y(), p.low(), p.high()) : DoubleStream.of(p.y())).toArray();
    }

    private static void grid(Svg svg, Scale x, Scale y, double left, double right, double top, double bottom) {
        svg.open("g", "font-size", "12", "fill", "#333333");
        for (Tick t : y.ticks()) {
            double py = y.toPixel(t.value());
            svg.empty("line", "x1", Svg.num(left), "y1", Svg.num(py), "x2", Svg.num(right), "y2", Svg.num(py),
                    "stroke", t.major() ? "#d4d4d4" : "#ececec", "stroke-width", "1");
            if (!t.label().isEmpty()) {
                svg.empty("line", "x1", Svg.num(left - 5), "y1", Svg.num(py), "x2", Svg.num(left), "y2", Svg.num(py),
                        "stroke", "#444444", "stroke-width", "1");
                svg.element("text", t.label(), "x", Svg.num(left - 8), "y", Svg.num(py + 4), "text-anchor", "end");
            }
        }
        for (Tick t : x.ticks()) {
            double px = x.toPixel(t.value());
            svg.empty("line", "x1", Svg.num(px), "y1", Svg.num(top), "x2", Svg.num(px), "y2", Svg.num(bottom),
                    "stroke", "#ececec", "stroke-width", "1");
            if (!t.label().isEmpty()) {
                svg.empty("line", "x1", Svg.num(px), "y1", Svg.num(bottom), "x2", Svg.num(px), "y2", Svg.num(bottom + 5),
                        "stroke", "#444444", "stroke-width", "1");
                svg.element("text", t.label(), "x", Svg.num(px), "y", Svg.num(bottom + 19), "text-anchor", "middle");
            }
        }
        svg.empty("path", "d", "M" + Svg.num(left) + " " + Svg.num(top) + "V" + Svg.num(bottom) + "H" + Svg.num(right),
                "fill", "none", "stroke", "#444444", "stroke-width", "1");
        svg.close("g");
    }

    private static void axisLabels(Svg svg, LineChart chart, double left, double right, double top, double bottom) {
        svg.element("text", chart.x().label(), "x", Svg.num((left + right) / 2), "y", Svg.num(bottom + 44), "text-anchor", "middle",
                "font-size", "13", "fill", TEXT);
        double cy = (top + bottom) / 2;
        svg.element("text", chart.y().label(), "x", "20", "y", Svg.num(cy), "text-anchor", "middle", "font-size", "13",
                "fill", TEXT, "transform", "rotate(-90 20 " + Svg.num(cy) + ")");
    }

    /** Draws every series; returns how many points were drawn. */
    private static int drawSeries(Svg svg, List<Series> series, Scale x, Scale y) {
        Map<LineStyle, Integer> styles = new LinkedHashMap<>();
        series.stream().filter(s -> s.points().stream().anyMatch(Point::hasRange)).forEach(s -> styles.putIfAbsent(s.style(), styles.size()));
        List<List<Point>> drawable = new ArrayList<>();
        for (Series s : series) {
            drawable.add(s.points().stream().filter(p -> x.accepts(p.x()) && y.accepts(p.y()))
                    .sorted(Comparator.comparingDouble(Point::x)).toList());
        }
        int drawn = 0;
        for (int i = 0; i < series.size(); i++) { // bars first: lines and markers go over them
            Series s = series.get(i);
            Integer index = styles.get(s.style());
            if (index == null) {
                continue;
            }
            double shift = (index - (styles.size() - 1) / 2.0) * 5;
            svg.open("g", "stroke", s.colour(), "stroke-width", "1.2", "stroke-opacity", "0.75");
            for (Point p : drawable.get(i)) {
                if (p.hasRange()) {
                    double px = x.toPixel(p.x()) + shift;
                    double lo = y.toPixel(y.accepts(p.low()) ? p.low() : y.min());
                    double hi = y.toPixel(p.high());
                    svg.empty("path", "d", "M" + Svg.num(px) + " " + Svg.num(lo) + "V" + Svg.num(hi) + "M" + Svg.num(px - 3) + " "
                            + Svg.num(lo) + "H" + Svg.num(px + 3) + "M" + Svg.num(px - 3) + " " + Svg.num(hi) + "H" + Svg.num(px + 3));
                }
            }
            svg.close("g");
        }
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            List<Point> points = drawable.get(i);
            if (points.size() > 1) {
                StringBuilder coordinates = new StringBuilder();
                for (Point p : points) {
                    coordinates.append(coordinates.length() > 0 ? " " : "").append(Svg.num(x.toPixel(p.x()))).append(',')
                            .append(Svg.num(y.toPixel(p.y())));
                }
                List<String> attributes = new ArrayList<>(List.of("points", coordinates.toString(), "fill", "none",
                        "stroke", s.colour(), "stroke-width", "2", "stroke-linejoin", "round"));
                if (!s.style().dash().isEmpty()) {
                    attributes.addAll(List.of("stroke-dasharray", s.style().dash()));
                }
                attributes.addAll(List.of("data-series", s.name()));
                svg.empty("polyline", attributes.toArray(String[]::new));
            }
            drawn += points.size();
        }
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            List<Point> points = drawable.get(i);
            Marker marker = s.style().marker() == Marker.NONE && points.size() == 1 ? Marker.CIRCLE : s.style().marker();
            if (marker == Marker.NONE) {
                continue;
            }
            svg.open("g", "data-series", s.name());
            for (Point p : points) {
                marker.draw(svg, x.toPixel(p.x()), y.toPixel(p.y()), s.colour(), s.style().hollow());
            }
            svg.close("g");
        }
        return drawn;
    }

    /** The text in lines of at most {@code width} characters, broken at spaces (a longer word gets a line of its own). */
    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() > 0 ? " " : "").append(word);
        }
        if (line.length() > 0 || lines.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }

    /** For screen readers: what the chart plots, and its series. */
    private static String description(LineChart chart) {
        StringBuilder d = new StringBuilder(chart.title()).append(". ");
        chart.notes().forEach(n -> d.append(n).append(". "));
        d.append("Horizontal axis: ").append(chart.x().label()).append("; vertical axis: ").append(chart.y().label()).append('.');
        for (Series s : chart.series()) {
            d.append(' ').append(s.name()).append(": ").append(s.points().size()).append(s.points().size() == 1 ? " point." : " points.");
        }
        return d.toString();
    }
}
