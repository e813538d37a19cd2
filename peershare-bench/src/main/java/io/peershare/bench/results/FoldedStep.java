package io.peershare.bench.results;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** One step over several runs (see {@link StepFold}): its key (the offered rate, the client count) and each figure's spread. */
public record FoldedStep(double key, Map<String, Spread> figures) {

    public FoldedStep {
        figures = Collections.unmodifiableMap(new LinkedHashMap<>(figures));
    }

    /** The figure's spread; count 0 if no run had it. */
    public Spread get(String name) {
        return figures.getOrDefault(name, new Spread(Double.NaN, Double.NaN, Double.NaN, 0));
    }
}
