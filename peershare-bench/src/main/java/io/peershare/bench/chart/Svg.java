package io.peershare.bench.chart;

import java.util.Locale;

/**
 * Writes an SVG document: elements with attributes given as name, value pairs, text escaped for XML, numbers
 * with at most one decimal and a dot whatever the default locale. Standalone (no scripts, no external fonts or
 * style sheets), so that it shows the same in a browser and in GitHub's Markdown viewer.
 */
final class Svg {

    private final StringBuilder out = new StringBuilder();
    private int depth;

    /** Opens the document: its size, and a title and description for screen readers. */
    Svg(double width, double height, String title, String description) {
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        open("svg", "xmlns", "http://www.w3.org/2000/svg", "width", num(width), "height", num(height),
                "viewBox", "0 0 " + num(width) + " " + num(height), "role", "img", "aria-labelledby", "title desc",
                "font-family", "Helvetica, Arial, sans-serif");
        element("title", title, "id", "title");
        element("desc", description, "id", "desc");
    }

    void open(String tag, String... attributes) {
        indent();
        out.append('<').append(tag);
        attributes(attributes);
        out.append(">\n");
        depth++;
    }

    void close(String tag) {
        depth--;
        indent();
        out.append("</").append(tag).append(">\n");
    }

    /** An element without content. */
    void empty(String tag, String... attributes) {
        indent();
        out.append('<').append(tag);
        attributes(attributes);
        out.append("/>\n");
    }

    /** An element whose content is text. */
    void element(String tag, String text, String... attributes) {
        indent();
        out.append('<').append(tag);
        attributes(attributes);
        out.append('>').append(escape(text)).append("</").append(tag).append(">\n");
    }

    String finish() {
        close("svg");
        return out.toString();
    }

    /** A coordinate or length: at most one decimal, no trailing ".0", never an exponent or a decimal comma. */
    static String num(double value) {
        long tenths = Math.round(value * 10);
        String sign = tenths < 0 ? "-" : "";
        long abs = Math.abs(tenths);
        return abs % 10 == 0 ? sign + abs / 10 : sign + abs / 10 + "." + abs % 10;
    }

    static String escape(String text) {
        StringBuilder s = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> s.append("&lt;");
                case '>' -> s.append("&gt;");
                case '&' -> s.append("&amp;");
                case '"' -> s.append("&quot;");
                default -> {
                    if (c >= 0x20 || c == '\n' || c == '\t') {
                        s.append(c);
                    } // other control characters are not allowed in XML
                }
            }
        }
        return s.toString();
    }

    private void attributes(String[] attributes) {
        if (attributes.length % 2 != 0) {
            throw new IllegalArgumentException("attributes come in name, value pairs");
        }
        for (int i = 0; i < attributes.length; i += 2) {
            out.append(' ').append(attributes[i]).append("=\"").append(escape(attributes[i + 1])).append('"');
        }
    }

    private void indent() {
        out.append("  ".repeat(depth));
    }

    /** Locale-independent formatting, for callers that need more than {@link #num}. */
    static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
