package io.peershare.server;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * A certificate chain and its private key in PEM files, as certbot, openssl and mkcert write them. Bouncy Castle's
 * parser reads them: the JDK reads neither PEM keys nor the PKCS#1 ({@code BEGIN RSA PRIVATE KEY}) and SEC 1
 * ({@code BEGIN EC PRIVATE KEY}) forms openssl still writes. The keys themselves are made by the JDK's providers.
 *
 * <p>A file that cannot be used is refused with an {@link IllegalArgumentException} naming the variable that names
 * it, the file and what is wrong, in the words an operator needs: no stack trace, no parser's internals.
 */
final class PemFiles {

    private static final String KEY_FORMS = "-----BEGIN PRIVATE KEY----- (PKCS#8), -----BEGIN RSA PRIVATE KEY-----"
            + " or -----BEGIN EC PRIVATE KEY-----";
    /** A signature made with each kind of key, to tell whether a key belongs to a certificate. */
    private static final Map<String, String> PROOF_SIGNATURES = Map.of(
            "RSA", "SHA256withRSA", "EC", "SHA256withECDSA", "Ed25519", "Ed25519", "Ed448", "Ed448", "EdDSA", "EdDSA");

    private PemFiles() {
    }

    /**
     * The chain in {@code certificateFile} and the key in {@code keyFile} (they may be one file), checked to belong
     * together.
     *
     * @param certificateVariable the setting that names the certificate file, for messages
     * @param keyVariable         the setting that names the key file, for messages
     * @throws IllegalArgumentException naming the variable, the file and what is wrong
     */
    static ServerCertificate read(String certificateVariable, Path certificateFile, String keyVariable, Path keyFile) {
        List<X509Certificate> chain = certificates(certificateVariable, certificateFile);
        PrivateKey key = privateKey(keyVariable, keyFile);
        if (!belongTogether(key, chain.get(0).getPublicKey())) {
            throw new IllegalArgumentException(keyVariable + " (" + keyFile + ") is not the private key of the"
                    + " certificate in " + certificateVariable + " (" + certificateFile + "): they must be a pair");
        }
        return new ServerCertificate(key, chain);
    }

    /** Every certificate in the file, in its order; anything else in it (a key, parameters) is passed over. */
    static List<X509Certificate> certificates(String variable, Path file) {
        List<X509Certificate> chain = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        for (Object entry : entries(variable, file)) {
            if (entry instanceof X509CertificateHolder holder) {
                try {
                    chain.add(converter.getCertificate(holder));
                } catch (GeneralSecurityException e) {
                    throw refused(variable, file, "holds a certificate Java cannot read: " + e.getMessage());
                }
            }
        }
        if (chain.isEmpty()) {
            throw refused(variable, file, "holds no certificate: expected -----BEGIN CERTIFICATE-----");
        }
        return chain;
    }

    /** The one private key in the file; anything else in it (certificates, EC parameters) is passed over. */
    static PrivateKey privateKey(String variable, Path file) {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        List<PrivateKey> keys = new ArrayList<>();
        for (Object entry : entries(variable, file)) {
            try {
                if (entry instanceof PrivateKeyInfo pkcs8) {
                    keys.add(converter.getPrivateKey(pkcs8));
                } else if (entry instanceof PEMKeyPair traditional) {
                    // The private key alone: a SEC 1 key may come without its public half.
                    keys.add(converter.getPrivateKey(traditional.getPrivateKeyInfo()));
                } else if (entry instanceof PKCS8EncryptedPrivateKeyInfo || entry instanceof PEMEncryptedKeyPair) {
                    throw refused(variable, file, "holds a key protected by a passphrase, which the server cannot"
                            + " ask for: write it without one (openssl pkey -in encrypted.pem -out key.pem)");
                }
            } catch (IOException e) {
                throw refused(variable, file, "holds a private key Java cannot read: " + e.getMessage());
            }
        }
        if (keys.isEmpty()) {
            throw refused(variable, file, "holds no private key: expected " + KEY_FORMS);
        }
        if (keys.size() > 1) {
            throw refused(variable, file, "holds " + keys.size() + " private keys: give the one of the certificate");
        }
        return keys.get(0);
    }

    /** Writes the key (PKCS#8) and the chain, for the server's own self-signed certificate. */
    static void write(ServerCertificate certificate, Path certificateFile, Path keyFile) throws IOException {
        try (Writer out = Files.newBufferedWriter(keyFile, StandardCharsets.US_ASCII);
             JcaPEMWriter pem = new JcaPEMWriter(out)) {
            pem.writeObject(new JcaPKCS8Generator(certificate.key(), null));
        }
        try (Writer out = Files.newBufferedWriter(certificateFile, StandardCharsets.US_ASCII);
             JcaPEMWriter pem = new JcaPEMWriter(out)) {
            for (X509Certificate link : certificate.chain()) {
                pem.writeObject(link);
            }
        }
    }

    /** The PEM objects in the file, as Bouncy Castle parses them. */
    private static List<Object> entries(String variable, Path file) {
        String text;
        try {
            // Latin-1 reads any bytes: a binary file given by mistake is refused below for what it is.
            text = Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            throw refused(variable, file, "cannot be read: there is no such file");
        } catch (AccessDeniedException e) {
            throw refused(variable, file, "cannot be read: permission denied (the server runs as "
                    + System.getProperty("user.name") + ")");
        } catch (IOException e) {
            throw refused(variable, file, "cannot be read: " + NetworkErrors.describe(e));
        }
        if (!text.contains("-----BEGIN ")) {
            throw refused(variable, file, "is not in PEM form (no -----BEGIN line); a DER file converts with"
                    + " openssl x509 -inform der (a certificate) or openssl pkey -inform der (a key)");
        }
        List<Object> entries = new ArrayList<>();
        try (Reader in = new StringReader(text); PEMParser parser = new PEMParser(in)) {
            for (Object entry = parser.readObject(); entry != null; entry = parser.readObject()) {
                entries.add(entry);
            }
        } catch (IOException | RuntimeException e) {
            // The parser's own words name its classes and offsets, which tell an operator nothing.
            throw refused(variable, file, "is not valid PEM: one of its -----BEGIN blocks is damaged or cut short");
        }
        return entries;
    }

    /** Whether {@code key} signs what {@code publicKey} verifies; a kind of key not known here is given the benefit. */
    private static boolean belongTogether(PrivateKey key, PublicKey publicKey) {
        String algorithm = PROOF_SIGNATURES.get(key.getAlgorithm());
        if (algorithm == null) {
            return key.getAlgorithm().equals(publicKey.getAlgorithm());
        }
        if (!key.getAlgorithm().equals(publicKey.getAlgorithm())) {
            return false;
        }
        try {
            byte[] proof = "PeerShare".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(proof);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(proof);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static IllegalArgumentException refused(String variable, Path file, String problem) {
        return new IllegalArgumentException(variable + " (" + file + ") " + problem);
    }
}
