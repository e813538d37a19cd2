package io.peershare.bench;

import io.peershare.testkit.RawWebSocket;
import jakarta.json.JsonObject;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The people of the soak, each a loop that runs until the soak ends: residents who chat and signal, passers-by who
 * come and go, readers who stop reading while someone relays to them, a Socket.IO long-polling client that stops
 * polling while someone relays to it, clients that send every kind of bad frame, and an address that floods,
 * is closed for it and reconnects at once, in a loop. Each runs on its own thread and paces itself; all traffic
 * goes to one loopback server. The clients that earn closes for abuse come from loopback addresses of their own
 * (127.0.0.x, Linux answers the whole 127/8), so that the cooldown they earn is theirs alone.
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

    /** A loopback address of the soak's own, apart from the 127.0.0.1 the well-behaved clients share. */
    private static InetAddress loopback(int lastByte) throws java.net.UnknownHostException {
        return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) lastByte});
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
                    if (stalledId == null) {
                        stalledId = present(others, "Stalled");
                    } else if (gone(others, stalledId)) {
                        break; // the server closed the stalled reader (it shows away while it may resume)
                    }
                    if (stalledId != null) {
                        sender.send(signal(stalledId, 32_000));
                    }
                    pause(20);
                }
            }
        }
    }

    /**
     * A Socket.IO client on HTTP long-polling that polls once, then never again but posts a pong every ten seconds,
     * while a companion relays 32 KB signals to it: the server closes it once what waits for it passes its outbound
     * share (it shows away, then goes), and it starts over. Ends at once on a transport without long-polling.
     */
    void stoppedPoller(String network) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI engineIo = URI.create("http://" + url.getHost() + ":" + url.getPort() + "/socket.io/?EIO=4&transport=polling");
        while (running()) {
            HttpResponse<String> open = http.send(HttpRequest.newBuilder(engineIo).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (open.statusCode() != 200) {
                pause(Math.max(0, (endNanos - System.nanoTime()) / 1_000_000)); // no long-polling on this transport
                return;
            }
            counts.connections.increment();
            String sid = open.body().substring(open.body().indexOf("\"sid\":\"") + 7, open.body().indexOf("\",\"upgrades\""));
            URI session = URI.create(engineIo + "&sid=" + sid);
            post(http, session, "40");
            post(http, session, "42[\"join-wifi-network\",{\"networkName\":\"" + network + "\",\"userName\":\"Poller\"}]");
            http.send(HttpRequest.newBuilder(session).build(), HttpResponse.BodyHandlers.discarding()); // its one poll
            try (SoakClient sender = connect()) {
                sender.join(network, "Sender");
                long giveUp = System.nanoTime() + 60_000_000_000L;
                String pollerId = null;
                for (long tick = 0; running() && System.nanoTime() < giveUp; tick++) {
                    List<JsonObject> others = sender.others();
                    if (pollerId == null) {
                        pollerId = present(others, "Poller");
                    } else if (gone(others, pollerId)) {
                        break; // the server closed the poller
                    }
                    if (pollerId != null) {
                        sender.send(signal(pollerId, 32_000));
                    }
                    if (tick % 500 == 0) {
                        post(http, session, "3"); // a pong nobody asked for: a sign of life that must not count
                    }
                    pause(20);
                }
            }
        }
    }

    /**
     * The peer id of the member called {@code name} that is present, or {@code null}: earlier rounds' members may still
     * be in the network, away, waiting for a resume that never comes.
     */
    private static String present(List<JsonObject> others, String name) {
        return others.stream().filter(u -> name.equals(u.getString("userName")) && !u.getBoolean("away", false))
                .map(u -> u.getString("peerId")).findFirst().orElse(null);
    }

    /** Whether the member {@code peerId} has left the network or shows away (the server closed its connection). */
    private static boolean gone(List<JsonObject> others, String peerId) {
        return others.stream().noneMatch(u -> peerId.equals(u.getString("peerId")) && !u.getBoolean("away", false));
    }

    private static void post(HttpClient http, URI session, String body) throws Exception {
        http.send(HttpRequest.newBuilder(session).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.discarding());
    }

    /**
     * From an address of its own: connect, send 95 KB heartbeats until the server closes the connection for it (4008),
     * reconnect at once, again and again. After a few such closes the address cools down, and its connections are
     * refused before anything is read from them; the server reads a few floods a minute, not one per reconnect.
     */
    void reconnectingFlooder(int address) throws Exception {
        String heavy = "{\"event\":\"heartbeat\",\"data\":{\"pad\":\"" + "x".repeat(95_000) + "\"}}";
        while (running()) {
            try (RawWebSocket flooder = RawWebSocket.open(url, 0, loopback(address))) {
                if (!flooder.handshake(url, origin).startsWith("HTTP/1.1 101")) {
                    continue;
                }
                counts.connections.increment();
                counts.flooderUpgrades.increment();
                for (int i = 0; i < 200 && running(); i++) {
                    flooder.sendText(heavy);
                }
                counts.closedByServer(flooder.awaitClose());
            } catch (java.io.IOException refusedOrClosed) {
                counts.flooderRefusals.increment();
                pause(10);
            }
        }
    }

    /** Every kind of bad frame, each on a connection of its own when it closes the connection. */
    void badFrames() throws Exception {
        byte[] notUtf8 = {'{', (byte) 0xC3, (byte) 0x28, '}'};
        String deep = "{\"event\":\"send-message\",\"data\":" + "[".repeat(2_000) + "]".repeat(2_000) + "}";
        String longNumber = "{\"event\":\"heartbeat\",\"requestId\":" + "9".repeat(1_200) + "}";
        int round = 0;
        while (running()) {
            // Each connection ends in a close for abuse: spread over 64 addresses, so that none earns a cooldown (and
            // one that does is waited out, not hammered).
            try (RawWebSocket client = RawWebSocket.open(url, 0, loopback(100 + round++ % 64))) {
                if (!client.handshake(url, origin).startsWith("HTTP/1.1 101")) {
                    pause(1_000);
                    continue;
                }
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
