package io.peershare.config;

/**
 * A token bucket: up to {@code burst} events at once, refilled at {@code perSecond} events a second.
 *
 * @param perSecond sustained rate, greater than zero
 * @param burst     bucket size, at least one
 */
public record RateLimit(double perSecond, int burst) {

    public RateLimit {
        if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
            throw new IllegalArgumentException("rate limit perSecond must be a positive number, was " + perSecond);
        }
        if (burst < 1) {
            throw new IllegalArgumentException("rate limit burst must be at least 1, was " + burst);
        }
    }

    public static RateLimit of(double perSecond, int burst) {
        return new RateLimit(perSecond, burst);
    }

    /** Parses {@code "PER_SECOND,BURST"}, for example {@code "5,20"}. */
    public static RateLimit parse(String text) {
        String[] parts = text.split(",");
        if (parts.length != 2) {
            throw new IllegalArgumentException("expected PER_SECOND,BURST such as 5,20 but was '" + text + "'");
        }
        try {
            return new RateLimit(Double.parseDouble(parts[0].trim()), Integer.parseInt(parts[1].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected PER_SECOND,BURST such as 5,20 but was '" + text + "'");
        }
    }
}
