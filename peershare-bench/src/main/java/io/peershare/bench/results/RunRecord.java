package io.peershare.bench.results;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one run of one scenario measured, and under what: the scenario ({@code relay}, {@code idle}, ...), the
 * server's transport, when it started, which run of how many it was, how many server nodes it spread clients
 * over, the version of PeerShare (a commit, or empty), facts of the host, the load generator, the parameters the
 * scenario ran with (given or defaulted, as text), and the figures: one {@link Figures} per step of the table,
 * samples over time, and totals. Steps, timeline and totals may each be empty.
 */
public record RunRecord(String scenario, String transport, Instant date, int run, int runs, int servers, String commit,
        Map<String, String> host, String generator, Map<String, String> parameters, List<Figures> steps,
        List<Figures> timeline, Figures totals) {

    /** Version of the file format; a reader refuses files of a newer one. */
    public static final int FORMAT = 1;

    public RunRecord {
        Objects.requireNonNull(scenario);
        Objects.requireNonNull(transport);
        date = date.truncatedTo(ChronoUnit.SECONDS);
        commit = commit == null ? "" : commit;
        host = Collections.unmodifiableMap(new LinkedHashMap<>(host));
        generator = generator == null ? "" : generator;
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        steps = List.copyOf(steps);
        timeline = List.copyOf(timeline);
        totals = totals == null ? new Figures() : totals;
    }

    /** A parameter as given or defaulted, or {@code fallback} if the run did not record it. */
    public String parameter(String name, String fallback) {
        return parameters.getOrDefault(name, fallback);
    }
}
