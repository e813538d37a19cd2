package io.peershare.bench.chart;

import java.util.List;

/** The key to a chart's series, one row each (a sample of the line, its marker, its name), beside the plot. */
final class Legend {

    static final double ROW = 21;
    static final double SAMPLE = 28;
    static final double FONT_SIZE = 12.5;
    /** An estimate of the mean width of a character at that size, for layout (the viewer's font is not known). */
    static final double CHAR_WIDTH = 6.9;

    private Legend() {
    }

    /** The width the legend needs; 0 without series. */
    static double width(List<Series> series) {
        int longest = series.stream().mapToInt(s -> s.name().length()).max().orElse(-1);
        return longest < 0 ? 0 : Math.min(240, SAMPLE + 10 + longest * CHAR_WIDTH);
    }

    static void draw(Svg svg, List<Series> series, double left, double top) {
        if (series.isEmpty()) {
            return;
        }
        svg.open("g", "font-size", Svg.num(FONT_SIZE), "fill", "#1a1a1a");
        double y = top + ROW / 2;
        for (Series s : series) {
            LineStyle style = s.style();
            svg.empty("line", "x1", Svg.num(left), "y1", Svg.num(y), "x2", Svg.num(left + SAMPLE), "y2", Svg.num(y),
                    "stroke", s.colour(), "stroke-width", "2", "stroke-dasharray", style.dash().isEmpty() ? "none" : style.dash());
            style.marker().draw(svg, left + SAMPLE / 2, y, s.colour(), style.hollow());
            svg.element("text", s.name(), "x", Svg.num(left + SAMPLE + 8), "y", Svg.num(y + FONT_SIZE * 0.35));
            y += ROW;
        }
        svg.close("g");
    }
}
