package io.peershare.bench.chart;

/**
 * How a series' line is drawn apart from its colour: the dash pattern (SVG {@code stroke-dasharray}, empty for a
 * solid line), the marker at its points and whether the marker is hollow.
 */
public record LineStyle(String dash, Marker marker, boolean hollow) {

    public static final LineStyle SOLID = new LineStyle("", Marker.CIRCLE, false);
    public static final LineStyle DASHED = new LineStyle("7 4", Marker.SQUARE, true);
    public static final LineStyle DOTTED = new LineStyle("2 3", Marker.TRIANGLE, false);
    public static final LineStyle DASH_DOT = new LineStyle("8 3 2 3", Marker.DIAMOND, true);

    private static final LineStyle[] ALL = {SOLID, DASHED, DOTTED, DASH_DOT};

    /** The n-th style of the four, again from the first after the fourth. */
    public static LineStyle nth(int n) {
        return ALL[Math.floorMod(n, ALL.length)];
    }

    public LineStyle withoutMarkers() {
        return new LineStyle(dash, Marker.NONE, hollow);
    }
}
