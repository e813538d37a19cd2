package io.peershare.bench.results;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Named numbers measured together: one step of a scenario (one offered rate, one client count), one sample of a
 * timeline, or a run's totals. Kept in the order they were put, which is the order of the printed table's
 * columns. A figure that was not measured reads as NaN.
 */
public final class Figures {

    private final Map<String, Double> values = new LinkedHashMap<>();

    public Figures put(String name, double value) {
        values.put(Objects.requireNonNull(name), value);
        return this;
    }

    /** The figure, or NaN if there is none of that name. */
    public double get(String name) {
        Double value = values.get(name);
        return value == null ? Double.NaN : value;
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    public Map<String, Double> asMap() {
        return Collections.unmodifiableMap(values);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Figures other && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
