package io.peershare.bench.results;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The JSON form of a {@link RunRecord}: one object per file, each step, sample and the totals on a line of their
 * own, so that a file reads like the table it came from. Figures are written with at most four decimals; a
 * figure that is not a number (NaN) is written as {@code null}. Parameters and host facts are text; those that
 * look like numbers are written as JSON numbers and read back as the same text.
 */
public final class RunJson {

    private static final Pattern NUMBER = Pattern.compile("-?(0|[1-9][0-9]{0,14})(\\.[0-9]{1,12})?");

    private RunJson() {
    }

    public static String write(RunRecord r) {
        StringBuilder out = new StringBuilder("{\n");
        out.append("  \"format\": ").append(RunRecord.FORMAT).append(",\n");
        out.append("  \"scenario\": ").append(quote(r.scenario())).append(",\n");
        out.append("  \"transport\": ").append(quote(r.transport())).append(",\n");
        out.append("  \"date\": ").append(quote(r.date().toString())).append(",\n");
        out.append("  \"run\": ").append(r.run()).append(",\n");
        out.append("  \"runs\": ").append(r.runs()).append(",\n");
        out.append("  \"servers\": ").append(r.servers()).append(",\n");
        out.append("  \"commit\": ").append(quote(r.commit())).append(",\n");
        out.append("  \"host\": ").append(texts(r.host())).append(",\n");
        out.append("  \"generator\": ").append(quote(r.generator())).append(",\n");
        out.append("  \"parameters\": ").append(texts(r.parameters())).append(",\n");
        out.append("  \"steps\": ").append(list(r.steps())).append(",\n");
        out.append("  \"timeline\": ").append(list(r.timeline())).append(",\n");
        out.append("  \"totals\": ").append(figures(r.totals())).append("\n");
        return out.append("}\n").toString();
    }

    /** Reads what {@link #write} wrote; throws IllegalArgumentException saying what is wrong. */
    public static RunRecord read(String json) {
        JsonObject o;
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            o = reader.readObject();
        } catch (JsonParsingException | IllegalStateException e) {
            throw new IllegalArgumentException("not a JSON object: " + e.getMessage(), e);
        }
        try {
            int format = o.getInt("format");
            if (format > RunRecord.FORMAT) {
                throw new IllegalArgumentException("format " + format + " is newer than this reader's " + RunRecord.FORMAT);
            }
            return new RunRecord(o.getString("scenario"), o.getString("transport"), Instant.parse(o.getString("date")),
                    o.getInt("run", 1), o.getInt("runs", 1), o.getInt("servers", 1), o.getString("commit", ""),
                    readTexts(o.getJsonObject("host")), o.getString("generator", ""), readTexts(o.getJsonObject("parameters")),
                    readList(o.getJsonArray("steps")), readList(o.getJsonArray("timeline")),
                    readFigures(o.getJsonObject("totals")));
        } catch (NullPointerException | ClassCastException | java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("not a results file: " + e, e);
        }
    }

    private static String list(List<Figures> rows) {
        if (rows.isEmpty()) {
            return "[]";
        }
        StringBuilder out = new StringBuilder("[\n");
        for (int i = 0; i < rows.size(); i++) {
            out.append("    ").append(figures(rows.get(i))).append(i + 1 < rows.size() ? ",\n" : "\n");
        }
        return out.append("  ]").toString();
    }

    private static String figures(Figures f) {
        StringBuilder out = new StringBuilder("{");
        f.asMap().forEach((name, value) -> out.append(out.length() > 1 ? ", " : "").append(quote(name)).append(": ")
                .append(number(value)));
        return out.append('}').toString();
    }

    private static String texts(Map<String, String> values) {
        StringBuilder out = new StringBuilder("{");
        values.forEach((name, value) -> out.append(out.length() > 1 ? ", " : "").append(quote(name)).append(": ")
                .append(NUMBER.matcher(value).matches() ? value : quote(value)));
        return out.append('}').toString();
    }

    /** At most four decimals, no trailing zeros, no exponent; {@code null} for NaN and the infinities. */
    static String number(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "null";
        }
        BigDecimal rounded = BigDecimal.valueOf(value).setScale(4, RoundingMode.HALF_EVEN).stripTrailingZeros();
        return rounded.signum() == 0 ? "0" : rounded.toPlainString();
    }

    static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static List<Figures> readList(JsonArray array) {
        List<Figures> rows = new ArrayList<>();
        if (array != null) {
            for (JsonValue v : array) {
                rows.add(readFigures(v.asJsonObject()));
            }
        }
        return rows;
    }

    private static Figures readFigures(JsonObject o) {
        Figures f = new Figures();
        if (o != null) {
            o.forEach((name, v) -> f.put(name, v instanceof JsonNumber n ? n.doubleValue() : Double.NaN));
        }
        return f;
    }

    private static Map<String, String> readTexts(JsonObject o) {
        Map<String, String> values = new LinkedHashMap<>();
        if (o != null) {
            o.forEach((name, v) -> values.put(name, v instanceof JsonString s ? s.getString() : v.toString()));
        }
        return values;
    }
}
