package io.peershare.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.peershare.server.TlsTestCertificates.Issued;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code TLS_CERT} and {@code TLS_KEY} read every form certbot and openssl write, and a file that cannot be used stops
 * start-up with a message naming the variable, the file and what is wrong.
 */
class TlsCertificateFilesTest {

    /** What a message must never show: Java's and the parser's internals. */
    private static final Pattern JAVA_INTERNALS = Pattern.compile("Exception|java\\.|org\\.bouncycastle|null");

    @TempDir
    Path dir;

    private static ServerCertificate read(Path certificate, Path key) {
        return PemFiles.read("TLS_CERT", certificate, "TLS_KEY", key);
    }

    private static String refusal(Path certificate, Path key) {
        String message = assertThrows(IllegalArgumentException.class, () -> read(certificate, key)).getMessage();
        assertFalse(JAVA_INTERNALS.matcher(message).find(), () -> "in an operator's words: " + message);
        return message;
    }

    private static void assertStartsWith(String header, Path file) throws Exception {
        String text = Files.readString(file);
        assertTrue(text.startsWith(header), () -> file + " is written as the test means: " + text);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"RSA", "EC"})
    void aKeyInPkcs8AndInTheTraditionalFormBothLoad(String algorithm) throws Exception {
        Issued server = TlsTestCertificates.server(algorithm);
        Path certificate = TlsTestCertificates.writeCertificates(dir.resolve("cert.pem"), server.certificate());
        Path pkcs8 = TlsTestCertificates.writePkcs8(dir.resolve("pkcs8.pem"), server.privateKey());
        Path traditional = TlsTestCertificates.writeTraditional(dir.resolve("traditional.pem"), server.keys());
        assertStartsWith("-----BEGIN PRIVATE KEY-----", pkcs8);
        assertStartsWith(algorithm.equals("RSA") ? "-----BEGIN RSA PRIVATE KEY-----" : "-----BEGIN EC PRIVATE KEY-----",
                traditional);

        for (Path key : List.of(pkcs8, traditional)) {
            ServerCertificate loaded = read(certificate, key);
            assertEquals(server.certificate(), loaded.leaf());
            assertEquals(server.privateKey().getAlgorithm(), loaded.key().getAlgorithm());
            assertEquals(List.of(server.certificate()), loaded.chain());
        }
    }

    @Test
    void anEcKeyAfterItsParametersAsOpensslEcparamWritesItLoads() throws Exception {
        Issued server = TlsTestCertificates.server("EC");
        Path certificate = TlsTestCertificates.writeCertificates(dir.resolve("cert.pem"), server.certificate());
        Path key = TlsTestCertificates.writeTraditional(dir.resolve("key.pem"), server.keys());
        Files.writeString(key, "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n"
                + Files.readString(key));
        assertEquals(server.certificate(), read(certificate, key).leaf());
    }

    @Test
    void keysAsThisMachinesOpensslWritesThemLoad() throws Exception {
        assumeTrue(openssl("version"), "openssl is installed");
        assertTrue(openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "rsa-pkcs8.pem", "-out",
                "rsa-cert.pem", "-subj", "/CN=localhost", "-days", "2"));
        assertTrue(openssl("pkey", "-in", "rsa-pkcs8.pem", "-traditional", "-out", "rsa-pkcs1.pem"));
        assertTrue(openssl("ecparam", "-name", "prime256v1", "-genkey", "-out", "ec.pem"));
        assertTrue(openssl("req", "-x509", "-key", "ec.pem", "-out", "ec-cert.pem", "-subj", "/CN=localhost",
                "-days", "2"));
        assertStartsWith("-----BEGIN PRIVATE KEY-----", dir.resolve("rsa-pkcs8.pem"));
        assertStartsWith("-----BEGIN RSA PRIVATE KEY-----", dir.resolve("rsa-pkcs1.pem"));
        assertStartsWith("-----BEGIN EC PARAMETERS-----", dir.resolve("ec.pem"));

        assertEquals("RSA", read(dir.resolve("rsa-cert.pem"), dir.resolve("rsa-pkcs8.pem")).key().getAlgorithm());
        assertEquals("RSA", read(dir.resolve("rsa-cert.pem"), dir.resolve("rsa-pkcs1.pem")).key().getAlgorithm());
        assertEquals("EC", read(dir.resolve("ec-cert.pem"), dir.resolve("ec.pem")).key().getAlgorithm());
    }

    /** Runs openssl in the test's directory; whether it succeeded within 30 s. */
    private boolean openssl(String... arguments) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("openssl.log").toFile()).start();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (java.io.IOException notInstalled) {
            return false;
        }
    }

    @Test
    void aChainLoadsInItsOrderAndTheKeyAndTheChainMayShareAFile() throws Exception {
        Issued authority = TlsTestCertificates.authority();
        Issued server = TlsTestCertificates.issuedBy(authority);
        Path both = TlsTestCertificates.writeCertificates(dir.resolve("fullchain.pem"), server.certificate(),
                authority.certificate());
        Files.writeString(both, Files.readString(TlsTestCertificates.writePkcs8(dir.resolve("key.pem"),
                server.privateKey())) + Files.readString(both));

        ServerCertificate loaded = read(both, both);
        assertEquals(List.of(server.certificate(), authority.certificate()), loaded.chain());
        assertEquals(64 + 31, loaded.fingerprint().length(), "32 bytes in hex, with colons between");
    }

    @Test
    void aMissingFileIsNamedWithItsVariable() throws Exception {
        Issued server = TlsTestCertificates.server("EC");
        Path key = TlsTestCertificates.writePkcs8(dir.resolve("key.pem"), server.privateKey());
        Path missing = dir.resolve("no-such-cert.pem");
        assertEquals("TLS_CERT (" + missing + ") cannot be read: there is no such file", refusal(missing, key));
    }

    @Test
    void garbageGivenAsTheKeySaysWhatAKeyFileHolds() throws Exception {
        Issued server = TlsTestCertificates.server("EC");
        Path certificate = TlsTestCertificates.writeCertificates(dir.resolve("cert.pem"), server.certificate());
        Path garbage = Files.write(dir.resolve("key.pem"), new byte[] {0x30, (byte) 0x82, 0x01, 0x00, 0x7f, 0x00});

        String message = refusal(certificate, garbage);
        assertTrue(message.startsWith("TLS_KEY (" + garbage + ") is not in PEM form"), message);
    }

    @Test
    void aCertificateGivenAsTheKeyAndAKeyGivenAsTheCertificateAreTold() throws Exception {
        Issued server = TlsTestCertificates.server("RSA");
        Path certificate = TlsTestCertificates.writeCertificates(dir.resolve("cert.pem"), server.certificate());
        Path key = TlsTestCertificates.writePkcs8(dir.resolve("key.pem"), server.privateKey());

        String swapped = refusal(key, certificate);
        assertEquals("TLS_CERT (" + key + ") holds no certificate: expected -----BEGIN CERTIFICATE-----", swapped);
        String noKey = refusal(certificate, certificate);
        assertTrue(noKey.startsWith("TLS_KEY (" + certificate + ") holds no private key: expected -----BEGIN PRIVATE"
                + " KEY----- (PKCS#8), -----BEGIN RSA PRIVATE KEY----- or -----BEGIN EC PRIVATE KEY-----"), noKey);
    }

    @Test
    void theKeyOfAnotherCertificateIsRefusedNamingBothVariables() throws Exception {
        Issued server = TlsTestCertificates.server("EC");
        Issued other = TlsTestCertificates.server("EC");
        Path certificate = TlsTestCertificates.writeCertificates(dir.resolve("cert.pem"), server.certificate());
        Path key = TlsTestCertificates.writePkcs8(dir.resolve("key.pem"), other.privateKey());
        Path rsaKey = TlsTestCertificates.writeTraditional(dir.resolve("rsa.pem"), TlsTestCertificates.keys("RSA"));

        String expected = ") is not the private key of the certificate in TLS_CERT (" + certificate + "): they must be a pair";
        assertEquals("TLS_KEY (" + key + expected, refusal(certificate, key));
        assertEquals("TLS_KEY (" + rsaKey + expected, refusal(certificate, rsaKey));
    }

    @Test
    void aKeyUnderAPassphraseIsRefusedSayingHowToWriteItWithoutOne() throws Exception {
        Issued server = TlsTestCertificates.server("EC");
        Path certificate = TlsTestCertificates.writeCertificates(dir.resolve("cert.pem"), server.certificate());
        Path key = TlsTestCertificates.writeEncrypted(dir.resolve("key.pem"), server.privateKey());
        assertStartsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----", key);

        String message = refusal(certificate, key);
        assertTrue(message.startsWith("TLS_KEY (" + key + ") holds a key protected by a passphrase"), message);
        assertTrue(message.contains("openssl pkey"), message);
    }

    @Test
    void brokenPemIsRefusedAsSuch() throws Exception {
        Issued server = TlsTestCertificates.server("EC");
        Path key = TlsTestCertificates.writePkcs8(dir.resolve("key.pem"), server.privateKey());
        Path certificate = Files.writeString(dir.resolve("cert.pem"),
                "-----BEGIN CERTIFICATE-----\nMIIB!!!not base64\n-----END CERTIFICATE-----\n", StandardCharsets.US_ASCII);

        assertEquals("TLS_CERT (" + certificate + ") is not valid PEM: one of its -----BEGIN blocks is damaged or cut"
                + " short", refusal(certificate, key));
    }

    @Test
    void aCertificateWithoutItsKeyOrBothWithASelfSignedOneIsAConfigurationErrorNamingThem(@TempDir Path dir)
            throws Exception {
        // The files exist (the settings check that much when they are read); what is in them is checked at start.
        String cert = Files.writeString(dir.resolve("cert.pem"), "").toString();
        String key = Files.writeString(dir.resolve("key.pem"), "").toString();
        String alone = assertThrows(IllegalArgumentException.class,
                () -> ServerConfig.fromEnvironment(Map.of("TLS_CERT", cert))).getMessage();
        assertEquals("TLS_CERT and TLS_KEY go together: set both, or neither", alone);
        String keyAlone = assertThrows(IllegalArgumentException.class,
                () -> ServerConfig.fromEnvironment(Map.of("TLS_KEY", key))).getMessage();
        assertEquals(alone, keyAlone);
        String both = assertThrows(IllegalArgumentException.class, () -> ServerConfig.fromEnvironment(
                Map.of("TLS_CERT", cert, "TLS_KEY", key, "TLS_SELF_SIGNED", "true"))).getMessage();
        assertTrue(both.startsWith("TLS_SELF_SIGNED=true and TLS_CERT/TLS_KEY exclude each other"), both);

        TlsSettings files = ServerConfig.fromEnvironment(Map.of("TLS_CERT", cert, "TLS_KEY", key))
                .tls();
        assertEquals(TlsSettings.files(Path.of(cert), Path.of(key)), files);
        assertEquals(TlsSettings.OFF, ServerConfig.fromEnvironment(Map.of()).tls(), "plain HTTP by default");
        assertEquals(TlsSettings.selfSigned(Path.of(".peershare-tls")),
                ServerConfig.fromEnvironment(Map.of("TLS_SELF_SIGNED", "true")).tls());
    }
}
