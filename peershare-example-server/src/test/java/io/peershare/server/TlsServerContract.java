package io.peershare.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peershare.server.TlsTestCertificates.Issued;
import io.peershare.testing.ManualClock;
import io.peershare.testkit.WsTestClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reference server in-process with {@code TLS_CERT} and {@code TLS_KEY}, or {@code TLS_SELF_SIGNED}: the one port
 * serves HTTPS and WSS to real clients that trust only the test's certificate. Every test runs on each transport:
 * {@link TlsNettyServerTest}, {@link TlsTyrusServerTest}.
 */
abstract class TlsServerContract {

    /** The transport under test. */
    abstract TransportKind transport();

    private static final String ORIGIN = "https://app.example.test";
    /** A Wi-Fi address and an IPv6 one, and a link-local address the links leave out. */
    private static final FakeMachine LAPTOP = FakeMachine.of("laptop", "127.0.0.1", "::1", "fe80::1%2",
            "192.168.1.20", "2001:db8::20");

    @TempDir
    Path dir;
    /** Now, so that the certificates the server makes are valid for the clients, which read the real clock. */
    private final ManualClock clock = new ManualClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private PeerShareServer server;
    private Issued issued;
    private HttpClient https;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    /** The server with a fresh test certificate and {@code settings} over production on 127.0.0.1. */
    private PeerShareServer startWithCertificate(Map<String, String> settings) throws Exception {
        issued = TlsTestCertificates.server("EC");
        https = TlsTestCertificates.https(issued.certificate());
        Map<String, String> environment = new HashMap<>(Map.of(
                "TLS_CERT", TlsTestCertificates.writeCertificates(dir.resolve("cert.pem"), issued.certificate()).toString(),
                "TLS_KEY", TlsTestCertificates.writePkcs8(dir.resolve("key.pem"), issued.privateKey()).toString()));
        environment.putAll(settings);
        return start(environment);
    }

    private PeerShareServer start(Map<String, String> settings) throws Exception {
        Map<String, String> environment = new HashMap<>(Map.of("HOST", "127.0.0.1", "PORT", "0", "IO_THREADS", "2",
                "NODE_ENV", "production", "FRONTEND_URL", ORIGIN, "TRANSPORT", transport().name().toLowerCase()));
        environment.putAll(settings);
        server = PeerShareServer.start(ServerConfig.fromEnvironment(environment), LAPTOP, clock);
        return server;
    }

    private URI uri(String scheme, String path) {
        return URI.create(scheme + "://127.0.0.1:" + server.port() + path);
    }

