package io.peershare.bench.figures;

import io.peershare.bench.chart.Axis;
import io.peershare.bench.chart.LineChart;
import io.peershare.bench.chart.Palette;
import io.peershare.bench.results.Keys;
import io.peershare.bench.results.RunRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * The server's memory per idle connection against the number of clients, from the idle runs: live heap after a
 * full collection and growth of the process's resident memory, each divided by the clients; one line style per
 * transport, one colour per measure.
 */
public final class MemoryFigure {

    public static final String FILE = "memory-per-connection.svg";

    private static final String[][] MEASURES = {
        {Keys.HEAP_KB_PER_CLIENT, "heap", Palette.BLUE},
        {Keys.RSS_KB_PER_CLIENT, "RSS growth", Palette.VERMILLION},
    };

    private MemoryFigure() {
    }

    static List<RunRecord> runs(List<RunRecord> all) {
        return all.stream().filter(r -> r.scenario().equals("idle") && r.servers() == 1).toList();
    }

    public static LineChart chart(List<RunRecord> all) {
        List<RunRecord> runs = runs(all);
        MeasureSeries lines = MeasureSeries.of(runs, Keys.CLIENTS, MEASURES);
        List<String> notes = new ArrayList<>();
        if (!runs.isEmpty()) {
            notes.add("Clients in networks of 4, heartbeating; heap: live data after a full GC; RSS: growth of the process");
            notes.add(Notes.runs(lines.fewest(), lines.most()) + " · " + Notes.host(runs));
        }
        return new LineChart("Server memory per idle connection", notes, Axis.fromZero("connected clients"),
                Axis.fromZero("memory per connection (KB)"), lines.series());
    }
}
