package io.peershare.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Folds the reports of several runs of one scenario into one: every number of a table row becomes
 * {@code median (min..max)} over the runs, printed with the first run's decimals; everything else is taken from
 * the first run. The runs must have the same rows in the same order (the same options).
 *
 * <pre>java -jar peershare-bench.jar median run-1.md run-2.md run-3.md</pre>
 */
final class MedianTable {

    private MedianTable() {
    }

    static void run(String[] files) throws IOException {
        if (files.length == 0) {
            throw new IllegalArgumentException("usage: median REPORT...");
        }
        List<List<String>> runs = new ArrayList<>();
        for (String file : files) {
            runs.add(Files.readAllLines(Path.of(file)));
        }
        fold(runs).forEach(System.out::println);
    }

    /** The first run's lines, with each table row's numbers replaced by median (min..max) over all runs. */
    static List<String> fold(List<List<String>> runs) {
        List<String> first = runs.get(0);
        List<List<String>> rows = runs.stream().map(r -> r.stream().filter(MedianTable::isRow).toList()).toList();
        for (int i = 1; i < rows.size(); i++) {
            if (rows.get(i).size() != rows.get(0).size()) {
                throw new IllegalArgumentException("run " + (i + 1) + " has " + rows.get(i).size()
                        + " table rows, run 1 has " + rows.get(0).size() + ": were the options the same?");
            }
        }
        List<String> out = new ArrayList<>();
        int row = 0;
        for (String line : first) {
            if (isRow(line)) {
                int r = row++;
                out.add(foldRow(rows.stream().map(lines -> lines.get(r)).toList()));
            } else {
                out.add(line);
            }
        }
        return out;
    }

    /** A table line that holds figures: not a header (it has a digit in a cell) and not the separator. */
    private static boolean isRow(String line) {
        return line.startsWith("|") && !line.startsWith("|---") && Arrays.stream(cells(line)).anyMatch(MedianTable::isNumber);
    }

    private static String foldRow(List<String> lines) {
        String[] first = cells(lines.get(0));
        StringBuilder out = new StringBuilder("|");
        for (int c = 0; c < first.length; c++) {
            int column = c;
            List<String> values = lines.stream().map(l -> cells(l)[column]).toList();
            boolean numeric = c > 0 && values.stream().allMatch(MedianTable::isNumber);
            out.append(' ').append(numeric ? median(values) : first[c]).append(" |");
        }
        return out.toString();
    }

    static String median(List<String> values) {
        double[] sorted = values.stream().mapToDouble(Double::parseDouble).sorted().toArray();
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        int point = values.get(0).indexOf('.');
        int decimals = point < 0 ? 0 : values.get(0).length() - point - 1;
        String format = "%." + decimals + "f";
        return n == 1 ? String.format(format, median)
                : String.format(format + " (" + format + ".." + format + ")", median, sorted[0], sorted[n - 1]);
    }

    private static String[] cells(String line) {
        String inner = line.substring(1, line.endsWith("|") ? line.length() - 1 : line.length());
        return Arrays.stream(inner.split("\\|", -1)).map(String::trim).toArray(String[]::new);
    }

    private static boolean isNumber(String s) {
        return s.matches("-?\\d+(\\.\\d+)?");
    }
}
