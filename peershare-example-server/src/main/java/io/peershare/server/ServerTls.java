package io.peershare.server;

import java.lang.System.Logger.Level;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The reference server's TLS, as {@link TlsSettings} ask: the JDK's {@link SSLContext} both transports take (Netty in
 * an {@code SslHandler}, Grizzly in its secure listener), with the certificate of {@code TLS_CERT} and
 * {@code TLS_KEY} (read again when they change) or a self-signed one ({@code TLS_SELF_SIGNED}). TLS 1.2 and 1.3, as
 * the JDK enables them by default. Made once at start; thread-safe.
 */
final class ServerTls {

    private static final System.Logger LOG = System.getLogger(ServerTls.class.getName());

    private final SSLContext context;
    private final Supplier<ServerCertificate> certificate;

    private ServerTls(SSLContext context, Supplier<ServerCertificate> certificate) {
        this.context = context;
        this.certificate = certificate;
    }

    /**
     * The TLS {@code config} asks for, with its certificate read or made now and described in the log (its SHA-256
     * fingerprint among what is said); {@code null} when the port speaks plain HTTP.
     *
     * @param machine this machine's names and addresses, for a self-signed certificate
     * @param clock   when a self-signed certificate ends, and when the files are looked at again
     * @throws IllegalArgumentException naming the variable, the file and what is wrong with it
     */
    static ServerTls start(ServerConfig config, LocalAddresses machine, Clock clock) {
        TlsSettings settings = config.tls();
        if (settings.certificate() != null) {
            ReloadingKeyManager keys = new ReloadingKeyManager(settings.certificate(), settings.privateKey(), clock);
            ServerCertificate served = keys.certificate();
            if (served.notAfter().isBefore(clock.instant())) {
                LOG.log(Level.WARNING, EnvironmentSettings.TLS_CERT.name() + " (" + settings.certificate()
                        + ") ended on " + served.notAfter() + ": browsers refuse it; renew it (it is read again when"
                        + " it changes)");
            }
            LOG.log(Level.INFO, "TLS with the certificate of " + EnvironmentSettings.TLS_CERT.name() + " ("
                    + settings.certificate() + "), valid until " + served.notAfter() + ", SHA-256 fingerprint "
                    + served.fingerprint());
            return new ServerTls(context(keys), keys::certificate);
        }
        if (settings.selfSigned()) {
            List<String> hosts = new ArrayList<>(List.of(config.host()));
            config.allowedOrigins().forEach(origin -> hosts.add(hostOf(origin)));
            SelfSignedCertificate.Obtained obtained = SelfSignedCertificate.obtain(settings.selfSignedDirectory(),
                    SelfSignedCertificate.Subjects.of(machine, hosts.stream().filter(h -> h != null).toList()), clock);
            ServerCertificate served = obtained.certificate();
            LOG.log(Level.INFO, "TLS with a self-signed certificate " + (obtained.madeBecause() == null
                    ? "kept in " + obtained.file() : "made now (" + obtained.madeBecause() + ") and kept in "
                    + obtained.file()) + ", valid until " + served.notAfter() + ". Browsers warn about it: accept it"
                    + " only if they show this SHA-256 fingerprint: " + served.fingerprint());
            return new ServerTls(context(served.keyManager()), () -> served);
        }
        return null;
    }

    /** What both transports make their TLS engines from. */
    SSLContext context() {
        return context;
    }

    /** The certificate served now. */
    ServerCertificate certificate() {
        return certificate.get();
    }

    /** The host of a {@code FRONTEND_URL} origin, or {@code null} when it has none. */
    private static String hostOf(String origin) {
        try {
            return URI.create(origin).getHost();
        } catch (IllegalArgumentException notAUri) {
            return null;
        }
    }

    private static SSLContext context(X509ExtendedKeyManager keys) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] {keys}, null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no TLS: " + e.getMessage(), e);
        }
    }
}
