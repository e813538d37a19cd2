package io.peershare.bench;

import io.peershare.testkit.RawWebSocket;
import jakarta.json.JsonObject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The people of the soak, each a loop that runs until the soak ends: residents who chat and signal, passers-by who
 * come and go, readers who stop reading while someone relays to them, and clients that send every kind of bad
 * frame. Each runs on its own thread and paces itself; all traffic goes to one loopback server.
 */
final class SoakActors {

    private final URI url;
    private final String origin;
    private final SoakCounts counts;
    private final long endNanos;

    SoakActors(URI url, String origin, SoakCounts counts, long endNanos) {
        this.url = url;
        this.origin = origin;
        this.counts = counts;
        this.endNanos = endNanos;
    }

    private boolean running() {
        return System.nanoTime() < endNanos && !Thread.currentThread().isInterrupted();
    }

    private SoakClient connect() throws Exception {
        counts.connections.increment();
        return SoakClient.connect(url, origin, counts);
    }

    private static void pause(long millis) throws InterruptedException {
        Thread.sleep(millis);
    }

    private static String signal(String to, int bytes) {
        return "{\"event\":\"webrtc-signal\",\"data\":{\"to\":\"" + to + "\",\"signal\":{\"type\":\"candidate\","
                + "\"candidate\":\"" + "c".repeat(bytes) + "\"}}}";
    }

    private static String chat(String text) {
        return "{\"event\":\"send-message\",\"data\":{\"text\":\"" + text + "\"}}";
    }

    /** Five members of one network: each chats once a second and signals a neighbour twenty times a second. */
    void residents(String network) throws Exception {
        List<SoakClient> members = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                SoakClient member = connect();
                member.join(network, "Resident" + i);
                members.add(member);
            }
            long tick = 0;
            while (running()) {
                for (SoakClient member : members) {
                    List<JsonObject> others = member.others();
                    if (!others.isEmpty()) {
                        String to = others.get(ThreadLocalRandom.current().nextInt(others.size())).getString("peerId");
                        member.send(signal(to, 1_000));
                    }
                    if (tick % 20 == 0) {
                        member.send(chat("tick " + tick));
                    }
                    if (tick % 400 == 0) {
                        member.send("{\"event\":\"heartbeat\"}");
                    }
                }
                tick++;
                pause(50);
            }
        } finally {
            members.forEach(SoakClient::close);
        }
    }

    /** Someone who joins, says hello and goes, over and over: join and leave churn. */
    void passersBy(String network) throws Exception {
        int n = 0;
        while (running()) {
            try (SoakClient passer = connect()) {
                passer.join(network, "Passer" + n++);
                pause(100);
                passer.send(chat("hello"));
                pause(150);
            }
        }
    }

    /** A reader that stops reading while a companion relays 32 KB signals to it, until the server closes it. */
    void slowReaders(String network) throws Exception {
        while (running()) {
            try (RawWebSocket stalled = RawWebSocket.open(url, 4096); SoakClient sender = connect()) {
                counts.connections.increment();
                stalled.handshake(url, origin);
                stalled.sendText("{\"event\":\"join-wifi-network\",\"data\":{\"networkName\":\"" + network
                        + "\",\"userName\":\"Stalled\"}}");
                sender.join(network, "Sender");
                long giveUp = System.nanoTime() + 60_000_000_000L;
                String stalledId = null;
                while (running() && System.nanoTime() < giveUp) {
                    List<JsonObject> others = sender.others();
                    if (stalledId == null && !others.isEmpty()) {
                        stalledId = others.get(0).getString("peerId");
                    } else if (stalledId != null && others.isEmpty()) {
                        break; // the server closed the stalled reader
                    }
                    if (stalledId != null) {
                        sender.send(signal(stalledId, 32_000));
                    }
                    pause(20);
                }
            }
        }
    }

    /** Every kind of bad frame, each on a connection of its own when it closes the connection. */
    void badFrames() throws Exception {
        byte[] notUtf8 = {'{', (byte) 0xC3, (byte) 0x28, '}'};
        String deep = "{\"event\":\"send-message\",\"data\":" + "[".repeat(2_000) + "]".repeat(2_000) + "}";
        String longNumber = "{\"event\":\"heartbeat\",\"requestId\":" + "9".repeat(1_200) + "}";
        while (running()) {
            try (RawWebSocket client = RawWebSocket.connect(url, origin)) {
                counts.connections.increment();
                for (int i = 0; i < 5 && running(); i++) {
                    client.sendText(i % 2 == 0 ? deep : longNumber);
                    client.sendText("{\"event\":" + "[".repeat(300));
                    client.sendText("{\"event\":\"no-such-event\",\"data\":{}}");
                    pause(200);
                }
                switch (ThreadLocalRandom.current().nextInt(3)) {
                    case 0 -> client.sendFrame(RawWebSocket.BINARY, new byte[] {1, 2, 3});
                    case 1 -> client.sendFrame(RawWebSocket.TEXT, notUtf8);
                    default -> client.sendFrame(RawWebSocket.TEXT,
                            ("{\"event\":\"send-message\",\"data\":{\"text\":\"" + "x".repeat(300_000) + "\"}}")
                                    .getBytes(StandardCharsets.UTF_8));
                }
                counts.closedByServer(client.awaitClose());
            }
        }
    }
}
