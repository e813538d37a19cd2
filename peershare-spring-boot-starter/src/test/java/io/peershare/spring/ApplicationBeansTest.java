package io.peershare.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peershare.defaults.InMemoryMessageStore;
import io.peershare.model.ChatMessage;
import io.peershare.model.PeerInfo;
import io.peershare.spi.AdmissionPolicy;
import io.peershare.spi.AdmissionPolicy.Admission;
import io.peershare.spi.MessageStore;
import io.peershare.spi.NetworkResolver;
import io.peershare.spi.PeerShareListener;
import io.peershare.spring.app.ShareApplication;
import io.peershare.testkit.WsTestClient;
import jakarta.json.Json;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

/** The application's own NetworkResolver, AdmissionPolicy, PeerShareListener and MessageStore beans replace the defaults. */
@SpringBootTest(classes = {ShareApplication.class, ApplicationBeansTest.OwnBeans.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"server.address=127.0.0.1", "peershare.allowed-origins=https://share.example.test"})
class ApplicationBeansTest {

    static final String ORIGIN = "https://share.example.test";

    @TestConfiguration
    static class OwnBeans {
        final List<String> joined = new CopyOnWriteArrayList<>();
        final List<String> stored = new CopyOnWriteArrayList<>();

        /** Every named network is the one lobby. */
        @Bean
        NetworkResolver lobby() {
            return request -> "lobby";
        }

        // --- docs/embedding.md: spring-boot-bean
        @Bean
        AdmissionPolicy noMallory() {
            return (request, networkKey) -> request.userName().equals("Mallory")
                    ? Admission.deny("Mallory is not welcome") : Admission.allow();
        }
        // --- end

        @Bean
        PeerShareListener joins() {
            return new PeerShareListener() {
                @Override
                public void peerJoined(PeerInfo peer) {
                    joined.add(peer.userName());
                }
            };
        }

        @Bean
        MessageStore recordingStore() {
            return new MessageStore() {
                private final InMemoryMessageStore memory = new InMemoryMessageStore(1000, 100);

                @Override
                public void append(String networkKey, ChatMessage message) {
                    stored.add(message.text());
                    memory.append(networkKey, message);
                }

                @Override
                public List<ChatMessage> history(String networkKey, java.time.Instant notBefore) {
                    return memory.history(networkKey, notBefore);
                }

                @Override
                public boolean hasHistory(String networkKey) {
                    return memory.hasHistory(networkKey);
                }

                @Override
                public int purgeOlderThan(java.time.Instant cutoff) {
                    return memory.purgeOlderThan(cutoff);
                }

                @Override
                public long size() {
                    return memory.size();
                }

                @Override
                public void forget(String networkKey) {
                    memory.forget(networkKey);
                }
            };
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    OwnBeans beans;

    @Test
    void theApplicationsBeansResolveAdmitListenAndStore() throws Exception {
        URI ws = URI.create("ws://127.0.0.1:" + port + "/ws");
        try (WsTestClient alice = WsTestClient.connect(ws, ORIGIN);
             WsTestClient bob = WsTestClient.connect(ws, ORIGIN);
             WsTestClient mallory = WsTestClient.connect(ws, ORIGIN)) {
            alice.join("Kitchen", "Alice");
            alice.await("network-joined");
            bob.join("Garage", "Bob");
            bob.await("network-joined");
            // Different names, one network: the application's resolver placed them.
            alice.await("network-users-updated", d -> d.getJsonArray("users").size() == 2);

            mallory.join("Kitchen", "Mallory");
            assertEquals("JOIN_DENIED", mallory.await("error").getString("code"));

            alice.send("send-message", Json.createObjectBuilder().add("text", "kept by the application"));
            bob.await("new-message", d -> "kept by the application".equals(d.getString("text", null)));
            assertTrue(beans.stored.contains("kept by the application"), beans.stored::toString);
            assertTrue(beans.joined.containsAll(List.of("Alice", "Bob")), beans.joined::toString);
            assertTrue(!beans.joined.contains("Mallory"), beans.joined::toString);
        }
    }
}
