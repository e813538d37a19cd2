package io.peershare.server;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The certificate of {@code TLS_CERT} and {@code TLS_KEY}, read again when the files change, so that a renewal
 * (certbot's, every two months or so) needs no restart. A handshake at most every {@link #CHECK_EVERY} reads the two
 * files (a few kilobytes, on the thread that handshakes); only when their bytes changed are they parsed. New files
 * that cannot be used (half written, a key that is not the certificate's) are logged once and the certificate in use
 * stays; they are tried again when they change.
 *
 * <p>The JDK asks for an alias and then, in separate calls, for its chain and key: each alias names the certificate it
 * was chosen from, and the one before the newest is kept, so that a handshake under way during a reload gets a
 * matching pair. Thread-safe: every handshake thread calls it.
 */
final class ReloadingKeyManager extends X509ExtendedKeyManager {

    /** How often, at most, the files are looked at. */
    static final Duration CHECK_EVERY = Duration.ofMinutes(1);
    private static final System.Logger LOG = System.getLogger(ReloadingKeyManager.class.getName());

    /** One certificate read from the files, numbered so that an alias can say which. */
    private record Loaded(int generation, ServerCertificate certificate, X509ExtendedKeyManager keys, String digest) {
    }

    private final Path certificateFile;
    private final Path keyFile;
    private final Clock clock;
    private final AtomicLong nextCheck;
    private volatile Loaded current;
    private volatile Loaded previous;
    /** The digest of files that could not be used, so that they are reported once. */
    private volatile String refusedDigest;

    /**
     * Reads the files once, now.
     *
     * @throws IllegalArgumentException naming {@code TLS_CERT} or {@code TLS_KEY}, the file and what is wrong
     */
    ReloadingKeyManager(Path certificateFile, Path keyFile, Clock clock) {
        this.certificateFile = certificateFile;
        this.keyFile = keyFile;
        this.clock = clock;
        String digest = digest();
        ServerCertificate certificate = read();
        this.current = new Loaded(0, certificate, certificate.keyManager(), digest);
        this.nextCheck = new AtomicLong(clock.millis() + CHECK_EVERY.toMillis());
    }

    /** The certificate served now. */
    ServerCertificate certificate() {
        return current.certificate();
    }

    private ServerCertificate read() {
        return PemFiles.read(EnvironmentSettings.TLS_CERT.name(), certificateFile, EnvironmentSettings.TLS_KEY.name(),
                keyFile);
    }

    /**
     * What tells whether the files changed: a digest of their bytes (a few kilobytes). Times and sizes could miss a
     * file replaced within the file system's time resolution by one of the same length.
     */
    private String digest() {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(Files.readAllBytes(certificateFile));
            sha256.update(Files.readAllBytes(keyFile));
            return HexFormat.of().formatHex(sha256.digest());
        } catch (IOException e) {
            return "unreadable: " + e; // gone for now: reading them will say why
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every JDK has SHA-256
        }
    }

    /** Reads the files again if the check is due and they changed; one thread checks, the others go on. */
    private void reloadIfChanged() {
        long now = clock.millis();
        long due = nextCheck.get();
        if (now < due || !nextCheck.compareAndSet(due, now + CHECK_EVERY.toMillis())) {
            return;
        }
        String digest = digest();
        Loaded was = current;
        if (digest.equals(was.digest()) || digest.equals(refusedDigest)) {
            return;
        }
        try {
            ServerCertificate certificate = read();
            previous = was;
            current = new Loaded(was.generation() + 1, certificate, certificate.keyManager(), digest);
            refusedDigest = null;
            LOG.log(Level.INFO, () -> "TLS certificate reloaded from " + certificateFile + ": valid until "
                    + certificate.notAfter() + ", SHA-256 fingerprint " + certificate.fingerprint());
        } catch (IllegalArgumentException unusable) {
            refusedDigest = digest;
            LOG.log(Level.WARNING, () -> "TLS certificate files changed but cannot be used, so the certificate in use"
                    + " stays (tried again when they change): " + unusable.getMessage());
        }
    }

    /** Prefixes an alias with the generation it was chosen from. */
    private static String named(Loaded loaded, String alias) {
        return alias == null ? null : loaded.generation() + ":" + alias;
    }

    /** The certificate {@code alias} was chosen from, if it is still kept. */
    private Loaded chosenFrom(String alias) {
        int colon = alias == null ? -1 : alias.indexOf(':');
        if (colon < 0) {
            return null;
        }
        String generation = alias.substring(0, colon);
        for (Loaded loaded : new Loaded[] {current, previous}) {
            if (loaded != null && Integer.toString(loaded.generation()).equals(generation)) {
                return loaded;
            }
        }
        return null;
    }

    /** The alias its certificate's own key manager knows. */
    private static String unnamed(String alias) {
        return alias.substring(alias.indexOf(':') + 1);
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        reloadIfChanged();
        Loaded loaded = current;
        return named(loaded, loaded.keys().chooseEngineServerAlias(keyType, issuers, engine));
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        reloadIfChanged();
        Loaded loaded = current;
        return named(loaded, loaded.keys().chooseServerAlias(keyType, issuers, socket));
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        Loaded loaded = current;
        String[] aliases = loaded.keys().getServerAliases(keyType, issuers);
        if (aliases == null) {
            return null;
        }
        String[] named = new String[aliases.length];
        for (int i = 0; i < aliases.length; i++) {
            named[i] = named(loaded, aliases[i]);
        }
        return named;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        Loaded loaded = chosenFrom(alias);
        return loaded == null ? null : loaded.keys().getCertificateChain(unnamed(alias));
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        Loaded loaded = chosenFrom(alias);
        return loaded == null ? null : loaded.keys().getPrivateKey(unnamed(alias));
    }

    /** A server has no client certificate. */
    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return null;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        return null;
    }
}
