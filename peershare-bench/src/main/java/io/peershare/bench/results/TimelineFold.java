package io.peershare.bench.results;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Folds the timelines of several runs into one: each run's timeline is read as a step function (a figure keeps
 * its last sampled value until the next sample, and after the last one) on a common grid of times, spaced as the
 * runs were sampled (the median gap between samples), from 0 to the end of the longest run; at each time every
 * figure becomes the median over the runs that had started by then.
 */
public final class TimelineFold {

    /** Enough for a smooth line; a longer timeline is sampled more coarsely. */
    static final int MAX_POINTS = 2000;

    private TimelineFold() {
    }

    public static List<Figures> median(List<List<Figures>> timelines, String timeKey) {
        List<List<Figures>> runs = timelines.stream()
                .map(t -> t.stream().filter(s -> !Double.isNaN(s.get(timeKey))).sorted((a, b) -> Double.compare(a.get(timeKey), b.get(timeKey))).toList())
                .filter(t -> !t.isEmpty()).toList();
        if (runs.isEmpty()) {
            return List.of();
        }
        List<Double> gaps = new ArrayList<>();
        double end = 0;
        Set<String> names = new LinkedHashSet<>();
        for (List<Figures> run : runs) {
            for (int i = 1; i < run.size(); i++) {
                double gap = run.get(i).get(timeKey) - run.get(i - 1).get(timeKey);
                if (gap > 0) {
                    gaps.add(gap);
                }
            }
            end = Math.max(end, run.get(run.size() - 1).get(timeKey));
            run.forEach(s -> names.addAll(s.asMap().keySet()));
        }
        names.remove(timeKey);
        double step = gaps.isEmpty() ? Math.max(end, 1) : Spread.of(gaps).median();
        step = Math.max(step, end / MAX_POINTS);
        int points = (int) Math.round(end / step) + 1;
        List<Figures> folded = new ArrayList<>();
        for (int i = 0; i < points; i++) {
            double t = Math.min(end, Math.round(i * step * 1e9) / 1e9); // 0.15, not 0.15000000000000002
            Figures sample = new Figures().put(timeKey, t);
            for (String name : names) {
                List<Double> values = new ArrayList<>();
                for (List<Figures> run : runs) {
                    Figures at = lastAtOrBefore(run, timeKey, t);
                    if (at != null) {
                        values.add(at.get(name));
                    }
                }
                sample.put(name, Spread.of(values).median());
            }
            folded.add(sample);
        }
        return folded;
    }

    private static Figures lastAtOrBefore(List<Figures> run, String timeKey, double t) {
        double tolerance = 1e-9 * Math.max(1, Math.abs(t));
        double[] times = run.stream().mapToDouble(s -> s.get(timeKey)).toArray();
        int i = Arrays.binarySearch(times, t + tolerance);
        int index = i >= 0 ? i : -i - 2;
        while (index + 1 < times.length && times[index + 1] <= t + tolerance) {
            index++;
        }
        return index < 0 ? null : run.get(index);
    }
}
