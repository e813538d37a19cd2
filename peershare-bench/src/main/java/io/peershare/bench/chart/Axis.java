package io.peershare.bench.chart;

/**
 * What an axis shows: its label (with the unit), whether it is logarithmic, and whether a linear one starts at
 * zero whatever the data.
 */
public record Axis(String label, boolean log, boolean fromZero) {

    public static Axis linear(String label) {
        return new Axis(label, false, false);
    }

    public static Axis fromZero(String label) {
        return new Axis(label, false, true);
    }

    public static Axis log(String label) {
        return new Axis(label, true, false);
    }
}
