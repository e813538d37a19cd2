package io.peershare.bench.chart;

/**
 * Colours that stay apart for readers with the common colour-vision deficiencies: the Okabe–Ito palette
 * (Okabe and Ito, "Color Universal Design", 2002), those of its colours with enough contrast on white for thin
 * lines. Charts should not tell series apart by colour alone: line styles and markers differ too.
 */
public final class Palette {

    public static final String BLUE = "#0072B2";
    public static final String VERMILLION = "#D55E00";
    public static final String BLUISH_GREEN = "#009E73";
    public static final String REDDISH_PURPLE = "#CC79A7";
    public static final String ORANGE = "#E69F00";
    public static final String SKY_BLUE = "#56B4E9";
    public static final String BLACK = "#000000";

    private static final String[] ORDER = {BLUE, VERMILLION, BLUISH_GREEN, REDDISH_PURPLE, ORANGE, SKY_BLUE, BLACK};

    private Palette() {
    }

    /** The n-th colour, in an order that keeps the first few far apart. */
    public static String nth(int n) {
        return ORDER[Math.floorMod(n, ORDER.length)];
    }
}
