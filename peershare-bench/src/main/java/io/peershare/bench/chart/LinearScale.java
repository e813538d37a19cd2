package io.peershare.bench.chart;

import java.util.ArrayList;
import java.util.List;

/**
 * A linear axis whose ends are rounded out to "nice" ticks (1, 2, 2.5 or 5 times a power of ten apart, at
 * most six intervals), with a little headroom so that a line at the data's maximum does not run along the frame.
 */
public final class LinearScale implements Scale {

    private static final double[] NICE = {1, 2, 2.5, 5, 10};

    private final double min;
    private final double max;
    private final double step;
    private final double pixelAtMin;
    private final double pixelAtMax;

    private LinearScale(double min, double max, double step, double pixelAtMin, double pixelAtMax) {
        this.min = min;
        this.max = max;
        this.step = step;
        this.pixelAtMin = pixelAtMin;
        this.pixelAtMax = pixelAtMax;
    }

    /**
     * A scale that shows {@code dataMin..dataMax} (and zero, if {@code fromZero}) between two pixel coordinates;
     * an empty or one-value range is widened around its value.
     */
    public static LinearScale fit(double dataMin, double dataMax, boolean fromZero, double pixelAtMin, double pixelAtMax) {
        double lo = dataMin;
        double hi = dataMax;
        if (Double.isNaN(lo) || Double.isNaN(hi) || Double.isInfinite(lo) || Double.isInfinite(hi)) {
            lo = 0;
            hi = 1;
        }
        if (fromZero) {
            lo = Math.min(0, lo);
            hi = Math.max(0, hi);
        }
        if (hi - lo <= Math.abs(hi) * 1e-12) {
            double pad = hi == 0 ? 1 : Math.abs(hi) / 2;
            hi += pad;
            lo = fromZero && lo >= 0 ? 0 : lo - pad;
        }
        double top = hi + (hi - lo) * 0.02;
        double step = niceStep((top - lo) / 6);
        double niceMin = Math.floor(lo / step + 1e-9) * step;
        double niceMax = Math.ceil(top / step - 1e-9) * step;
        return new LinearScale(round(niceMin), round(niceMax), step, pixelAtMin, pixelAtMax);
    }

    static double niceStep(double raw) {
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double nice : NICE) {
            if (nice * power >= raw * (1 - 1e-9)) {
                return round(nice * power);
            }
        }
        return round(10 * power);
    }

    @Override
    public double toPixel(double value) {
        return pixelAtMin + (value - min) / (max - min) * (pixelAtMax - pixelAtMin);
    }

    @Override
    public boolean accepts(double value) {
        return !Double.isNaN(value) && !Double.isInfinite(value);
    }

    @Override
    public double min() {
        return min;
    }

    @Override
    public double max() {
        return max;
    }

    public double step() {
        return step;
    }

    @Override
    public List<Tick> ticks() {
        List<Tick> ticks = new ArrayList<>();
        long count = Math.round((max - min) / step);
        for (long i = 0; i <= count; i++) {
            double value = round(min + i * step);
            ticks.add(new Tick(value, TickLabels.linear(value, step), true));
        }
        return ticks;
    }

    /** Twelve significant digits: 0.1 + 0.2 is 0.3 again. */
    private static double round(double value) {
        return value == 0 ? 0 : new java.math.BigDecimal(value, new java.math.MathContext(12)).doubleValue();
    }
}
