package io.peershare.bench.chart;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * Labels of tick values: whole numbers with thousands separators ({@code 10,000}), others with as many decimals
 * as the spacing of the ticks needs ({@code 0.5}, {@code 2.25}), never in exponent notation or a locale's comma.
 */
final class TickLabels {

    private TickLabels() {
    }

    /** A value of a linear axis whose ticks are {@code step} apart. */
    static String linear(double value, double step) {
        int decimals = Math.max(0, decimals(step));
        if (decimals == 0) {
            return String.format(Locale.ROOT, "%,d", Math.round(value));
        }
        return String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }

    /** A value of a log axis: 0.01, 0.5, 1, 20, 1,000. */
    static String plain(double value) {
        BigDecimal exact = new BigDecimal(value, new MathContext(10)).stripTrailingZeros();
        if (exact.scale() <= 0) {
            return String.format(Locale.ROOT, "%,d", exact.longValue());
        }
        return exact.toPlainString();
    }

    /** How many decimals show a multiple of {@code step}: 0 for 1, 5, 1000; 1 for 0.5; 2 for 0.25. */
    static int decimals(double step) {
        BigDecimal exact = new BigDecimal(step, new MathContext(10)).stripTrailingZeros();
        return Math.max(0, exact.scale());
    }
}
