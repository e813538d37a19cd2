package io.peershare.bench.results;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Folds the steps of several runs of one scenario into one step per value of a key figure (the relay's offered
 * rate, the idle scenario's client count), in increasing order of the key: every figure becomes its
 * {@link Spread} over the runs that have that step. Runs need not have the same steps: a step that one run
 * alone measured is that run's figures (count 1).
 */
public final class StepFold {

    private StepFold() {
    }

    public static List<FoldedStep> fold(List<RunRecord> runs, String key) {
        Map<Double, List<Figures>> byKey = new TreeMap<>();
        for (RunRecord run : runs) {
            for (Figures step : run.steps()) {
                double k = step.get(key);
                if (!Double.isNaN(k)) {
                    byKey.computeIfAbsent(k, x -> new ArrayList<>()).add(step);
                }
            }
        }
        List<FoldedStep> folded = new ArrayList<>();
        byKey.forEach((k, steps) -> {
            Set<String> names = new LinkedHashSet<>();
            steps.forEach(s -> names.addAll(s.asMap().keySet()));
            Map<String, Spread> figures = new LinkedHashMap<>();
            for (String name : names) {
                figures.put(name, Spread.of(steps.stream().map(s -> s.get(name)).toList()));
            }
            folded.add(new FoldedStep(k, figures));
        });
        return folded;
    }
}
