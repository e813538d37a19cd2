package io.peershare.server;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Names that look meant for the server but are not one of its settings: a misspelling ({@code MAX_FILE_SZE}), which
 * would otherwise leave the default in force without a word, or a {@code PEERSHARE_} prefix the settings do not take.
 * Other names are left alone: a process's environment holds many that are none of the server's business
 * ({@code PATH}, {@code HOME}, {@code JAVA_HOME}).
 */
final class UnknownSettingNames {

    private static final String PREFIX = "PEERSHARE_";
    /**
     * What Kubernetes sets in every pod for each service in its namespace: a service named {@code peershare} gives
     * {@code PEERSHARE_PORT=tcp://10.0.0.1:4000}, {@code PEERSHARE_SERVICE_HOST} and the like, which nobody wrote.
     */
    private static final Pattern SERVICE_LINK = Pattern.compile(
            "[A-Z0-9_]+_(?:SERVICE_HOST|SERVICE_PORT(?:_[A-Z0-9_]+)?|PORT(?:_\\d+_(?:TCP|UDP|SCTP)(?:_PROTO|_PORT|_ADDR)?)?)");

    private UnknownSettingNames() {
    }

    /**
     * One warning per name in {@code file} or {@code environment} that looks meant for the server but is none of
     * {@code known}: the file's in the order of its lines, naming them, then the environment's in alphabetical order.
     */
    static List<String> warnings(Collection<String> known, DotEnvFile file, Map<String, String> environment) {
        List<String> warnings = new ArrayList<>();
        for (DotEnvFile.Entry entry : file.entries().values()) {
            warning(entry.name(), known).ifPresent(w -> warnings.add(file.where() + " line " + entry.line() + ": " + w));
        }
        for (String name : new TreeSet<>(environment.keySet())) {
            if (!file.entries().containsKey(name) && !SERVICE_LINK.matcher(name).matches()) {
                warning(name, known).ifPresent(w -> warnings.add("environment variable " + w));
            }
        }
        return warnings;
    }

    /** {@code NAME is not a setting; did you mean ...?}, or nothing for a setting or a name unlike any. */
    static Optional<String> warning(String name, Collection<String> known) {
        if (known.contains(name)) {
            return Optional.empty();
        }
        boolean prefixed = name.toUpperCase(Locale.ROOT).startsWith(PREFIX);
        List<String> near = nearest(prefixed ? name.substring(PREFIX.length()) : name, known);
        if (near.isEmpty() && !prefixed) {
            return Optional.empty();
        }
        String warning = name + " is not a setting" + (prefixed ? " (settings take no " + PREFIX + " prefix)" : "");
        return Optional.of(near.isEmpty() ? warning + "; docs/operations.md lists them"
                : warning + "; did you mean " + String.join(" or ", near) + "?");
    }

    /**
     * The known names closest to {@code name} in Damerau-Levenshtein distance, ignoring case, within a quarter of the
     * known name's length and at most 2: one edit away from {@code PORT} or {@code NODE_ID}, two from
     * {@code MAX_FILE_SIZE}, never {@code HOME} for {@code HOST}.
     */
    static List<String> nearest(String name, Collection<String> known) {
        String upper = name.toUpperCase(Locale.ROOT);
        List<String> nearest = new ArrayList<>();
        int best = Integer.MAX_VALUE;
        for (String candidate : known) {
            int distance = distance(upper, candidate);
            if (distance > Math.min(2, candidate.length() / 4) || distance > best) {
                continue;
            }
            if (distance < best) {
                nearest.clear();
                best = distance;
            }
            nearest.add(candidate);
        }
        return nearest;
    }

    /** Edits (insert, delete, replace, swap two neighbours) from {@code a} to {@code b}, no character edited twice. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
