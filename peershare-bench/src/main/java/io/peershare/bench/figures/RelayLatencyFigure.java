package io.peershare.bench.figures;

import io.peershare.bench.chart.Axis;
import io.peershare.bench.chart.LineChart;
import io.peershare.bench.chart.Palette;
import io.peershare.bench.chart.Point;
import io.peershare.bench.chart.Series;
import io.peershare.bench.results.FoldedStep;
import io.peershare.bench.results.Keys;
import io.peershare.bench.results.RunRecord;
import io.peershare.bench.results.Spread;
import io.peershare.bench.results.StepFold;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The relay's one-way latency percentiles (p50, p99, p99.9; log scale) against the offered rate, one line
 * style per transport, one colour per percentile, from the relay runs on a single server. Each point is the
 * median over the runs of that transport that offered that rate, with a bar from the least to the greatest.
 */
public final class RelayLatencyFigure {

    public static final String FILE = "relay-latency.svg";

    private static final String[][] PERCENTILES = {
        {Keys.P50_MS, "p50", Palette.BLUE},
        {Keys.P99_MS, "p99", Palette.VERMILLION},
        {Keys.P999_MS, "p99.9", Palette.BLUISH_GREEN},
    };

    private RelayLatencyFigure() {
    }

    /** The relay runs on one server node (the cluster's are left out). */
    static List<RunRecord> runs(List<RunRecord> all) {
        return all.stream().filter(r -> r.scenario().equals("relay") && r.servers() == 1).toList();
    }

    public static LineChart chart(List<RunRecord> all) {
        List<RunRecord> runs = runs(all);
        List<Series> series = new ArrayList<>();
        int fewest = Integer.MAX_VALUE;
        int most = 0;
        int t = 0;
        for (Map.Entry<String, List<RunRecord>> transport : Transports.group(runs).entrySet()) {
            List<FoldedStep> steps = StepFold.fold(transport.getValue(), Keys.TARGET_PER_SECOND);
            for (String[] percentile : PERCENTILES) {
                List<Point> points = new ArrayList<>();
                for (FoldedStep step : steps) {
                    Spread s = step.get(percentile[0]);
                    if (s.count() > 0) {
                        points.add(new Point(step.key(), s.median(), s.min(), s.max()));
                        fewest = Math.min(fewest, s.count());
                        most = Math.max(most, s.count());
                    }
                }
                series.add(new Series(Transports.label(transport.getKey()) + " " + percentile[1], percentile[2],
                        Transports.style(t), points));
            }
            t++;
        }
        List<String> notes = new ArrayList<>();
        if (!runs.isEmpty()) {
            RunRecord first = runs.get(0);
            notes.add(Notes.count(Double.parseDouble(first.parameter("clients", "0"))) + " clients in networks of 4, "
                    + first.parameter("pacing", "bursty") + " load, " + first.parameter("step-seconds", "?")
                    + " s per rate; one-way latency from the intended send time");
            notes.add(Notes.runs(fewest, most) + " · " + Notes.host(runs));
        }
        return new LineChart("Relay latency against offered rate", notes, Axis.fromZero("offered rate (signals/s)"),
                Axis.log("one-way latency (ms, log scale)"), series);
    }
}
