package io.peershare.bench.chart;

/** The shape drawn at each point of a series, so that series differ by more than colour. */
public enum Marker {
    NONE, CIRCLE, SQUARE, TRIANGLE, DIAMOND;

    /** Radius of a marker, in pixels. */
    static final double SIZE = 3.6;

    /** Draws the marker centred on (x, y); hollow ones are white inside. */
    void draw(Svg svg, double x, double y, String colour, boolean hollow) {
        String fill = hollow ? "#ffffff" : colour;
        double r = SIZE;
        switch (this) {
            case NONE -> {
            }
            case CIRCLE -> svg.empty("circle", "cx", Svg.num(x), "cy", Svg.num(y), "r", Svg.num(r), "fill", fill,
                    "stroke", colour, "stroke-width", "1.5");
            case SQUARE -> svg.empty("rect", "x", Svg.num(x - r), "y", Svg.num(y - r), "width", Svg.num(2 * r),
                    "height", Svg.num(2 * r), "fill", fill, "stroke", colour, "stroke-width", "1.5");
            case TRIANGLE -> svg.empty("path", "d", "M" + Svg.num(x) + " " + Svg.num(y - r * 1.2) + "L" + Svg.num(x + r * 1.15)
                    + " " + Svg.num(y + r * 0.9) + "L" + Svg.num(x - r * 1.15) + " " + Svg.num(y + r * 0.9) + "Z",
                    "fill", fill, "stroke", colour, "stroke-width", "1.5");
            case DIAMOND -> svg.empty("path", "d", "M" + Svg.num(x) + " " + Svg.num(y - r * 1.3) + "L" + Svg.num(x + r * 1.3)
                    + " " + Svg.num(y) + "L" + Svg.num(x) + " " + Svg.num(y + r * 1.3) + "L" + Svg.num(x - r * 1.3) + " "
                    + Svg.num(y) + "Z", "fill", fill, "stroke", colour, "stroke-width", "1.5");
            default -> throw new IllegalStateException();
        }
    }
}
