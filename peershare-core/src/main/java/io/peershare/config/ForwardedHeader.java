package io.peershare.config;

import java.util.Locale;

/**
 * The one header a trusted reverse proxy uses to say who its client is. Only this header is read: a proxy overwrites
 * the header it relies on and passes other headers through, so reading a second one would let a client choose its
 * own address by sending it.
 */
public enum ForwardedHeader {
    /** {@code X-Forwarded-For: client, proxy1, ...}: what nginx and HAProxy set (the default). */
    X_FORWARDED_FOR("x-forwarded-for"),
    /** {@code Forwarded: for=client, for=proxy1} (RFC 7239). */
    FORWARDED("forwarded");

    private final String headerName;

    ForwardedHeader(String headerName) {
        this.headerName = headerName;
    }

    /** The header's name, in lower case. */
    public String headerName() {
        return headerName;
    }

    /** Parses {@code x-forwarded-for} or {@code forwarded}, in any case; {@code _} may stand for {@code -}. */
    public static ForwardedHeader parse(String text) {
        String name = text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (ForwardedHeader header : values()) {
            if (header.headerName.equals(name)) {
                return header;
            }
        }
        throw new IllegalArgumentException("expected x-forwarded-for or forwarded but was '" + text + "'");
    }
}
