package io.peershare.bench.chart;

/**
 * A point of a series; {@code low} and {@code high}, when both are numbers and differ, are drawn as a bar
 * through it (the least and greatest of several runs).
 */
public record Point(double x, double y, double low, double high) {

    public static Point of(double x, double y) {
        return new Point(x, y, Double.NaN, Double.NaN);
    }

    public boolean hasRange() {
        return !Double.isNaN(low) && !Double.isNaN(high) && low < high;
    }
}
