package io.peershare.server;

import java.io.IOException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Locale;

/**
 * Why the server cannot listen, in the words of its settings: the variable to change ({@code HOST} or {@code PORT})
 * and the system's own reason. Netty and Grizzly fail alike but word it differently, and an unresolved address
 * comes without any message at all.
 */
final class ListenFailure {

    private ListenFailure() {
    }

    /** {@code cannot listen on HOST:PORT: PORT 4000 is in use (Address already in use)} and the like. */
    static IOException of(ServerConfig config, Throwable failure) {
        return new IOException("cannot listen on " + config.host() + ":" + config.port() + ": "
                + reason(config, failure), failure);
    }

    static String reason(ServerConfig config, Throwable failure) {
        String system = null;
        for (Throwable t = failure; t != null && system == null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UnresolvedAddressException) {
                return "HOST " + config.host() + " does not resolve to an address";
            }
            system = t.getMessage();
        }
        if (system == null) {
            return NetworkErrors.describe(failure) + " (check HOST and PORT)";
        }
        // Netty's native transport says "bind(..) failed with error(-98): Address already in use"
        system = system.replaceFirst("^bind\\(\\.\\.\\) failed(?: with error\\(-?\\d+\\))?: ", "");
        String lower = system.toLowerCase(Locale.ROOT);
        if (lower.contains("in use")) {
            return "PORT " + config.port() + " is in use by another process (" + system + ")";
        }
        if (lower.contains("assign requested address") || lower.contains("not available")) {
            return "HOST " + config.host() + " is not an address of this machine (" + system + ")";
        }
        if (lower.contains("permission denied") || lower.contains("access denied")) {
            return "PORT " + config.port() + " needs a privilege this process lacks (" + system + ")";
        }
        return system + " (check HOST and PORT)";
    }
}
