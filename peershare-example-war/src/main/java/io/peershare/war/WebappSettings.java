package io.peershare.war;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the web application's settings come from: the reference server's names ({@code FRONTEND_URL},
 * {@code NODE_ENV}, ...), from the servlet context's parameters over the process environment.
 */
final class WebappSettings {

    /**
     * Settings of the reference server's own listener (its TLS among them) and logging; in a container, its connector
     * and logging decide instead.
     */
    static final List<String> NOT_IN_A_CONTAINER = List.of("PORT", "HOST", "TRANSPORT", "IO_THREADS",
            "HANDSHAKE_TIMEOUT_SECONDS", "SHUTDOWN_DRAIN_SECONDS", "LOG_FORMAT", "TLS_CERT", "TLS_KEY",
            "TLS_SELF_SIGNED", "TLS_SELF_SIGNED_DIR");

    private WebappSettings() {
    }

    /**
     * The environment with every context parameter put over it: a context parameter wins. Settings a container does
     * not use are left out, so that neither a value there nor a {@code HOST} that does not resolve here (the
     * container's environment may hold one for other reasons) stops the application.
     */
    static Map<String, String> merge(Map<String, String> contextParameters, Map<String, String> environment) {
        Map<String, String> settings = new HashMap<>(environment);
        settings.putAll(contextParameters);
        settings.keySet().removeAll(NOT_IN_A_CONTAINER);
        return settings;
    }

    /** The context parameters that name a setting a container does not use, for a line in the log. */
    static List<String> ignored(Map<String, String> contextParameters) {
        return NOT_IN_A_CONTAINER.stream().filter(contextParameters::containsKey).toList();
    }
}