    private HttpResponse<String> get(HttpClient client, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(uri("https", path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject json(HttpResponse<String> response) {
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    /** The certificate the server presented for {@code response}. */
    private static X509Certificate served(HttpResponse<?> response) throws Exception {
        return (X509Certificate) response.sslSession().orElseThrow().getPeerCertificates()[0];
    }

    @Test
    void httpsServesHealthThePageTheStatisticsAndTheMetrics() throws Exception {
        startWithCertificate(Map.of());

        HttpResponse<String> health = get(https, "/health");
        assertEquals(200, health.statusCode());
        assertEquals("ok", json(health).getString("status"));
        assertEquals(issued.certificate(), served(health));

        HttpResponse<String> page = get(https, "/");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("PeerShare"));
        assertTrue(page.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
        assertTrue(page.headers().firstValue("Content-Security-Policy").isPresent());
        assertEquals(200, get(https, "/api/stats").statusCode());
        assertTrue(get(https, "/metrics").body().contains("peershare_connections "));
        assertEquals(server.certificateFingerprint(), new ServerCertificate(issued.privateKey(),
                List.of(issued.certificate())).fingerprint());
    }

    @Test
    void aWssClientJoinsANetworkAndSeesItselfInIt() throws Exception {
        startWithCertificate(Map.of());
        try (WsTestClient client = WsTestClient.connect(https, uri("wss", PeerShareServer.WEBSOCKET_PATH), ORIGIN)) {
            client.join("n", "a");
            assertEquals("n", client.await("network-joined").getString("networkName"));
            JsonObject users = client.await("network-users-updated");
            assertEquals(List.of("a"), users.getJsonArray("users").getValuesAs(JsonObject.class).stream()
                    .map(user -> user.getString("userName")).toList());
        }
    }

    @Test
    void socketIoClientsConnectOverWssToo() throws Exception {
        startWithCertificate(Map.of());
        CompletableFuture<String> first = new CompletableFuture<>();
        WebSocket socket = https.newWebSocketBuilder().header("Origin", ORIGIN)
                .buildAsync(uri("wss", "/socket.io/?EIO=4&transport=websocket"), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        first.complete(data.toString());
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        try {
            String open = first.get(10, TimeUnit.SECONDS);
            assertTrue(open.startsWith("0{\"sid\":"), () -> "Engine.IO's open packet: " + open);
        } finally {
            socket.abort();
        }
    }

    @Test
    void plainHttpToTheTlsPortIsClosedAndTheServerGoesOn() throws Exception {
        startWithCertificate(Map.of());
        HttpClient plain = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        assertThrows(IOException.class, () -> plain.send(HttpRequest.newBuilder(uri("http", "/health"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()));

        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] answer;
            try {
                answer = socket.getInputStream().readAllBytes(); // until the server ends the connection
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the server neither answered nor closed the connection", e);
            } catch (IOException reset) {
                answer = new byte[0]; // a reset ends it as cleanly, for the client
            }
            String text = new String(answer, StandardCharsets.ISO_8859_1);
            assertFalse(text.contains("\"status\""), () -> "nothing served in plain text: " + text);
        }

        assertEquals(200, get(https, "/health").statusCode(), "the server serves on");
        try (WsTestClient client = WsTestClient.connect(https, uri("wss", PeerShareServer.WEBSOCKET_PATH), ORIGIN)) {
            client.join("n", "a");
            client.await("network-joined");
        }
    }

    @Test
    void aRenewedCertificateIsServedAfterTheNextCheckWithoutARestart() throws Exception {
        startWithCertificate(Map.of());
        Issued renewed = TlsTestCertificates.server("RSA");
        TlsTestCertificates.writeCertificates(dir.resolve("cert.pem"), renewed.certificate());
        TlsTestCertificates.writeTraditional(dir.resolve("key.pem"), renewed.keys());

        // Each client its own TLS context, so that no session is resumed with the certificate it began with.
        X509Certificate[] both = {issued.certificate(), renewed.certificate()};
        assertEquals(issued.certificate(), served(get(TlsTestCertificates.https(both), "/health")),
                "the files are looked at once a minute");
        clock.advance(ReloadingKeyManager.CHECK_EVERY);
        assertEquals(renewed.certificate(), served(get(TlsTestCertificates.https(both), "/health")));
        assertEquals(new ServerCertificate(renewed.privateKey(), List.of(renewed.certificate())).fingerprint(),
                server.certificateFingerprint());

        // Half a renewal (a new certificate, the old key) is not taken: the one in use stays.
        Issued next = TlsTestCertificates.server("EC");
        TlsTestCertificates.writeCertificates(dir.resolve("cert.pem"), next.certificate());
        clock.advance(ReloadingKeyManager.CHECK_EVERY);
        assertEquals(renewed.certificate(), served(get(TlsTestCertificates.https(both), "/health")));
    }

    @Test
    void aSelfSignedCertificateNamesThisMachineAndIsServedAgainAfterARestart() throws Exception {
        Path kept = dir.resolve("tls");
        start(Map.of("TLS_SELF_SIGNED", "true", "TLS_SELF_SIGNED_DIR", kept.toString()));
        X509Certificate certificate = PemFiles.certificates("T", kept.resolve("cert.pem")).get(0);
        HttpClient trusting = TlsTestCertificates.https(certificate);

        HttpResponse<String> health = get(trusting, "/health");
        assertEquals(200, health.statusCode());
        assertEquals(certificate, served(health));
        String names = certificate.getSubjectAlternativeNames().toString();
        for (String name : List.of("localhost", "laptop", "laptop.local", "192.168.1.20", "127.0.0.1")) {
            assertTrue(names.contains(name), () -> name + " in " + names);
        }
        String fingerprint = server.certificateFingerprint();

        server.stop();
        start(Map.of("TLS_SELF_SIGNED", "true", "TLS_SELF_SIGNED_DIR", kept.toString()));
        assertEquals(fingerprint, server.certificateFingerprint(), "a browser that accepted it once is not asked again");
        assertEquals(certificate, served(get(TlsTestCertificates.https(certificate), "/health")));
    }

    @Test
    void theLinksToThePageAreHttpsUrlsOfTheMachinesAddressesInDevelopment() throws Exception {
        startWithCertificate(Map.of("HOST", "0.0.0.0", "NODE_ENV", "development"));
        int port = server.port();

        HttpResponse<String> links = get(https, "/api/links");
        assertEquals(200, links.statusCode());
        assertEquals(List.of("https://192.168.1.20:" + port + "/", "https://[2001:db8::20]:" + port + "/",
                ORIGIN + "/"), json(links).getJsonArray("urls").getValuesAs(JsonString::getString));
        assertEquals(List.of("https://192.168.1.20:" + port + "/", "https://[2001:db8::20]:" + port + "/",
                "https://localhost:" + port + "/", ORIGIN + "/"), server.urls());
        assertNotEquals(-1, links.headers().firstValue("Cache-Control").orElseThrow().indexOf("no-store"));
    }
}
