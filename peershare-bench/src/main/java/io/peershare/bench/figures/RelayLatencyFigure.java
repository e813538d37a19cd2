package io.peershare.bench.figures;

import io.peershare.bench.chart.Axis;
import io.peershare.bench.chart.LineChart;
import io.peershare.bench.chart.Palette;
import io.peershare.bench.results.Keys;
import io.peershare.bench.results.RunRecord;
import java.util.ArrayList;
import java.util.List;

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
        MeasureSeries lines = MeasureSeries.of(runs, Keys.TARGET_PER_SECOND, PERCENTILES);
        List<String> notes = new ArrayList<>();
        if (!runs.isEmpty()) {
            RunRecord first = runs.get(0);
            notes.add(Notes.count(Double.parseDouble(first.parameter("clients", "0"))) + " clients in networks of 4, "
                    + first.parameter("pacing", "bursty") + " load, " + first.parameter("step-seconds", "?")
                    + " s per rate; one-way latency from the intended send time");
            notes.add(Notes.runs(lines.fewest(), lines.most()) + " · " + Notes.host(runs));
        }
        return new LineChart("Relay latency against offered rate", notes, Axis.fromZero("offered rate (signals/s)"),
                Axis.log("one-way latency (ms, log scale)"), lines.series());
    }
}
