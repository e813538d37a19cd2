package io.peershare.bench.figures;

import io.peershare.bench.results.RunRecord;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The lines under a chart's title that say how many runs each point is, and on what machine, when. */
final class Notes {

    private Notes() {
    }

    /** "median of 3 runs, bars: min..max", "one run", or "median of 1 to 3 runs, bars: min..max". */
    static String runs(int fewest, int most) {
        if (most <= 1) {
            return "one run";
        }
        return (fewest == most ? "median of " + most + " runs" : "median of " + fewest + " to " + most + " runs")
                + ", bars: min..max";
    }

    /** "2 cores (AMD EPYC 7B13), 23 GiB, Java 17.0.15, Linux 6.1.0 · 2026-12-01": from the first run, dates of all. */
    static String host(List<RunRecord> runs) {
        if (runs.isEmpty()) {
            return "";
        }
        Map<String, String> host = runs.get(0).host();
        List<String> parts = new ArrayList<>();
        String cores = host.getOrDefault("cores", "?") + " cores";
        String cpu = host.get("cpu");
        parts.add(cpu == null ? cores : cores + " (" + shortCpu(cpu) + ")");
        String memory = host.get("memoryMiB");
        if (memory != null && memory.matches("\\d+")) {
            parts.add(Math.round(Long.parseLong(memory) / 1024.0) + " GiB");
        }
        String java = host.get("java");
        if (java != null) {
            parts.add("Java " + java.replaceFirst("[+-].*", ""));
        }
        String os = host.get("os");
        if (os != null) {
            String[] words = os.split(" ");
            parts.add(words.length >= 2 ? words[0] + " " + words[1].replaceFirst("-.*", "") : os);
        }
        return String.join(", ", parts) + " · " + dates(runs);
    }

    /** "2026-12-01", or "2026-12-01 to 2026-12-02" across days (UTC). */
    static String dates(List<RunRecord> runs) {
        List<LocalDate> days = runs.stream().map(r -> LocalDate.ofInstant(r.date(), ZoneOffset.UTC)).sorted().toList();
        LocalDate first = days.get(0);
        LocalDate last = days.get(days.size() - 1);
        return first.equals(last) ? first.toString() : first + " to " + last;
    }

    /** A count with thousands separators: 2,000. */
    static String count(double n) {
        return String.format(Locale.ROOT, "%,d", Math.round(n));
    }

    private static String shortCpu(String cpu) {
        return cpu.replaceAll("\\(R\\)|\\(TM\\)|\\bCPU\\b|\\bProcessor\\b|@.*$|\\d+-Core", "").replaceAll("\\s+", " ").trim();
    }
}
