package io.peershare.bench.figures;

import io.peershare.bench.chart.Axis;
import io.peershare.bench.chart.LineChart;
import io.peershare.bench.chart.Palette;
import io.peershare.bench.chart.Point;
import io.peershare.bench.chart.Series;
import io.peershare.bench.results.Figures;
import io.peershare.bench.results.Keys;
import io.peershare.bench.results.RunRecord;
import io.peershare.bench.results.Spread;
import io.peershare.bench.results.TimelineFold;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The storm over time, from the storm runs: how many clients had their connection open and how many had their
 * complete peer list, from the moment the storm began; one line style per transport, one colour per count, each line the
 * median over that transport's runs.
 */
public final class StormTimelineFigure {

    public static final String FILE = "storm-timeline.svg";

    private static final String[][] COUNTS = {
        {Keys.OPEN, "connected", Palette.BLUE},
        {Keys.COMPLETE, "peer list complete", Palette.VERMILLION},
    };

    private StormTimelineFigure() {
    }

    static List<RunRecord> runs(List<RunRecord> all) {
        return all.stream().filter(r -> r.scenario().equals("storm") && r.servers() == 1 && !r.timeline().isEmpty()).toList();
    }

    public static LineChart chart(List<RunRecord> all) {
        List<RunRecord> runs = runs(all);
        List<Series> series = new ArrayList<>();
        List<String> completeTimes = new ArrayList<>();
        int fewest = Integer.MAX_VALUE;
        int most = 0;
        int t = 0;
        for (Map.Entry<String, List<RunRecord>> transport : Transports.group(runs).entrySet()) {
            List<RunRecord> ofTransport = transport.getValue();
            List<Figures> timeline = TimelineFold.median(ofTransport.stream().map(RunRecord::timeline).toList(), Keys.T_SECONDS);
            String label = Transports.label(transport.getKey());
            for (String[] count : COUNTS) {
                List<Point> points = timeline.stream().map(s -> Point.of(s.get(Keys.T_SECONDS), s.get(count[0]))).toList();
                series.add(new Series(label + " " + count[1], count[2], Transports.style(t).withoutMarkers(), points));
            }
            Spread complete = Spread.of(ofTransport.stream().map(r -> r.totals().get(Keys.PEER_LISTS_COMPLETE_SECONDS)).toList());
            if (complete.count() > 0) {
                completeTimes.add(label + String.format(Locale.ROOT, " %.2f s", complete.median()));
            }
            fewest = Math.min(fewest, ofTransport.size());
            most = Math.max(most, ofTransport.size());
            t++;
        }
        List<String> notes = new ArrayList<>();
        String title = "Storm: clients connect and join at once";
        if (!runs.isEmpty()) {
            double clients = runs.get(0).totals().get(Keys.CLIENTS);
            if (!Double.isNaN(clients)) {
                title = "Storm: " + Notes.count(clients) + " clients connect and join at once";
            }
            notes.add("Networks of 4, sampled every " + runs.get(0).parameter("sample-ms", "50") + " ms"
                    + (completeTimes.isEmpty() ? "" : "; all peer lists complete after " + String.join(", ", completeTimes)));
            notes.add((most <= 1 ? "one run" : (fewest == most ? "median of " + most : "median of " + fewest + " to " + most)
                    + " runs") + " · " + Notes.host(runs));
        }
        return new LineChart(title, notes, Axis.fromZero("time since the storm began (s)"), Axis.fromZero("clients"), series);
    }
}
