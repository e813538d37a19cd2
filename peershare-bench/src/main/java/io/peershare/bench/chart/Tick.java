package io.peershare.bench.chart;

/** A tick of an axis: its value, its label (empty for an unlabelled tick) and whether it is a major one. */
public record Tick(double value, String label, boolean major) {
}
