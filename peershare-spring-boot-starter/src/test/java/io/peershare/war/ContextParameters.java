package io.peershare.war;

import java.util.Map;

/** The WAR's reading of its context parameters, opened to {@code SettingsInEveryFrontEndTest}. */
public final class ContextParameters {

    private ContextParameters() {
    }

    /** The settings the WAR reads: {@code parameters} over an empty environment. */
    public static Map<String, String> read(Map<String, String> parameters) {
        return WebappSettings.merge(parameters, Map.of());
    }
}
