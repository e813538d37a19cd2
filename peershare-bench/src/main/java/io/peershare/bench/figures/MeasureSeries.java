package io.peershare.bench.figures;

import io.peershare.bench.chart.Point;
import io.peershare.bench.chart.Series;
import io.peershare.bench.results.FoldedStep;
import io.peershare.bench.results.RunRecord;
import io.peershare.bench.results.Spread;
import io.peershare.bench.results.StepFold;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One line per transport and measure, from runs whose steps are keyed by {@code stepKey}: each point the median
 * over the runs that measured that step, with a bar from the least to the greatest. Also how many runs the
 * points rest on, at fewest and at most, for the chart's note.
 *
 * @param series the lines, transport by transport, in the order of {@code measures}
 * @param fewest the fewest runs behind any point ({@link Integer#MAX_VALUE} when there is none)
 * @param most   the most runs behind any point
 */
record MeasureSeries(List<Series> series, int fewest, int most) {

    /** @param measures rows of {result key, label, colour} */
    static MeasureSeries of(List<RunRecord> runs, String stepKey, String[][] measures) {
        List<Series> series = new ArrayList<>();
        int fewest = Integer.MAX_VALUE;
        int most = 0;
        int t = 0;
        for (Map.Entry<String, List<RunRecord>> transport : Transports.group(runs).entrySet()) {
            List<FoldedStep> steps = StepFold.fold(transport.getValue(), stepKey);
            for (String[] measure : measures) {
                List<Point> points = new ArrayList<>();
                for (FoldedStep step : steps) {
                    Spread s = step.get(measure[0]);
                    if (s.count() > 0) {
                        points.add(new Point(step.key(), s.median(), s.min(), s.max()));
                        fewest = Math.min(fewest, s.count());
                        most = Math.max(most, s.count());
                    }
                }
                series.add(new Series(Transports.label(transport.getKey()) + " " + measure[1], measure[2],
                        Transports.style(t), points));
            }
            t++;
        }
        return new MeasureSeries(series, fewest, most);
    }
}
