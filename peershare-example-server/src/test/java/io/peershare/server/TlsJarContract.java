package io.peershare.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.peershare.server.TlsTestCertificates.Issued;
import io.peershare.testkit.WsTestClient;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runnable jar in its own process with TLS, as an operator runs it, on each transport: {@link TlsJarOnNettyIT}
 * and {@link TlsJarOnTyrusIT}. What the process adds to the in-process tests: the start-up lines, the exit of a bad
 * file, a certificate kept across a real restart, and a log that a plain HTTP client cannot fill.
 */
abstract class TlsJarContract {

    /** The {@code TRANSPORT} to run the jar with. */
    abstract String transport();

    private static final String ORIGIN = "https://app.example.test";

    @TempDir
    Path workDir;
    private ServerProcess server;

    /** Failsafe runs these once the jar is packaged; a {@code -Dtest=Tls*} run of the unit tests passes them over. */
    @BeforeEach
    void theJarIsBuilt() {
        assumeTrue(System.getProperty("peershare.jar") != null, "the jar's tests run in the integration-test phase");
    }

    @AfterEach
    void kill() {
        if (server != null) {
            server.close();
        }
    }

    private ServerProcess startJar(Map<String, String> env) throws IOException {
        Map<String, String> all = new HashMap<>(env);
        all.put("TRANSPORT", transport());
        server = ServerProcess.start(workDir, all, List.of());
        return server;
    }

    /** Waits up to 30 s for {@code GET /health} over HTTPS to answer 200, the certificate read by {@code trust}. */
    private HttpClient awaitHealthy(int port, TrustedCertificate trust) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            assertTrue(server.process().isAlive(), () -> "the server died: " + server.log());
            assertTrue(System.nanoTime() < deadline, () -> "the server answers HTTPS within 30 s: " + server.log());
            X509Certificate certificate = trust.read();
            if (certificate != null) {
                HttpClient client = TlsTestCertificates.https(certificate);
                try {
                    if (health(client, port).statusCode() == 200) {
                        return client;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
            }
            Thread.sleep(100);
        }
    }

    /** Where the client's trust comes from: the test's certificate, or the one the server writes. */
    @FunctionalInterface
    private interface TrustedCertificate {
        X509Certificate read() throws Exception;
    }

    private static HttpResponse<String> health(HttpClient client, int port) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/health"))
                .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private X509Certificate keptCertificate() {
        Path file = workDir.resolve(".peershare-tls").resolve("cert.pem");
        return Files.exists(file) ? PemFiles.certificates("T", file).get(0) : null;
    }

    @Test
    void aSelfSignedJarPrintsItsHttpsUrlsAndFingerprintServesWssAndKeepsItsCertificateAcrossARestart() throws Exception {
        int port = ServerProcess.freePort();
        startJar(Map.of("PORT", Integer.toString(port), "TLS_SELF_SIGNED", "true"));
        HttpClient https = awaitHealthy(port, this::keptCertificate);
        X509Certificate certificate = keptCertificate();
        String fingerprint = TlsTestCertificates.fingerprint(certificate);

        try (WsTestClient client = WsTestClient.connect(https, URI.create("wss://127.0.0.1:" + port + "/ws"), null)) {
            client.join("n", "a");
            assertEquals("a", client.await("network-users-updated").getJsonArray("users").getJsonObject(0)
                    .getString("userName"));
        }
        String log = server.log();
        assertTrue(log.contains("TLS with a self-signed certificate made now (there was none in .peershare-tls)"), log);
        assertTrue(log.contains("SHA-256 fingerprint: " + fingerprint), log);
        String listening = log.lines().filter(line -> line.contains("PeerShare listening on ")).findFirst().orElseThrow();
        assertTrue(listening.contains(" https://localhost:" + port + "/ "), listening);
        for (InetAddress address : LocalAddresses.system().addresses()) {
            if (address instanceof Inet4Address && !address.isLoopbackAddress() && !address.isLinkLocalAddress()) {
                assertTrue(listening.contains("https://" + address.getHostAddress() + ":" + port + "/"),
                        () -> "every interface's address: " + address + " in " + listening);
            }
        }
        assertFalse(listening.contains("127.0.0.1"), "localhost stands for the loopback addresses");

        server.process().destroy(); // SIGTERM
        assertTrue(server.process().waitFor(15, TimeUnit.SECONDS));
        startJar(Map.of("PORT", Integer.toString(port), "TLS_SELF_SIGNED", "true"));
        HttpClient again = awaitHealthy(port, () -> certificate);
        assertEquals(certificate, health(again, port).sslSession().orElseThrow().getPeerCertificates()[0],
                "the browser that accepted it once is not asked again");
        assertTrue(server.log().contains("TLS with a self-signed certificate kept in .peershare-tls/cert.pem"),
                server.log());
        assertTrue(server.log().contains("SHA-256 fingerprint: " + fingerprint), server.log());
    }

