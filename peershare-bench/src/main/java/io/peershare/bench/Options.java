package io.peershare.bench;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --name value} options of a scenario, with defaults. Every value a scenario reads (given or defaulted) is
 * remembered, in the order it was read, as the run's parameters for its results file.
 */
final class Options {

    private final Map<String, String> values = new HashMap<>();
    private final Map<String, String> used = new LinkedHashMap<>();

    Options(String[] args, int from) {
        for (int i = from; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value, got " + args[i]);
            }
            values.put(args[i].substring(2), args[++i]);
        }
    }

    URI url() {
        return URI.create(values.getOrDefault("url", "ws://127.0.0.1:4000/ws"));
    }

    /** The servers to spread clients over: {@code --url} and, for a cluster, {@code --url2}. */
    List<URI> urls() {
        return values.containsKey("url2") ? List.of(url(), URI.create(values.get("url2"))) : List.of(url());
    }

    /** Process ids whose CPU is summed ({@code --pid} and, for a cluster, {@code --pid2}). */
    List<Long> pids() {
        return values.containsKey("pid2") ? List.of(pid(), Long.parseLong(values.get("pid2"))) : List.of(pid());
    }

    /** The server's process id, for its CPU and memory; required. */
    long pid() {
        String pid = values.get("pid");
        if (pid == null) {
            throw new IllegalArgumentException("--pid <server process id> is required (e.g. $(pgrep -f peershare-example-server.jar))");
        }
        return Long.parseLong(pid);
    }

    String string(String name, String fallback) {
        String value = values.getOrDefault(name, fallback);
        used.put(name, value);
        return value;
    }

    double decimal(String name, double fallback) {
        return Double.parseDouble(string(name, Double.toString(fallback)));
    }

    /** {@code --pacing even|bursty}, bursty unless said. */
    Schedule.Pacing pacing() {
        return Schedule.Pacing.parse(string("pacing", "bursty"));
    }

    /** {@code --burst-gap-ms}: mean gap between the frames of one burst (bursty pacing), 1 ms unless said. */
    long burstGapNanos() {
        return Math.round(decimal("burst-gap-ms", 1.0) * 1e6);
    }

    /**
     * {@code --stamp intended|actual}: frames carry the time they were due (the default) or the time they were
     * built, which hides the generator's own lateness, as earlier versions did; for comparisons only.
     */
    boolean stampActual() {
        String stamp = string("stamp", "intended");
        if (!stamp.equals("intended") && !stamp.equals("actual")) {
            throw new IllegalArgumentException("--stamp must be intended or actual, not " + stamp);
        }
        return stamp.equals("actual");
    }

    int integer(String name, int fallback) {
        return Integer.parseInt(string(name, Integer.toString(fallback)));
    }

    List<Integer> integers(String name, String fallback) {
        return Arrays.stream(string(name, fallback).split(",")).map(String::trim).map(Integer::parseInt).toList();
    }

    /** The values the scenario has read so far (given or defaulted), by name, in the order they were read. */
    Map<String, String> parameters() {
        return new LinkedHashMap<>(used);
    }

    /**
     * {@code --out DIR}: where the run's results file goes; by default {@code results} beside the bench jar
     * ({@code peershare-bench/target/results}), or {@code none} for no file.
     */
    Path resultsDirectory() {
        String out = values.get("out");
        if (out != null) {
            return out.equals("none") ? null : Path.of(out);
        }
        try {
            Path code = Path.of(Options.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return code.getParent().resolve("results"); // target/peershare-bench.jar or target/classes
        } catch (URISyntaxException | RuntimeException e) {
            return Path.of("peershare-bench", "target", "results");
        }
    }

    /** {@code --transport}: the server's transport, for the results (bench.sh passes it); else $TRANSPORT. */
    String transport() {
        String env = System.getenv("TRANSPORT");
        return values.getOrDefault("transport", env == null || env.isBlank() ? "unknown" : env);
    }

    /** {@code --run N --runs M}: this is run N of M (bench.sh's {@code --runs}); 1 of 1 unless said. */
    int run() {
        return Integer.parseInt(values.getOrDefault("run", "1"));
    }

    int runs() {
        return Integer.parseInt(values.getOrDefault("runs", "1"));
    }

    /** {@code --commit}: the version of PeerShare measured (bench.sh passes git's short hash), or empty. */
    String commit() {
        return values.getOrDefault("commit", "");
    }
}
