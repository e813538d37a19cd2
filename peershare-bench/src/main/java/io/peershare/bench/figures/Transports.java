package io.peershare.bench.figures;

import io.peershare.bench.chart.LineStyle;
import io.peershare.bench.results.RunRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The server transports in a set of runs, in a fixed order (Netty, Tyrus, then any other by name), with the
 * name a chart shows and the line style that stands for each: solid lines and filled circles for the first,
 * dashed lines and hollow squares for the second.
 */
final class Transports {

    private static final List<String> KNOWN = List.of("netty", "tyrus");

    private Transports() {
    }

    /** The runs grouped by transport, in chart order. */
    static Map<String, List<RunRecord>> group(List<RunRecord> runs) {
        List<String> names = runs.stream().map(RunRecord::transport).distinct()
                .sorted((a, b) -> rank(a) != rank(b) ? Integer.compare(rank(a), rank(b)) : a.compareTo(b)).toList();
        Map<String, List<RunRecord>> grouped = new LinkedHashMap<>();
        for (String name : names) {
            grouped.put(name, new ArrayList<>(runs.stream().filter(r -> r.transport().equals(name)).toList()));
        }
        return grouped;
    }

    /** "Netty", "Tyrus". */
    static String label(String transport) {
        return transport.isEmpty() ? transport : Character.toUpperCase(transport.charAt(0)) + transport.substring(1);
    }

    /** The style of the n-th transport of a chart. */
    static LineStyle style(int n) {
        return LineStyle.nth(n);
    }

    private static int rank(String transport) {
        int i = KNOWN.indexOf(transport);
        return i < 0 ? KNOWN.size() : i;
    }
}
