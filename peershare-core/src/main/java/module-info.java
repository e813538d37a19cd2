/**
 * PeerShare's transport-agnostic engine. Exported: the API a host codes against ({@code io.peershare}), the engine's
 * settings ({@code io.peershare.config}), what a transport or backend implements ({@code io.peershare.spi}), the
 * values they exchange ({@code io.peershare.model}),
 * the defaults a host may name ({@code io.peershare.defaults}) and the wire contract ({@code io.peershare.protocol}).
 * Everything under {@code io.peershare.internal} stays inside the module.
 */
module io.peershare.core {
    requires transitive jakarta.json;
    requires transitive com.fasterxml.jackson.core; // protocol.JsonReading hands out its parsers
    requires java.management;

    exports io.peershare;
    exports io.peershare.config;
    exports io.peershare.spi;
    exports io.peershare.model;
    exports io.peershare.defaults;
    exports io.peershare.protocol;
}
