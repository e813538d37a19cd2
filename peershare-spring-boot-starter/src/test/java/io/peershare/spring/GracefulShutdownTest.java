package io.peershare.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peershare.spring.app.ShareApplication;
import io.peershare.testkit.WsTestClient;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Closing the application with {@code server.shutdown=graceful}: the health component turns OUT_OF_SERVICE for the
 * drain, then every client is sent 1001, then the web server stops.
 */
class GracefulShutdownTest {

    @Test
    void healthDrainsFirstThenEveryClientIsClosedWith1001ThenTheServerStops() throws Exception {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(ShareApplication.class).run(
                "--server.port=0", "--server.address=127.0.0.1", "--server.shutdown=graceful",
                "--peershare.allowed-origins=https://share.example.test", "--peershare.shutdown-drain=1s",
                "--management.endpoint.health.show-details=always");
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        URI ws = URI.create("ws://127.0.0.1:" + port + "/ws");
        try (WsTestClient alice = WsTestClient.connect(ws, "https://share.example.test")) {
            alice.join("Hall", "Alice");
            alice.await("network-joined");
            assertEquals(200, PeerShareStarterTest.get(port, "/actuator/health/peershare").statusCode());

            CompletableFuture<Void> closing = CompletableFuture.runAsync(context::close);
            HttpResponse<String> draining = awaitStatus(port, 503);
            assertEquals("OUT_OF_SERVICE", PeerShareStarterTest.json(draining.body()).getString("status"));
            assertEquals("draining", PeerShareStarterTest.json(draining.body()).getJsonObject("details")
                    .getString("state"));
            assertTrue(!alice.isClosed(), "clients are closed only after the drain");

            assertEquals(1001, alice.awaitClose());
            closing.get(20, TimeUnit.SECONDS);
            assertTrue(!context.isActive());
        } finally {
            context.close();
        }
    }

    private static HttpResponse<String> awaitStatus(int port, int status) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            HttpResponse<String> response = PeerShareStarterTest.get(port, "/actuator/health/peershare");
            if (response.statusCode() == status || System.nanoTime() > deadline) {
                assertEquals(status, response.statusCode(), response.body());
                return response;
            }
            Thread.sleep(20);
        }
    }
}
