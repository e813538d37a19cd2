package io.peershare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peershare.model.ChatMessage;
import io.peershare.model.PeerInfo;
import io.peershare.model.PeerShareStats;
import io.peershare.model.TransferInfo;
import io.peershare.spi.PeerShareListener;
import io.peershare.testing.TestClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Stats (issue item 10) and the host's listener (item 13). */
class StatsAndListenerTest {

    @Test
    void statsCountWhatHappened() {
        try (EngineFixture fx = new EngineFixture()) {
            TestClient alice = fx.client().join("Home", "Alice");
            TestClient bob = fx.client().join("Home", "Bob");
            fx.client().join("Work", "Carol");
            fx.client(); // connected, not joined
            alice.chat("hi");
            bob.chat("hello");
            alice.signal(bob.peerId(), Json.createObjectBuilder().add("type", "offer"));
            alice.send("initiate-file-transfer", Json.createObjectBuilder().add("to", bob.peerId())
                    .add("fileName", "f").add("fileSize", 1));
            alice.sendRaw("garbage");
            fx.clock.advance(Duration.ofSeconds(90));

            PeerShareStats stats = fx.engine.stats();
            assertEquals(4, stats.connections());
            assertEquals(3, stats.users());
            assertEquals(2, stats.networks());
            assertEquals(2, stats.messagesTotal());
            assertEquals(0, stats.messagesLastMinute(), "both messages are older than a minute now");
            assertEquals(2 + 3, stats.messagesStored(), "two chats and three joins");
            assertEquals(1, stats.signalsRelayed());
            assertEquals(1, stats.transfersInitiated());
            assertEquals(1L, stats.transfersActive().get("PENDING"));
            assertEquals(1L, stats.errors().get("MALFORMED_JSON"));
            assertEquals(1, stats.errorsTotal());
            assertEquals(Duration.ofSeconds(90), stats.uptime());
            assertTrue(stats.heapUsedBytes() > 0 && stats.heapMaxBytes() > 0);
            assertEquals(8, stats.framesReceived(), "3 joins, 2 chats, a signal, a transfer, garbage");

            JsonObject json = stats.toJson();
            assertEquals(3, json.getInt("users"));
            assertEquals(2, json.getJsonObject("messages").getInt("total"));
            assertEquals(1, json.getJsonObject("errors").getJsonObject("byCode").getInt("MALFORMED_JSON"));
            assertEquals(1, json.getJsonObject("transfers").getJsonObject("active").getInt("PENDING"));
        }
    }

    @Test
    void messagesPerMinuteCountsTheLastSixtySeconds() {
        try (EngineFixture fx = new EngineFixture()) {
            TestClient alice = fx.client().join("Home", "Alice");
            alice.chat("a");
            fx.clock.advance(Duration.ofSeconds(30));
            alice.chat("b");
            assertEquals(2, fx.engine.stats().messagesLastMinute());
            fx.clock.advance(Duration.ofSeconds(31));
            assertEquals(1, fx.engine.stats().messagesLastMinute());
        }
    }

    @Test
    void listenerHearsJoinsLeavesMessagesAndTransfers() {
        List<String> heard = new CopyOnWriteArrayList<>();
        PeerShareListener listener = new PeerShareListener() {
            @Override
            public void peerJoined(PeerInfo peer) {
                heard.add("joined " + peer.userName() + " " + peer.networkName());
            }

            @Override
            public void peerLeft(PeerInfo peer) {
                heard.add("left " + peer.userName());
            }

            @Override
            public void messageSent(PeerInfo author, ChatMessage message) {
                heard.add("message " + author.userName() + ": " + message.text());
            }

            @Override
            public void transferChanged(TransferInfo transfer) {
                heard.add("transfer " + transfer.fileName() + " " + transfer.state());
            }
        };
        try (EngineFixture fx = new EngineFixture(c -> c, b -> b.listener(listener))) {
            TestClient alice = fx.client().join("Home", "Alice");
            TestClient bob = fx.client().join("Home", "Bob");
            alice.chat("hi");
            alice.send("initiate-file-transfer", Json.createObjectBuilder().add("to", bob.peerId())
                    .add("fileName", "f.txt").add("fileSize", 1));
            String id = alice.last("file-transfer-initiated").getJsonObject("data").getString("transferId");
            bob.send("reject-file-transfer", Json.createObjectBuilder().add("transferId", id));
            bob.close();
            fx.graceEnds();
            assertEquals(List.of("joined Alice Home", "joined Bob Home", "message Alice: hi",
                    "transfer f.txt PENDING", "transfer f.txt REJECTED", "left Bob"), heard);
        }
    }

    @Test
    void aThrowingListenerDoesNotBreakTheEngine() {
        PeerShareListener broken = new PeerShareListener() {
            @Override
            public void messageSent(PeerInfo author, ChatMessage message) {
                throw new IllegalStateException("host bug");
            }
        };
        try (EngineFixture fx = new EngineFixture(c -> c, b -> b.listener(broken))) {
            TestClient alice = fx.client().join("Home", "Alice");
            TestClient bob = fx.client().join("Home", "Bob");
            alice.chat("still delivered");
            assertEquals("still delivered", bob.last("new-message").getJsonObject("data").getString("text"));
            assertTrue(alice.errors().isEmpty());
        }
    }
}
