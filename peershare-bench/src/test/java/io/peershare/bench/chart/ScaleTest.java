package io.peershare.bench.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScaleTest {

    private static List<String> labels(Scale scale) {
        return scale.ticks().stream().map(Tick::label).filter(l -> !l.isEmpty()).toList();
    }

    @Test
    void linearScaleRoundsToNiceTicksFromZero() {
        LinearScale rates = LinearScale.fit(5500, 55000, true, 0, 600);
        assertEquals(0, rates.min());
        assertEquals(60000, rates.max());
        assertEquals(List.of("0", "10,000", "20,000", "30,000", "40,000", "50,000", "60,000"), labels(rates));
        assertEquals(300, rates.toPixel(30000), 1e-9);
        assertEquals(55, rates.toPixel(5500), 1e-9);
    }

    @Test
    void linearScaleLeavesHeadroomAboveAMaximumOnATick() {
        LinearScale clients = LinearScale.fit(0, 5000, true, 400, 100);
        assertEquals(6000, clients.max(), "a line at 5,000 does not run along the frame");
        assertEquals(400, clients.toPixel(0), 1e-9);
        assertEquals(100, clients.toPixel(6000), 1e-9, "increasing values go up the screen");
    }

    @Test
    void linearScaleLabelsFractionsWithTheDecimalsTheirStepNeeds() {
        LinearScale seconds = LinearScale.fit(0, 2.3, true, 0, 500);
        assertEquals(List.of("0.0", "0.5", "1.0", "1.5", "2.0", "2.5"), labels(seconds));
        assertEquals(List.of("0.00", "0.25", "0.50", "0.75", "1.00", "1.25"), labels(LinearScale.fit(0, 1.2, true, 0, 500)));
    }

    @Test
    void niceStepsAreOneTwoTwoAndAHalfOrFiveTimesAPowerOfTen() {
        assertEquals(0.5, LinearScale.niceStep(0.47));
        assertEquals(2.5, LinearScale.niceStep(2.2));
        assertEquals(10, LinearScale.niceStep(7));
        assertEquals(1000, LinearScale.niceStep(1000));
        assertEquals(0.02, LinearScale.niceStep(0.013));
    }

    @Test
    void aSingleValueOrNoValueStillMakesAnAxis() {
        LinearScale one = LinearScale.fit(3, 3, false, 0, 100);
        assertTrue(one.min() < 3 && one.max() > 3, one.min() + ".." + one.max());
        LinearScale zero = LinearScale.fit(0, 0, true, 0, 100);
        assertEquals(0, zero.min());
        assertTrue(zero.max() > 0);
        LinearScale none = LinearScale.fit(Double.NaN, Double.NaN, true, 0, 100);
        assertEquals(0, none.min());
        assertTrue(none.max() >= 1);
        assertTrue(none.ticks().size() >= 2);
    }

    @Test
    void logScaleSpansWholeDecadesWithEqualSpaceForEach() {
        LogScale ms = LogScale.fit(0.12, 56, 400, 100); // 3 decades on 300 px
        assertEquals(0.1, ms.min(), 1e-15);
        assertEquals(100, ms.max(), 1e-12);
        assertEquals(400, ms.toPixel(0.1), 1e-9);
        assertEquals(300, ms.toPixel(1), 1e-9);
        assertEquals(200, ms.toPixel(10), 1e-9);
        assertEquals(100, ms.toPixel(100), 1e-9);
        assertEquals(250, ms.toPixel(Math.sqrt(10)), 1e-9, "half way up a decade is its square root");
        assertEquals(300 - 100 * Math.log10(2), ms.toPixel(2), 1e-9);
    }

    @Test
    void logScaleTicksEveryPowerOfTenAndLabelsTwoAndFiveWhenThereIsRoom() {
        LogScale roomy = LogScale.fit(0.12, 56, 400, 100); // 100 px a decade
        assertEquals(List.of("0.1", "0.2", "0.5", "1", "2", "5", "10", "20", "50", "100"), labels(roomy));
        assertEquals(4, roomy.ticks().stream().filter(Tick::major).count());
        assertEquals(3 * 8 + 4, roomy.ticks().size(), "2 to 9 in each decade, and the powers of ten");

        LogScale tight = LogScale.fit(0.5, 900, 250, 0); // 0.5 to 1,000: 3.3 decades on 250 px
        assertEquals(List.of("0.5", "1", "10", "100", "1,000"), labels(tight), "the ends, and the powers of ten");
    }

    @Test
    void logScaleEndsAtOneTwoOrFiveTimesAPowerOfTen() {
        LogScale ms = LogScale.fit(0.12, 143.6, 400, 0);
        assertEquals(0.1, ms.min(), 1e-15);
        assertEquals(200, ms.max(), 1e-12, "not 1,000: no empty decade on top");
        assertEquals("200", ms.ticks().get(ms.ticks().size() - 1).label());
        assertEquals(0, ms.toPixel(200), 1e-9);
        assertEquals(400, ms.toPixel(0.1), 1e-9);
        assertEquals(2, LogScale.fit(2.5, 4, 100, 0).min());
        assertEquals(5, LogScale.fit(2.5, 4, 100, 0).max());
        assertEquals(0.05, LogScale.fit(0.07, 0.1, 100, 0).min(), 1e-15);
        assertEquals(0.1, LogScale.fit(0.07, 0.1, 100, 0).max(), 1e-15);
    }

    @Test
    void logScaleHasNoPlaceForZeroOrLessAndDefaultsWithoutData() {
        LogScale scale = LogScale.fit(1, 1, 100, 0);
        assertEquals(1, scale.min());
        assertEquals(10, scale.max());
        assertFalse(scale.accepts(0));
        assertFalse(scale.accepts(-1));
        assertFalse(scale.accepts(Double.NaN));
        assertTrue(scale.accepts(1e-9));
        LogScale none = LogScale.fit(Double.NaN, Double.NaN, 100, 0);
        assertEquals(1, none.min());
        assertEquals(10, none.max());
    }

    @Test
    void tickLabelsAndCoordinatesIgnoreTheDefaultLocale() {
        assertEquals("2,500", TickLabels.linear(2500, 500));
        assertEquals("0.5", TickLabels.linear(0.5, 0.5));
        assertEquals("2.25", TickLabels.linear(2.25, 0.25));
        assertEquals("0.02", TickLabels.plain(0.02));
        assertEquals("1,000", TickLabels.plain(1000));
        assertEquals("12.3", Svg.num(12.34));
        assertEquals("5", Svg.num(5.0));
        assertEquals("0", Svg.num(-0.04));
        assertEquals("-2.5", Svg.num(-2.54));
        assertEquals("a &lt;b&gt; &amp; &quot;c&quot;", Svg.escape("a <b> & \"c\"\u0007"));
    }
}
