package io.peershare.server;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Whether the reference server's port speaks HTTPS and WSS, and with which certificate: the files an operator gives
 * ({@code TLS_CERT}, {@code TLS_KEY}), one the server makes for itself ({@code TLS_SELF_SIGNED}), or none (plain HTTP
 * and WS, the default). Immutable; the files are read when the server starts ({@link ServerTls}), not here.
 *
 * @param certificate         {@code TLS_CERT}: the certificate chain in PEM, or {@code null}
 * @param privateKey          {@code TLS_KEY}: its private key in PEM, or {@code null}
 * @param selfSigned          {@code TLS_SELF_SIGNED}: make (or reuse) a self-signed certificate for this machine
 * @param selfSignedDirectory {@code TLS_SELF_SIGNED_DIR}: where that certificate and its key are kept
 */
public record TlsSettings(Path certificate, Path privateKey, boolean selfSigned, Path selfSignedDirectory) {

    /** Where a self-signed certificate is kept unless {@code TLS_SELF_SIGNED_DIR} says otherwise. */
    public static final Path DEFAULT_SELF_SIGNED_DIRECTORY = Path.of(".peershare-tls");

    /** Plain HTTP and WS. */
    public static final TlsSettings OFF = new TlsSettings(null, null, false, DEFAULT_SELF_SIGNED_DIRECTORY);

    /** @throws IllegalArgumentException naming the variables that do not go together */
    public TlsSettings {
        Objects.requireNonNull(selfSignedDirectory, "selfSignedDirectory");
        String conflict = conflict(certificate != null, privateKey != null, selfSigned);
        if (conflict != null) {
            throw new IllegalArgumentException(conflict);
        }
    }

    /** What is wrong with setting these together, in the variables' names; {@code null} when nothing is. */
    static String conflict(boolean certificate, boolean privateKey, boolean selfSigned) {
        if (certificate != privateKey) {
            return "TLS_CERT and TLS_KEY go together: set both, or neither";
        }
        if (selfSigned && certificate) {
            return "TLS_SELF_SIGNED=true and TLS_CERT/TLS_KEY exclude each other: use your certificate, or a"
                    + " self-signed one";
        }
        return null;
    }

    /** HTTPS and WSS with the certificate chain and key in these PEM files. */
    public static TlsSettings files(Path certificate, Path privateKey) {
        return new TlsSettings(Objects.requireNonNull(certificate, "certificate"),
                Objects.requireNonNull(privateKey, "privateKey"), false, DEFAULT_SELF_SIGNED_DIRECTORY);
    }

    /** HTTPS and WSS with a self-signed certificate made for this machine and kept in {@code directory}. */
    public static TlsSettings selfSigned(Path directory) {
        return new TlsSettings(null, null, true, directory);
    }

    /** Whether the port speaks TLS. */
    public boolean enabled() {
        return certificate != null || selfSigned;
    }
}
