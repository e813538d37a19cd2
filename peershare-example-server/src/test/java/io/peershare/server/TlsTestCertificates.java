package io.peershare.server;

import java.io.IOException;
import java.io.Writer;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * Certificates and keys for the TLS tests, made with Bouncy Castle apart from the server's own code, and written in
 * the PEM forms certbot and openssl write; and HTTPS clients that trust them.
 */
final class TlsTestCertificates {

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    /** A key pair and its certificate. */
    record Issued(KeyPair keys, X509Certificate certificate) {
        PrivateKey privateKey() {
            return keys.getPrivate();
        }
    }

    private TlsTestCertificates() {
    }

    /** A new key pair: {@code "RSA"} (2048 bits) or {@code "EC"} (P-256). */
    static KeyPair keys(String algorithm) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
        if (algorithm.equals("EC")) {
            generator.initialize(new ECGenParameterSpec("secp256r1"));
        } else {
            generator.initialize(2048);
        }
        return generator.generateKeyPair();
    }

    /** A server certificate for {@code localhost}, 127.0.0.1 and ::1, signed with its own key. */
    static Issued server(String algorithm) throws Exception {
        KeyPair keys = keys(algorithm);
        return new Issued(keys, sign(keys, "CN=localhost", false, keys, "CN=localhost"));
    }

    /** A certificate authority, to issue a chain with. */
    static Issued authority() throws Exception {
        KeyPair keys = keys("EC");
        return new Issued(keys, sign(keys, "CN=PeerShare test CA", true, keys, "CN=PeerShare test CA"));
    }

    /** A server certificate for {@code localhost}, 127.0.0.1 and ::1, issued by {@code issuer}. */
    static Issued issuedBy(Issued issuer) throws Exception {
        KeyPair keys = keys("EC");
        return new Issued(keys, sign(keys, "CN=localhost", false, issuer.keys(),
                issuer.certificate().getSubjectX500Principal().getName()));
    }

    private static X509Certificate sign(KeyPair subjectKeys, String subject, boolean authority, KeyPair issuerKeys,
            String issuer) throws Exception {
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name(issuer),
                BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(Duration.ofDays(30))), new X500Name(subject), subjectKeys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(authority));
        if (!authority) {
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, new DEROctetString(InetAddress.getByName("127.0.0.1").getAddress())),
                new GeneralName(GeneralName.iPAddress, new DEROctetString(InetAddress.getByName("::1").getAddress()))}));
        }
        String signature = issuerKeys.getPrivate().getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder(signature).build(issuerKeys.getPrivate())));
    }

    /** The chain, in PEM, as {@code fullchain.pem}. */
    static Path writeCertificates(Path file, X509Certificate... chain) throws IOException {
        return write(file, chain);
    }

    /** {@code -----BEGIN PRIVATE KEY-----}: PKCS#8, as certbot and {@code openssl genpkey} write it. */
    static Path writePkcs8(Path file, PrivateKey key) throws IOException {
        return write(file, new JcaPKCS8Generator(key, null));
    }

    /**
     * The form {@code openssl genrsa} (before 3.0) and {@code openssl ecparam -genkey} write: {@code -----BEGIN RSA
     * PRIVATE KEY-----} (PKCS#1) or {@code -----BEGIN EC PRIVATE KEY-----} (SEC 1).
     */
    static Path writeTraditional(Path file, KeyPair keys) throws IOException {
        if (!(keys.getPrivate() instanceof ECPrivateKey ec)) {
            return write(file, keys.getPrivate()); // PKCS#1
        }
        // SEC 1 with its curve and its public key, as openssl writes it (Bouncy Castle's writer leaves both out).
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(ec.getEncoded());
        SubjectPublicKeyInfo publicKey = SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded());
        byte[] sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(ec.getParams().getOrder().bitLength(), ec.getS(),
                publicKey.getPublicKeyData(), info.getPrivateKeyAlgorithm().getParameters()).getEncoded();
        return write(file, new PemObject("EC PRIVATE KEY", sec1));
    }

    /** {@code -----BEGIN ENCRYPTED PRIVATE KEY-----}, under a passphrase. */
    static Path writeEncrypted(Path file, PrivateKey key) throws Exception {
        return write(file, new JcaPKCS8Generator(key, new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
                .setProvider(new BouncyCastleProvider()).setPassword("secret".toCharArray()).build()));
    }

    private static Path write(Path file, Object... objects) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
             JcaPEMWriter pem = new JcaPEMWriter(out)) {
            for (Object object : objects) {
                pem.writeObject(object);
            }
        }
        return file;
    }

    /** The SHA-256 fingerprint as browsers and openssl show it: upper-case hex bytes separated by colons. */
    static String fingerprint(X509Certificate certificate) throws Exception {
        return HexFormat.ofDelimiter(":").withUpperCase()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
    }

    /** A client context that trusts these certificates and no other. */
    static SSLContext trusting(X509Certificate... certificates) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        for (int i = 0; i < certificates.length; i++) {
            store.setCertificateEntry("trusted-" + i, certificates[i]);
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    /** An HTTP/1.1 client (as browsers speak to the server) that trusts these certificates and no other. */
    static HttpClient https(X509Certificate... trusted) throws Exception {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(trusting(trusted))
                .connectTimeout(Duration.ofSeconds(5)).build();
    }
}
