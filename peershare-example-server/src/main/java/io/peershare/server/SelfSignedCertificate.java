package io.peershare.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * {@code TLS_SELF_SIGNED}: a certificate the server makes for this machine, so that a phone on the same network can
 * open the page in a secure context. Its subject alternative names are {@code localhost}, the host name (and its
 * {@code .local} name) and every interface address, so it is valid for whichever URL of the start-up line is opened.
 *
 * <p>It is kept in {@code TLS_SELF_SIGNED_DIR} and used again at the next start, so that a browser warns about it once,
 * not at every restart. A new one is made when the kept one is missing or unreadable, ends within
 * {@link #RENEW_BEFORE}, or does not name one of this machine's current names and addresses. EC P-256, signed with
 * SHA-256, valid for {@link #VALIDITY}: what every current browser takes.
 */
final class SelfSignedCertificate {

    static final String CERTIFICATE_FILE = "cert.pem";
    static final String KEY_FILE = "key.pem";
    /** Under Apple's limit of 825 days for any TLS server certificate, trusted by hand or not. */
    static final Duration VALIDITY = Duration.ofDays(365);
    /** A certificate that ends sooner is replaced at start: better one warning now than an outage mid-use. */
    static final Duration RENEW_BEFORE = Duration.ofDays(30);
    /** Before "now", so that a device whose clock is a little behind does not find it not yet valid. */
    private static final Duration BACKDATED = Duration.ofHours(1);
    private static final String VARIABLE = "TLS_SELF_SIGNED_DIR";

    /**
     * The certificate to serve and where it is kept.
     *
     * @param certificate the certificate and its key
     * @param file        the PEM file it is kept in
     * @param madeBecause why it was made at this start; {@code null} when the kept one was used again
     */
    record Obtained(ServerCertificate certificate, Path file, String madeBecause) {
    }

    /**
     * What the certificate must name.
     *
     * @param names     DNS names
     * @param addresses IP addresses
     */
    record Subjects(Set<String> names, Set<InetAddress> addresses) {

        Subjects {
            names = Collections.unmodifiableSet(new LinkedHashSet<>(names)); // in order, as the certificate lists them
            addresses = Collections.unmodifiableSet(new LinkedHashSet<>(addresses));
        }

        /**
         * {@code localhost}, the machine's host name, {@code <host name>.local} (which phones resolve over mDNS) when
         * the host name has no domain, the other hosts given (the bound host, {@code FRONTEND_URL}'s), and every
         * interface address with the loopback ones.
         */
        static Subjects of(LocalAddresses machine, List<String> hosts) {
            Set<String> names = new LinkedHashSet<>(List.of("localhost"));
            String hostName = machine.hostName() == null ? "" : machine.hostName().toLowerCase(Locale.ROOT);
            if (!hostName.isBlank() && !hostName.equals("localhost") && PageLinks.literal(hostName) == null) {
                names.add(hostName);
                if (!hostName.contains(".")) {
                    names.add(hostName + ".local");
                }
            }
            Set<InetAddress> addresses = new LinkedHashSet<>();
            addresses.add(address(new byte[] {127, 0, 0, 1}));
            addresses.add(address(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}));
            for (String host : hosts) {
                InetAddress literal = PageLinks.literal(host);
                if (literal == null) {
                    names.add(host.toLowerCase(Locale.ROOT));
                } else if (!literal.isAnyLocalAddress()) {
                    addresses.add(withoutZone(literal));
                }
            }
            for (InetAddress address : machine.addresses()) {
                addresses.add(withoutZone(address));
            }
            return new Subjects(names, addresses);
        }

        /** The names in {@code certificate}'s subject alternative names that this misses, in words. */
        private List<String> missingFrom(X509Certificate certificate) {
            Set<String> dns = new LinkedHashSet<>();
            Set<String> ips = new LinkedHashSet<>();
            try {
                Collection<List<?>> alternatives = certificate.getSubjectAlternativeNames();
                for (List<?> name : alternatives == null ? List.<List<?>>of() : alternatives) {
                    if (Integer.valueOf(GeneralName.dNSName).equals(name.get(0))) {
                        dns.add(((String) name.get(1)).toLowerCase(Locale.ROOT));
                    } else if (Integer.valueOf(GeneralName.iPAddress).equals(name.get(0))) {
                        InetAddress address = PageLinks.literal((String) name.get(1));
                        if (address != null) {
                            ips.add(HexFormat.of().formatHex(address.getAddress()));
                        }
                    }
                }
            } catch (CertificateParsingException e) {
                // none readable: every subject is missing
            }
            List<String> missing = new ArrayList<>(names.stream().filter(n -> !dns.contains(n)).toList());
            addresses.stream().filter(a -> !ips.contains(HexFormat.of().formatHex(a.getAddress())))
                    .map(InetAddress::getHostAddress).forEach(missing::add);
            return missing;
        }
    }

    private SelfSignedCertificate() {
    }

    /**
     * The certificate kept in {@code directory}, if it is still good for {@code subjects}; otherwise a new one, kept
     * there in its place.
     *
     * @throws IllegalArgumentException naming {@code TLS_SELF_SIGNED_DIR} and the directory when it cannot be written
     */
    static Obtained obtain(Path directory, Subjects subjects, Clock clock) {
        Path certificateFile = directory.resolve(CERTIFICATE_FILE);
        Path keyFile = directory.resolve(KEY_FILE);
        String reason;
        if (!Files.exists(certificateFile) && !Files.exists(keyFile)) {
            reason = "there was none in " + directory;
        } else {
            try {
                ServerCertificate kept = PemFiles.read(VARIABLE, certificateFile, VARIABLE, keyFile);
                List<String> missing = subjects.missingFrom(kept.leaf());
                if (kept.notAfter().isBefore(clock.instant().plus(RENEW_BEFORE))) {
                    reason = "the one kept ends on " + kept.notAfter();
                } else if (!missing.isEmpty()) {
                    reason = "the one kept does not name " + String.join(", ", missing);
                } else {
                    return new Obtained(kept, certificateFile, null);
                }
            } catch (IllegalArgumentException unusable) {
                reason = "the one kept cannot be used: " + unusable.getMessage();
            }
        }
        ServerCertificate made = make(subjects, clock.instant());
        keep(made, directory, certificateFile, keyFile);
        return new Obtained(made, certificateFile, reason);
    }

    /** A new key pair and a certificate for it, signed with itself. */
    static ServerCertificate make(Subjects subjects, Instant now) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            List<GeneralName> alternatives = new ArrayList<>();
            subjects.names().forEach(name -> alternatives.add(new GeneralName(GeneralName.dNSName, name)));
            subjects.addresses().forEach(address -> alternatives.add(
                    new GeneralName(GeneralName.iPAddress, new DEROctetString(address.getAddress()))));
            X500Name subject = new X500Name("CN=PeerShare self-signed,O=PeerShare");
            byte[] serial = new byte[16];
            new SecureRandom().nextBytes(serial);
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, new BigInteger(1, serial),
                    Date.from(now.minus(BACKDATED)), Date.from(now.plus(VALIDITY)), subject, pair.getPublic())
                    .addExtension(Extension.subjectAlternativeName, false,
                            new GeneralNames(alternatives.toArray(new GeneralName[0])))
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            new JcaX509ExtensionUtils().createSubjectKeyIdentifier(pair.getPublic()));
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
            return new ServerCertificate(pair.getPrivate(), List.of(certificate));
        } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
            throw new IllegalStateException("cannot make a self-signed certificate: " + e.getMessage(), e);
        }
    }

    /** Writes the key, readable by its owner only, and the certificate, each replacing the old file at once. */
    private static void keep(ServerCertificate certificate, Path directory, Path certificateFile, Path keyFile) {
        try {
            Files.createDirectories(directory, ownerOnly(directory, "rwx------"));
            Path newKey = Files.createTempFile(directory, "key", ".tmp", ownerOnly(directory, "rw-------"));
            Path newCertificate = Files.createTempFile(directory, "cert", ".tmp");
            PemFiles.write(certificate, newCertificate, newKey);
            Files.move(newKey, keyFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.move(newCertificate, certificateFile, StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (AccessDeniedException e) {
            throw new IllegalArgumentException(VARIABLE + " (" + directory + ") cannot be written: permission denied"
                    + " on " + e.getFile() + " (the server runs as " + System.getProperty("user.name") + ")");
        } catch (FileAlreadyExistsException e) {
            throw new IllegalArgumentException(VARIABLE + " (" + directory + ") cannot be written: " + e.getFile()
                    + " is a file, not a directory");
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalArgumentException(VARIABLE + " (" + directory + ") cannot be written: "
                    + NetworkErrors.describe(e));
        }
    }

    /** The permissions, where the file system has POSIX ones (not on Windows, where the user's folder decides). */
    private static FileAttribute<?>[] ownerOnly(Path directory, String permissions) {
        if (!directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[0];
        }
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions))};
    }

    /** The address alone: a zone (an interface's name) means nothing in a certificate. */
    private static InetAddress withoutZone(InetAddress address) {
        return address(address.getAddress());
    }

    private static InetAddress address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // 4 or 16 bytes: never
        }
    }
}
