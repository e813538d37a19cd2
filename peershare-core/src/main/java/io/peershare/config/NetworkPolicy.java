package io.peershare.config;

import io.peershare.internal.address.AddressGroups;
import io.peershare.spi.NetworkResolver;
import java.util.Locale;

/**
 * The built-in ways of deciding which network a join lands in. Network names are compared ignoring case.
 */
public enum NetworkPolicy {

    /**
     * The client's public address and the requested name (the default): a stranger elsewhere cannot join
     * "Office" by typing its name. Loopback, private and link-local addresses count as one local address;
     * IPv6 addresses are grouped by their /64 prefix.
     */
    ADDRESS_AND_NAME(request -> AddressGroups.groupOf(request.clientAddress()) + '|' + nameKey(request.networkName())),

    /** The requested name only: anyone who types the name joins. For trusted LANs and development. */
    NAME(request -> nameKey(request.networkName())),

    /** The client's public address only, ignoring the name: everyone behind one address meets. */
    ADDRESS(request -> AddressGroups.groupOf(request.clientAddress()));

    private final NetworkResolver resolver;

    NetworkPolicy(NetworkResolver resolver) {
        this.resolver = resolver;
    }

    public NetworkResolver resolver() {
        return resolver;
    }

    /** Parses {@code address-and-name}, {@code name} or {@code address}, in any case. */
    public static NetworkPolicy parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT).replace('_', '-')) {
            case "address-and-name" -> ADDRESS_AND_NAME;
            case "name" -> NAME;
            case "address" -> ADDRESS;
            default -> throw new IllegalArgumentException(
                    "expected address-and-name, name or address but was '" + text + "'");
        };
    }

    private static String nameKey(String networkName) {
        return "name:" + networkName.toLowerCase(Locale.ROOT);
    }
}
