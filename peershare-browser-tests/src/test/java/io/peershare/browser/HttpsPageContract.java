package io.peershare.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The page over the server's own HTTPS and WSS (TLS_CERT and TLS_KEY, a test certificate made with openssl): a
 * secure context with no proxy in front, on each transport ({@link HttpsPageOnNettyTest},
 * {@link HttpsPageOnTyrusTest}). Chromium trusts the test certificate by its public key
 * ({@code --ignore-certificate-errors-spki-list}), as a browser trusts a real one.
 */
abstract class HttpsPageContract extends PageTest {

    /** The server's {@code TRANSPORT}. */
    abstract String transport();

    private String spkiHash;

    @BeforeAll
    void startServer(@TempDir Path serverDir) throws Exception {
        Path cert = serverDir.resolve("cert.pem");
        Path key = serverDir.resolve("key.pem");
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key.toString(), "-out", cert.toString(),
                "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost")
                .redirectErrorStream(true).start();
        String said = new String(openssl.getInputStream().readAllBytes());
        Assumptions.assumeTrue(openssl.waitFor(30, TimeUnit.SECONDS) && openssl.exitValue() == 0,
                "openssl made no test certificate: " + said);
        try (InputStream in = Files.newInputStream(cert)) {
            X509Certificate x509 = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            spkiHash = Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(x509.getPublicKey().getEncoded()));
        }
        startServer(serverDir, Map.of("TRANSPORT", transport(), "TLS_CERT", cert.toString(), "TLS_KEY", key.toString()),
                List.of());
    }

    private Browser browser(String name) throws Exception {
        return browser(name, Browser.Screen.DESKTOP, List.of("--ignore-certificate-errors-spki-list=" + spkiHash),
                server.url("/"));
    }

    @Test
    void overTheServersOwnHttpsThePageIsASecureContextAndAFileArrivesIntact() throws Exception {
        Path file = randomFile("over-https.bin", 500_000, 71);
        Browser alice = browser("alice");
        Browser bob = browser("bob");
        assertTrue(server.url("/").startsWith("https://"), server.url("/"));
        for (Browser page : List.of(alice, bob)) {
            assertEquals(Boolean.TRUE, page.script("return window.isSecureContext && location.protocol === 'https:';"));
            page.awaitConnectedInNetwork();
            assertTrue(((String) page.script("return window.peershare.url;")).startsWith("wss://"), "signaling over WSS");
        }
        alice.join("Tls", "Alice");
        bob.join("Tls", "Bob");
        alice.sendFiles("Bob", file);
        bob.clickTransferAction("over-https.bin", "accept");
        assertEquals(sha256(Files.readAllBytes(file)), sha256(bob.savedBytes("over-https.bin")));
        alice.awaitTransferState("over-https.bin", "completed");
        assertEquals(Boolean.TRUE, alice.asyncScript("""
                const done = arguments[arguments.length - 1];
                navigator.serviceWorker.ready.then(() => done(true), () => done(false));
                """), "a secure context: the share menu's service worker runs");
    }
}
