package io.peershare.bench.chart;

import java.util.List;

/** Maps the values of one axis to pixels, and says where its ticks go. */
public interface Scale {

    /** The pixel coordinate of a value inside the domain (values outside extrapolate). */
    double toPixel(double value);

    /** Whether the value can be drawn on this scale (a log scale has no place for zero or less). */
    boolean accepts(double value);

    /** The domain's ends, after rounding to ticks. */
    double min();

    double max();

    /** The ticks, in increasing order of value. */
    List<Tick> ticks();
}