    @Test
    void plainHttpAndHalfHandshakesToTheHttpsPortAreClosedWithoutALogLineInProduction() throws Exception {
        Issued issued = TlsTestCertificates.server("RSA");
        Path certificate = TlsTestCertificates.writeCertificates(workDir.resolve("fullchain.pem"), issued.certificate());
        Path key = TlsTestCertificates.writeTraditional(workDir.resolve("privkey.pem"), issued.keys());
        int port = ServerProcess.freePort();
        startJar(Map.of("PORT", Integer.toString(port), "HOST", "127.0.0.1", "NODE_ENV", "production",
                "FRONTEND_URL", ORIGIN, "METRICS_TOKEN", "a-token-of-sixteen-or-more",
                "TLS_CERT", certificate.toString(), "TLS_KEY", key.toString()));
        HttpClient https = awaitHealthy(port, issued::certificate);
        String started = server.log();
        assertTrue(started.contains("PeerShare listening on https://127.0.0.1:" + port + "/ " + ORIGIN + "/ "), started);
        assertTrue(started.contains("TLS with the certificate of TLS_CERT (" + certificate + "), valid until "), started);

        HttpClient plain = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (int i = 0; i < 20; i++) {
            assertThrows(IOException.class, () -> plain.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/health")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()));
            try (Socket half = new Socket(InetAddress.getLoopbackAddress(), port)) {
                // The start of a ClientHello, and then nothing more.
                half.getOutputStream().write(new byte[] {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00});
            }
        }
        assertEquals(200, health(https, port).statusCode(), "the server serves on");
        server.process().destroy();
        assertTrue(server.process().waitFor(15, TimeUnit.SECONDS));
        String log = server.log();
        assertEquals(started.lines().count() + 1, log.lines().count(), () -> "only the stop line more:\n" + log);
        assertFalse(log.contains("\tat "), log);
    }

    @Test
    void aKeyThatIsNotTheCertificatesOrGarbageStopsStartUpNamingTheVariableAndTheFile() throws Exception {
        Issued issued = TlsTestCertificates.server("EC");
        TlsTestCertificates.writeCertificates(workDir.resolve("cert.pem"), issued.certificate());
        TlsTestCertificates.writePkcs8(workDir.resolve("other-key.pem"), TlsTestCertificates.keys("EC").getPrivate());
        startJar(Map.of("TLS_CERT", "cert.pem", "TLS_KEY", "other-key.pem"));
        assertTrue(server.process().waitFor(20, TimeUnit.SECONDS));
        assertEquals(2, server.process().exitValue());
        assertEquals("peershare: configuration error: TLS_KEY (other-key.pem) is not the private key of the certificate"
                + " in TLS_CERT (cert.pem): they must be a pair", server.log().strip());

        Files.write(workDir.resolve("garbage.pem"), "\u0000\u0001 not a certificate".getBytes(StandardCharsets.UTF_8));
        startJar(Map.of("TLS_CERT", "garbage.pem", "TLS_KEY", "other-key.pem"));
        assertTrue(server.process().waitFor(20, TimeUnit.SECONDS));
        assertEquals(2, server.process().exitValue());
        assertTrue(server.log().strip().startsWith("peershare: configuration error: TLS_CERT (garbage.pem) is not in PEM"
                + " form"), server.log());

        startJar(Map.of("TLS_CERT", "cert.pem"));
        assertTrue(server.process().waitFor(20, TimeUnit.SECONDS));
        assertEquals(2, server.process().exitValue());
        assertEquals("peershare: configuration error: TLS_CERT and TLS_KEY go together: set both, or neither",
                server.log().strip());
    }
}
