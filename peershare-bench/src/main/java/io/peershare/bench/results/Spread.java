package io.peershare.bench.results;

import java.util.Collection;

/**
 * One figure over several runs: the median (the mean of the middle two for an even count), the least and the
 * greatest, and how many runs had it, as the tables show it, {@code median (min..max)}. NaN values (figures not
 * measured) are left out; with none left, all three are NaN and the count is 0.
 */
public record Spread(double median, double min, double max, int count) {

    public static Spread of(Collection<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).filter(v -> !Double.isNaN(v)).sorted().toArray();
        int n = sorted.length;
        if (n == 0) {
            return new Spread(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return new Spread(median, sorted[0], sorted[n - 1], n);
    }
}
