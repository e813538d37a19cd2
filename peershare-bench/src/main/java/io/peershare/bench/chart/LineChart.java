package io.peershare.bench.chart;

import java.util.List;

/**
 * A line chart: a title, lines of notes under it (what was measured, how, where), the two axes and the series.
 * {@link ChartRenderer} draws it as SVG.
 */
public record LineChart(String title, List<String> notes, Axis x, Axis y, List<Series> series) {

    public LineChart {
        notes = List.copyOf(notes);
        series = List.copyOf(series);
    }

    /** Whether any series has a point to draw. */
    public boolean isEmpty() {
        return series.stream().allMatch(s -> s.points().isEmpty());
    }
}
