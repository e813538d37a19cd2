package io.peershare.bench.chart;

import java.util.ArrayList;
import java.util.List;

/**
 * A base-10 logarithmic axis from the greatest of 1, 2 or 5 times a power of ten at or below the data's least
 * positive value to the least such number at or above its greatest (0.1 to 200 for data from 0.12 to 144). A
 * major, labelled tick at each power of ten; minor ticks at 2 to 9 times it, of which 2 and 5 are labelled too
 * when a decade is tall enough to hold their labels; the ends of the axis are always labelled.
 */
public final class LogScale implements Scale {

    /** From this many pixels per decade on, the 2 and 5 ticks get labels too. */
    static final double PIXELS_TO_LABEL_2_AND_5 = 90;

    private static final int[] ENDS = {1, 2, 5};

    private final double min;
    private final double max;
    private final double pixelAtMin;
    private final double pixelAtMax;

    private LogScale(double min, double max, double pixelAtMin, double pixelAtMax) {
        this.min = min;
        this.max = max;
        this.pixelAtMin = pixelAtMin;
        this.pixelAtMax = pixelAtMax;
    }

    /**
     * A scale for the positive values in {@code dataMin..dataMax}; a single value gets the decade it is in, and
     * without any the axis runs from 1 to 10.
     */
    public static LogScale fit(double dataMin, double dataMax, double pixelAtMin, double pixelAtMax) {
        if (!(dataMin > 0) || !(dataMax > 0) || Double.isInfinite(dataMax)) {
            return new LogScale(1, 10, pixelAtMin, pixelAtMax);
        }
        double low = atOrBelow(dataMin);
        double high = atOrAbove(dataMax);
        if (high <= low) {
            low = power((int) Math.floor(Math.log10(dataMin) + 1e-9));
            high = low * 10;
        }
        return new LogScale(low, high, pixelAtMin, pixelAtMax);
    }

    private static double atOrBelow(double value) {
        int decade = (int) Math.floor(Math.log10(value) + 1e-9);
        double best = power(decade);
        for (int k : ENDS) {
            double candidate = k * power(decade);
            if (candidate <= value * (1 + 1e-9)) {
                best = candidate;
            }
        }
        return best;
    }

    private static double atOrAbove(double value) {
        int decade = (int) Math.floor(Math.log10(value) + 1e-9);
        for (int k : ENDS) {
            double candidate = k * power(decade);
            if (candidate >= value * (1 - 1e-9)) {
                return candidate;
            }
        }
        return power(decade + 1);
    }

    /** 10 to the n, with 10^-1 exactly the double 0.1. */
    private static double power(int n) {
        return n < 0 ? 1 / Math.pow(10, -n) : Math.pow(10, n);
    }

    private static double times(int k, int decade) {
        return decade < 0 ? k / Math.pow(10, -decade) : k * Math.pow(10, decade);
    }

    @Override
    public double toPixel(double value) {
        double fraction = (Math.log10(value) - Math.log10(min)) / (Math.log10(max) - Math.log10(min));
        return pixelAtMin + fraction * (pixelAtMax - pixelAtMin);
    }

    @Override
    public boolean accepts(double value) {
        return value > 0 && !Double.isInfinite(value);
    }

    @Override
    public double min() {
        return min;
    }

    @Override
    public double max() {
        return max;
    }

    @Override
    public List<Tick> ticks() {
        double pixelsPerDecade = Math.abs(pixelAtMax - pixelAtMin) / (Math.log10(max) - Math.log10(min));
        boolean labelTwoAndFive = pixelsPerDecade >= PIXELS_TO_LABEL_2_AND_5;
        List<Tick> ticks = new ArrayList<>();
        int first = (int) Math.floor(Math.log10(min) + 1e-9);
        int last = (int) Math.ceil(Math.log10(max) - 1e-9);
        for (int decade = first; decade <= last; decade++) {
            for (int k = 1; k <= 9; k++) {
                double value = times(k, decade);
                if (value < min * (1 - 1e-9) || value > max * (1 + 1e-9)) {
                    continue;
                }
                boolean end = Math.abs(value / min - 1) < 1e-9 || Math.abs(value / max - 1) < 1e-9;
                boolean labelled = k == 1 || end || labelTwoAndFive && (k == 2 || k == 5);
                ticks.add(new Tick(value, labelled ? TickLabels.plain(value) : "", k == 1));
            }
        }
        return ticks;
    }
}
