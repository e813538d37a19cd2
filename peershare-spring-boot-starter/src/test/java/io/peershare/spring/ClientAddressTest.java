package io.peershare.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.peershare.spring.app.ShareApplication;
import io.peershare.testkit.WsTestClient;
import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Behind a reverse proxy the client's own address forms its network, believed from the proxy's X-Forwarded-For
 * either by PeerShare ({@code peershare.trusted-proxies}) or by the container ({@code
 * server.forward-headers-strategy=native}, Tomcat's RemoteIpValve); a client that is not a trusted proxy cannot
 * choose its network with the header.
 */
class ClientAddressTest {

    private static final String ORIGIN = "https://share.example.test";

    @ParameterizedTest
    @ValueSource(strings = {"--peershare.trusted-proxies=127.0.0.1",
            "--server.forward-headers-strategy=native"})
    void twoHousesBehindOneProxyAreTwoNetworksOfTheSameName(String trust) throws Exception {
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(ShareApplication.class).run(
                "--server.port=0", "--server.address=127.0.0.1", "--peershare.allowed-origins=" + ORIGIN, trust)) {
            URI ws = URI.create("ws://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort() + "/ws");
            try (WsTestClient alice = WsTestClient.connect(ws, ORIGIN, new String[] {"X-Forwarded-For", "203.0.113.5"}, true);
                 WsTestClient neighbour = WsTestClient.connect(ws, ORIGIN, new String[] {"X-Forwarded-For", "203.0.113.5"}, true);
                 WsTestClient stranger = WsTestClient.connect(ws, ORIGIN, new String[] {"X-Forwarded-For", "198.51.100.7"}, true)) {
                alice.join("Home", "Alice");
                alice.await("network-joined");
                neighbour.join("Home", "Nina");
                neighbour.await("network-joined");
                stranger.join("Home", "Sam");
                stranger.await("network-joined");
                alice.await("network-users-updated", d -> d.getJsonArray("users").size() == 2);
                assertEquals(1, stranger.await("network-users-updated").getJsonArray("users").size());
            }
        }
    }

    @org.junit.jupiter.api.Test
    void withoutATrustedProxyTheHeaderIsIgnored() throws Exception {
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(ShareApplication.class).run(
                "--server.port=0", "--server.address=127.0.0.1", "--peershare.allowed-origins=" + ORIGIN)) {
            URI ws = URI.create("ws://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort() + "/ws");
            try (WsTestClient alice = WsTestClient.connect(ws, ORIGIN, new String[] {"X-Forwarded-For", "203.0.113.5"}, true);
                 WsTestClient spoofer = WsTestClient.connect(ws, ORIGIN, new String[] {"X-Forwarded-For", "198.51.100.7"}, true)) {
                alice.join("Home", "Alice");
                alice.await("network-joined");
                spoofer.join("Home", "Sam");
                spoofer.await("network-joined");
                alice.await("network-users-updated", d -> d.getJsonArray("users").size() == 2);
            }
        }
    }
}
