package io.peershare.bench.figures;

import io.peershare.bench.chart.ChartRenderer;
import io.peershare.bench.chart.LineChart;
import io.peershare.bench.results.ResultsDirectory;
import io.peershare.bench.results.RunRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Renders the charts of docs/performance.md from a directory of results files:
 * {@value RelayLatencyFigure#FILE}, {@value MemoryFigure#FILE} and {@value StormTimelineFigure#FILE}. A chart
 * whose scenario has no runs in the directory is not written (an existing file is left as it is).
 *
 * <pre>java -jar peershare-bench.jar charts --in DIR [--out docs/performance]</pre>
 */
public final class ChartsCommand {

    private ChartsCommand() {
    }

    /** Returns the number of charts written. */
    public static int run(String[] args) throws IOException {
        Path in = null;
        Path out = Path.of("docs", "performance");
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value, got " + args[i]);
            }
            switch (args[i]) {
                case "--in" -> in = Path.of(args[i + 1]);
                case "--out" -> out = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("usage: charts --in RESULTS_DIR [--out CHARTS_DIR]");
            }
        }
        if (in == null) {
            throw new IllegalArgumentException("usage: charts --in RESULTS_DIR [--out CHARTS_DIR]");
        }
        List<RunRecord> runs = new ResultsDirectory(in).readAll();
        System.out.println(runs.size() + " runs in " + in);
        return render(runs, out);
    }

    /** Writes each chart that has data into {@code out}; returns how many. */
    static int render(List<RunRecord> runs, Path out) throws IOException {
        Map<String, Function<List<RunRecord>, LineChart>> charts = new LinkedHashMap<>();
        charts.put(RelayLatencyFigure.FILE, RelayLatencyFigure::chart);
        charts.put(MemoryFigure.FILE, MemoryFigure::chart);
        charts.put(StormTimelineFigure.FILE, StormTimelineFigure::chart);
        int written = 0;
        for (Map.Entry<String, Function<List<RunRecord>, LineChart>> chart : charts.entrySet()) {
            LineChart c = chart.getValue().apply(runs);
            if (c.isEmpty()) {
                System.out.println("  " + chart.getKey() + ": no runs for it, not written");
                continue;
            }
            Files.createDirectories(out);
            Path file = out.resolve(chart.getKey());
            String svg = ChartRenderer.render(c);
            Files.writeString(file, svg, StandardCharsets.UTF_8);
            System.out.printf("  %s (%,d bytes)%n", file, svg.getBytes(StandardCharsets.UTF_8).length);
            written++;
        }
        return written;
    }
}
