package io.peershare.bench.chart;

import java.util.List;

/** A named line of points, with its colour (an SVG colour such as {@code #0072B2}) and line style. */
public record Series(String name, String colour, LineStyle style, List<Point> points) {

    public Series {
        points = List.copyOf(points);
    }
}
