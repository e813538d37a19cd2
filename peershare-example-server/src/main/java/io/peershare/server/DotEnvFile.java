package io.peershare.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code .env} file in the syntax dotenv tools share: {@code NAME=value} lines, with
 * <ul>
 * <li>blank lines and lines starting with {@code #} ignored, and an {@code export } before the name allowed;</li>
 * <li>spaces around {@code =}; an unquoted value trimmed, a {@code #} after a space starting a comment;</li>
 * <li>{@code 'single quotes'} taken literally, {@code "double quotes"} reading {@code \n}, {@code \r}, {@code \t},
 *     {@code \"} and {@code \\} as escapes; either may span lines, and be followed by a comment.</li>
 * </ul>
 * Nothing is expanded ({@code $HOME} stays as written). A line that is none of these is a problem naming its line; the
 * others are still read, so that every problem can be reported at once. Immutable.
 */
final class DotEnvFile {

    /** One variable the file sets, and the line it starts on. */
    record Entry(String name, String value, int line) {
    }

    /** What dotenv tools accept as a name; any that is not a setting is only ever warned about. */
    private static final Pattern ASSIGNMENT = Pattern.compile("(?:export\\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\\s*=(.*)");

    private final String where;
    private final Map<String, Entry> entries;
    private final List<String> problems;
    private final List<String> warnings;

    private DotEnvFile(String where, Map<String, Entry> entries, List<String> problems, List<String> warnings) {
        this.where = where;
        this.entries = entries;
        this.problems = List.copyOf(problems);
        this.warnings = List.copyOf(warnings);
    }

    /** The file at {@code path}; an empty one if there is none. */
    static DotEnvFile read(Path path) {
        String where = path.toAbsolutePath().toString();
        try {
            return parse(where, Files.readString(path, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return parse(where, "");
        } catch (IOException e) {
            return new DotEnvFile(where, Map.of(), List.of(where + ": cannot be read (" + NetworkErrors.describe(e) + ")"),
                    List.of());
        }
    }

    /** {@code text} as a {@code .env} file; {@code where} names it in problems and warnings. */
    static DotEnvFile parse(String where, String text) {
        String[] lines = text.replace("\uFEFF", "").split("\r\n|\r|\n", -1);
        Map<String, Entry> entries = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            int number = i + 1;
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher assignment = ASSIGNMENT.matcher(line);
            if (!assignment.matches()) {
                problems.add(where + " line " + number + ": expected NAME=value, such as PORT=4000; was '"
                        + Setting.oneLine(line) + "'");
                continue;
            }
            String rest = assignment.group(2).stripLeading();
            String value;
            if (rest.startsWith("'") || rest.startsWith("\"")) {
                // Names hold no quotes, so the line's first quote opens the value.
                QuotedValue quoted = QuotedValue.read(lines, i, lines[i].indexOf(rest.charAt(0)));
                if (quoted.problem() != null) {
                    problems.add(where + " line " + number + ": " + quoted.problem());
                    i = quoted.lastLine();
                    continue;
                }
                value = quoted.value();
                i = quoted.lastLine();
            } else {
                value = withoutComment(assignment.group(2));
            }
            String name = assignment.group(1);
            Entry earlier = entries.remove(name); // re-inserted: the order is the order a variable was last set in
            if (earlier != null) {
                warnings.add(where + " line " + number + " sets " + name + " again; line " + earlier.line()
                        + "'s value is not used");
            }
            entries.put(name, new Entry(name, value, number));
        }
        return new DotEnvFile(where, entries, problems, warnings);
    }

    /**
     * An unquoted value (all after the {@code =}) up to a {@code #} that follows a space, trimmed, as shells read it:
     * {@code a#b} and {@code #b} keep their {@code #}.
     */
    private static String withoutComment(String value) {
        for (int i = 1; i < value.length(); i++) {
            if (value.charAt(i) == '#' && Character.isWhitespace(value.charAt(i - 1))) {
                return value.substring(0, i).strip();
            }
        }
        return value.strip();
    }

    /** The file's absolute path, as problems and warnings name it. */
    String where() {
        return where;
    }

    /** Every variable the file sets, by name, the last value of each. */
    Map<String, Entry> entries() {
        return entries;
    }

    /** The variables as names and values. */
    Map<String, String> variables() {
        Map<String, String> variables = new HashMap<>();
        entries.values().forEach(entry -> variables.put(entry.name(), entry.value()));
        return variables;
    }

    /** Lines that could not be read, one problem each, naming the line. */
    List<String> problems() {
        return problems;
    }

    /** A variable set twice, naming the lines. */
    List<String> warnings() {
        return warnings;
    }

    /** A value in quotes, which may go on over the following lines. */
    private record QuotedValue(String value, int lastLine, String problem) {

        /** The value whose opening quote is at {@code column} of line {@code first}. */
        static QuotedValue read(String[] lines, int first, int column) {
            char quote = lines[first].charAt(column);
            StringBuilder value = new StringBuilder();
            int line = first;
            int at = column + 1;
            while (true) {
                String text = lines[line];
                while (at < text.length()) {
                    char c = text.charAt(at++);
                    if (c == quote) {
                        String after = text.substring(at).strip();
                        if (!after.isEmpty() && !after.startsWith("#")) {
                            return new QuotedValue(null, line, "after the closing " + quoteName(quote)
                                    + " only a # comment may follow; was '" + Setting.oneLine(after) + "'");
                        }
                        return new QuotedValue(value.toString(), line, null);
                    }
                    if (c == '\\' && quote == '"' && at < text.length()) {
                        char escaped = text.charAt(at++);
                        switch (escaped) {
                            case 'n' -> value.append('\n');
                            case 'r' -> value.append('\r');
                            case 't' -> value.append('\t');
                            case '"', '\\' -> value.append(escaped);
                            default -> value.append(c).append(escaped); // not an escape: kept as written
                        }
                    } else {
                        value.append(c);
                    }
                }
                if (++line == lines.length) {
                    return new QuotedValue(null, lines.length - 1, "the " + quoteName(quote)
                            + " that opens the value is never closed");
                }
                value.append('\n');
                at = 0;
            }
        }

        private static String quoteName(char quote) {
            return quote == '"' ? "double quote" : "single quote";
        }
    }
}
