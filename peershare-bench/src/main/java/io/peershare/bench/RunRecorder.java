package io.peershare.bench;

import io.peershare.bench.results.Figures;
import io.peershare.bench.results.HostFacts;
import io.peershare.bench.results.ResultsDirectory;
import io.peershare.bench.results.RunRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Collects what one run of a scenario measured (the rows of its table, samples over time, totals) and, when it
 * ends, writes it with the facts of the run (date, transport, host, parameters, the server's JVM options) to a
 * results file in {@code --out} (see {@link Options#resultsDirectory}). A file that cannot be written is a
 * warning, not a failed run: the table on standard output is still there.
 */
final class RunRecorder {

    private final String scenario;
    private final Options options;
    private final Instant start = Instant.now();
    private final List<Figures> steps = new ArrayList<>();
    private final List<Figures> timeline = new ArrayList<>();
    private Figures totals = new Figures();
    private String generator = "";

    RunRecorder(String scenario, Options options) {
        this.scenario = scenario;
        this.options = options;
    }

    void generator(String description) {
        generator = description;
    }

    /** A row of the scenario's table. */
    void step(Figures figures) {
        steps.add(figures);
    }

    /** A sample of a timeline; from any thread. */
    synchronized void sample(Figures figures) {
        timeline.add(figures);
    }

    void totals(Figures figures) {
        totals = figures;
    }

    /** Writes the results file and says where on standard error; returns its path, or null if none was written. */
    synchronized Path save() {
        Path directory = options.resultsDirectory();
        if (directory == null) {
            return null;
        }
        Map<String, String> parameters = options.parameters();
        String serverOptions = ProcessStats.javaOptions(options.pid());
        if (serverOptions != null) {
            parameters.put("serverJavaOptions", serverOptions);
        }
        RunRecord record = new RunRecord(scenario, options.transport(), start, options.run(), options.runs(),
                options.urls().size(), options.commit(), HostFacts.collect(), generator, parameters, steps, timeline, totals);
        try {
            Path file = new ResultsDirectory(directory).write(record);
            System.err.println("results: " + file);
            return file;
        } catch (IOException e) {
            System.err.println("warning: results not written to " + directory + ": " + e);
            return null;
        }
    }
}
