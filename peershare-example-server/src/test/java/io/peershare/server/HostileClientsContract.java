package io.peershare.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peershare.protocol.RelayFrame;
import io.peershare.testkit.NodePackages;
import io.peershare.testkit.RawWebSocket;
import io.peershare.testkit.WsTestClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Longer than 300 lines because it is one suite: every attack a hostile client tried, against the real jar in its own
 * process with a small heap, on each transport ({@link HostileClientsOnNettyIT}, {@link HostileClientsOnTyrusIT}).
 * Every load stays within the documented rate limits unless the test is about the limits.
 */
abstract class HostileClientsContract {

    /** The {@code TRANSPORT} to run the jar with. */
    abstract String transport();

    static final String ORIGIN = "http://app.example.test";
    /** Small enough that the slow readers of the old frame-counted outbox ran it out of memory. */
    private static final List<String> JVM = List.of("-Xmx128m", "-XX:+UseSerialGC");

    @TempDir
    Path workDir;
    private ServerProcess server;
    private final List<AutoCloseable> clients = new ArrayList<>();

    @AfterEach
    void stopAll() throws Exception {
        for (AutoCloseable client : clients) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** The jar in production mode on this class's transport, with {@code settings} on top. */
    private ServerProcess start(String... settings) throws Exception {
        return start(JVM, settings);
    }

    private ServerProcess start(List<String> jvm, String... settings) throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("PORT", Integer.toString(ServerProcess.freePort()),
                "HOST", "127.0.0.1", "NODE_ENV", "production", "FRONTEND_URL", ORIGIN, "TRANSPORT", transport()));
        for (int i = 0; i + 1 < settings.length; i += 2) {
            env.put(settings[i], settings[i + 1]);
        }
        server = ServerProcess.start(workDir, env, jvm).awaitHealthy();
        return server;
    }

    private WsTestClient client(String... headers) throws Exception {
        WsTestClient client = WsTestClient.connect(server.ws(), ORIGIN, headers.length == 0 ? null : headers, true);
        clients.add(client);
        return client;
    }

    private RawWebSocket raw(String... headers) throws IOException {
        RawWebSocket client = RawWebSocket.connect(server.ws(), ORIGIN, headers);
        clients.add(client);
        return client;
    }

    private static String frame(String event, String data) {
        return "{\"event\":\"" + event + "\",\"data\":" + data + "}";
    }

    private static String join(String network, String user) {
        return frame("join-wifi-network", "{\"networkName\":\"" + network + "\",\"userName\":\"" + user + "\"}");
    }

    private long count(String group, String key) throws Exception {
        JsonObject stats = server.stats();
        JsonObject counts = group.equals("errors") ? stats.getJsonObject("errors").getJsonObject("byCode")
                : stats.getJsonObject(group);
        return counts.containsKey(key) ? counts.getJsonNumber(key).longValue() : 0;
    }

    static String peerIdOf(JsonObject usersUpdated, String name) {
        return usersUpdated.getJsonArray("users").getValuesAs(JsonObject.class).stream()
                .filter(u -> name.equals(u.getString("userName"))).findFirst().orElseThrow().getString("peerId");
    }

    // --- memory

    /** The two ways a client reads what the server sends it: PeerShare's own WebSocket, and Socket.IO's. */
    enum Sink { PEERSHARE_WEBSOCKET, SOCKET_IO_WEBSOCKET }

    /**
     * Eight clients stop reading while eight senders relay 60 KB signals to them, each within the signal rate limit,
     * on each sink of each transport: each reader is closed with 4009 once its backlog reaches the outbound limit and
     * counted as a slow consumer; no more than its share is ever held for it; its bytes go back; the heap stays far
     * from its 128 MB, and a bystander's heartbeats are answered throughout. The readers never read again, and the
     * server does not keep their connections for them: within the close's grace its open files are back to what they
     * were.
     */
    @ParameterizedTest
    @EnumSource(Sink.class)
    void slowReadersAreClosedBeforeTheyCostTheServerItsMemory(Sink sink) throws Exception {
        int limit = 4 * 1024 * 1024; // MAX_OUTBOUND_PER_CONNECTION's default
        start();
        int pairs = 8;
        WsTestClient bystander = client();
        bystander.join("Elsewhere", "Bystander");
        bystander.await("network-joined");
        double filesBefore = server.metric("process_files_open_files");
        List<WsTestClient> senders = new ArrayList<>();
        List<String> stalledIds = new ArrayList<>();
        List<Integer> listsSeen = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            stalledClient(sink, "Pair" + i); // joins, and never reads again
            WsTestClient sender = client();
            sender.join("Pair" + i, "Sender");
            JsonObject both = sender.await("network-users-updated", d -> d.getJsonArray("users").size() == 2);
            stalledIds.add(peerIdOf(both, "Stalled"));
            senders.add(sender);
            // The sender may have seen a list of one before the stalled client's join: only later lists count.
            listsSeen.add(sender.received("network-users-updated").size());
        }

        String signal = "{\"type\":\"candidate\",\"candidate\":\"" + "x".repeat(60_000) + "\"}";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        LoadWatch watch = new LoadWatch();
        int round = 0;
        while (IntStream.range(0, pairs).anyMatch(i -> !stalledAway(senders.get(i), listsSeen.get(i), stalledIds.get(i)))
                && System.nanoTime() < deadline) {
            for (int i = 0; i < pairs; i++) {
                if (!stalledAway(senders.get(i), listsSeen.get(i), stalledIds.get(i))) {
                    senders.get(i).sendRaw(frame("webrtc-signal", "{\"to\":\"" + stalledIds.get(i) + "\",\"signal\":"
                            + signal + "}"));
                }
            }
            Thread.sleep(12); // about 80 signals a second per sender: under the limit of 100
            if (++round % 25 == 0) {
                watch.check(bystander);
            }
        }
        for (int i = 0; i < pairs; i++) {
            WsTestClient sender = senders.get(i);
            assertTrue(stalledAway(sender, listsSeen.get(i), stalledIds.get(i)),
                    "every slow reader was closed (and is shown away: it may resume within the grace)");
            // Signals sent before the sender heard of the close find it away; nothing else goes wrong.
            assertTrue(sender.unread("error").stream().allMatch(e -> "PEER_AWAY".equals(e.getString("code"))),
                    () -> "a sender got errors: " + sender.unread("error"));
        }
        assertEquals(pairs, count("closes", "slowConsumer"), "each close counted as slowConsumer");
        double held = watch.mostHeld;
        assertTrue(held <= pairs * (limit + 64.0 * 1024), () -> "held " + held + " bytes for " + pairs
                + " slow readers, " + limit + " each");
        long heap = watch.mostHeap;
        assertTrue(heap < 100L * 1024 * 1024, () -> "heap peaked at " + heap / 1024 / 1024 + " MB of 128");
        long settle = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (server.metric("peershare_outbox_bytes") > 0 && System.nanoTime() < settle) {
            Thread.sleep(20);
        }
        assertEquals(0.0, server.metric("peershare_outbox_bytes"), "their bytes went back to the budget");
        assertEquals(200, server.healthStatus());
        assertFalse(server.log().contains("OutOfMemoryError"), server.log());
        // The senders stay: as many files more than before, and a few for the server's own comings and goings.
        long letGo = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        double files;
        while ((files = server.metric("process_files_open_files")) > filesBefore + pairs + 5 && System.nanoTime() < letGo) {
            Thread.sleep(500);
        }
        double filesHeld = files;
        assertTrue(filesHeld <= filesBefore + pairs + 5, () -> "the server holds " + filesHeld + " files, " + filesBefore
                + " before the slow readers came: it kept the connections of clients that read nothing");
    }

    /** A client of {@code sink} that joins {@code network} as "Stalled" and then reads nothing. */
    private void stalledClient(Sink sink, String network) throws Exception {
        String join = "{\"networkName\":\"" + network + "\",\"userName\":\"Stalled\"}";
        if (sink == Sink.PEERSHARE_WEBSOCKET) {
            RawWebSocket client = RawWebSocket.open(server.ws(), 4096);
            clients.add(client);
            assertTrue(client.handshake(server.ws(), ORIGIN).startsWith("HTTP/1.1 101"));
            client.sendText(frame("join-wifi-network", join));
            return;
        }
        URI socketIo = URI.create("ws://127.0.0.1:" + server.port() + "/socket.io/?EIO=4&transport=websocket");
        RawWebSocket client = RawWebSocket.open(socketIo, 4096);
        clients.add(client);
        assertTrue(client.handshake(socketIo, ORIGIN).startsWith("HTTP/1.1 101"));
        assertTrue(client.readFrame().text().startsWith("0{"), "Engine.IO's open packet");
        client.sendText("40");
        assertTrue(client.readFrame().text().startsWith("40"), "connected to the namespace");
        client.sendText("42[\"join-wifi-network\"," + join + "]");
    }

    /**
     * Under load: a bystander's heartbeat is answered within 2 s at every check, and the most heap and outbound bytes
     * the server reported at the checks are kept.
     */
    private final class LoadWatch {
        long mostHeap;
        double mostHeld;

        void check(WsTestClient bystander) throws Exception {
            long sent = System.nanoTime();
            bystander.send("heartbeat", Json.createObjectBuilder());
            bystander.await("heartbeat-ack");
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);
            assertTrue(millis < 2_000, () -> "a bystander's heartbeat took " + millis + " ms");
            mostHeap = Math.max(mostHeap, server.stats().getJsonObject("memory").getJsonNumber("heapUsedBytes")
                    .longValue());
            mostHeld = Math.max(mostHeld, server.metric("peershare_outbox_bytes"));
        }
    }

    /** Whether a peer list showing the stalled client away came after the {@code listsSeen} lists before the flood. */
    static boolean stalledAway(WsTestClient sender, int listsSeen, String stalledId) {
        List<JsonObject> lists = sender.received("network-users-updated");
        return lists.subList(listsSeen, lists.size()).stream().anyMatch(d -> d.getJsonArray("users")
                .getValuesAs(JsonObject.class).stream()
                .anyMatch(u -> stalledId.equals(u.getString("peerId")) && u.getBoolean("away", false)));
    }

    // --- addresses

    /**
     * Behind a trusted proxy that sets {@code X-Forwarded-For}, a client that adds its own {@code Forwarded} header
     * naming another household's address stays in its own network.
     */
    @Test
    void aForwardedHeaderOfTheClientsOwnCannotChooseItsAddress() throws Exception {
        start("TRUSTED_PROXIES", "127.0.0.1");
        WsTestClient household = client("X-Forwarded-For", "203.0.113.5");
        household.join("Home", "Victim");
        household.await("network-joined");
        household.send("send-message", Json.createObjectBuilder().add("text", "private"));
        household.await("new-message", d -> "private".equals(d.getString("text", null)));

        WsTestClient spoofer = client("X-Forwarded-For", "198.51.100.7", "Forwarded", "for=203.0.113.5");
        spoofer.join("Home", "Spoofer");
        JsonObject joined = spoofer.await("network-joined");
        JsonObject history = spoofer.await("message-history");
        assertFalse(history.toString().contains("private"), () -> "the spoofer read the history: " + history);
        assertEquals(1, spoofer.await("network-users-updated").getJsonArray("users").size(), joined::toString);
        assertTrue(household.unread("network-users-updated").stream()
                .noneMatch(d -> d.toString().contains("Spoofer")), "the household never saw the spoofer");
    }

    /**
     * Sockets that never finish a handshake are closed at the deadline, and one address cannot hold more than its
     * share while they last; another address is not affected.
     */
    @Test
    void handshakesThatNeverFinishAreClosedAndOneAddressHoldsAtMostItsShare() throws Exception {
        start("HANDSHAKE_TIMEOUT_SECONDS", "3", "MAX_CONNECTIONS_PER_ADDRESS", "40");
        List<Socket> idle = new ArrayList<>();
        try {
            for (int i = 0; i < 40; i++) {
                Socket socket = socketFrom(FLOODER);
                idle.add(socket);
                if (i % 2 == 0) {
                    socket.getOutputStream().write("GET /w".getBytes(StandardCharsets.US_ASCII)); // half a line
                }
            }
            long accepted = System.nanoTime();
            // The server accepts on several threads, so which of the 41 sockets is over the share is its choice:
            // exactly one of them is closed at once.
            idle.add(socketFrom(FLOODER));
            List<Socket> closedAtOnce = new ArrayList<>();
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1_500);
            while (System.nanoTime() < until) {
                for (Socket socket : idle) {
                    if (!closedAtOnce.contains(socket) && closedWithin(socket, 10)) {
                        closedAtOnce.add(socket);
                    }
                }
            }
            assertEquals(1, closedAtOnce.size(), "one socket past the address's share of 40 is closed at once");
            try (RawWebSocket other = RawWebSocket.open(server.ws(), 0, InetAddress.getByName("127.0.0.2"))) {
                assertTrue(other.handshake(server.ws(), ORIGIN).startsWith("HTTP/1.1 101"),
                        "another address connects meanwhile");
            }
            for (Socket socket : idle) {
                if (!closedAtOnce.contains(socket)) {
                    assertTrue(closedWithin(socket, 6_000), "an unfinished handshake is closed at the deadline");
                }
            }
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - accepted);
            assertTrue(seconds <= 6, () -> "closed after " + seconds + " s");
        } finally {
            for (Socket socket : idle) {
                socket.close();
            }
        }
        WsTestClient afterwards = client();
        afterwards.join("Home", "Alice");
        afterwards.await("network-joined");
    }

    /** An address of its own for a flood, apart from the one the test's other clients (and health checks) use. */
    private static final String FLOODER = "127.0.0.3";

    private Socket socketFrom(String localAddress) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
        socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
        return socket;
    }

    private static boolean closedWithin(Socket socket, int millis) throws IOException {
        socket.setSoTimeout(millis);
        try {
            return socket.getInputStream().read() < 0;
        } catch (java.net.SocketTimeoutException stillOpen) {
            return false;
        } catch (java.net.SocketException reset) {
            return true;
        }
    }

    /**
     * Eight workers of one address connect, flood heartbeats of 95 KB until they are closed with 4008, and reconnect
     * at once, for six seconds: after a few closes for abuse the address cools down and its sockets are refused when
     * accepted, so the server reads a few floods, not one per reconnect; a bystander's heartbeats are answered
     * throughout, and another address connects meanwhile.
     */
    @Test
    void anAddressThatReconnectsToAbuseAgainCoolsDown() throws Exception {
        start();
        WsTestClient bystander = client();
        bystander.join("Elsewhere", "Bystander");
        bystander.await("network-joined");
        String heavy = frame("heartbeat", "{\"pad\":\"" + "x".repeat(95_000) + "\"}");
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(6);
        java.util.concurrent.atomic.AtomicInteger connected = new java.util.concurrent.atomic.AtomicInteger();
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < 8; w++) {
            Thread worker = new Thread(() -> {
                while (System.nanoTime() < until) {
                    try (RawWebSocket flooder = RawWebSocket.open(server.ws(), 0, InetAddress.getByName(FLOODER))) {
                        if (!flooder.handshake(server.ws(), ORIGIN).startsWith("HTTP/1.1 101")) {
                            continue;
                        }
                        connected.incrementAndGet();
                        for (int i = 0; i < 200 && System.nanoTime() < until; i++) {
                            flooder.sendText(heavy);
                        }
                    } catch (IOException closedOrRefused) {
                        // reconnect at once, as the attack does
                    }
                }
            });
            worker.start();
            workers.add(worker);
        }
        long slowest = slowestHeartbeatUntil(bystander, until, () -> { });
        for (Thread worker : workers) {
            worker.join(10_000);
        }
        long abuse = count("closes", "rateLimitAbuse");
        assertTrue(abuse >= 3 && abuse <= 3 + 8 + 8, () -> abuse + " closes for abuse: the address kept reconnecting");
        assertTrue(connected.get() <= 3 + 8 + 8, () -> connected + " connections upgraded for the flooding address");
        long worst = slowest;
        assertTrue(worst < 2_000, () -> "a bystander's heartbeat took " + worst + " ms");
        try (RawWebSocket other = RawWebSocket.open(server.ws(), 0, InetAddress.getByName("127.0.0.2"))) {
            assertTrue(other.handshake(server.ws(), ORIGIN).startsWith("HTTP/1.1 101"), "another address connects");
        }
    }

    /**
     * Sixteen scrapers of {@code /metrics} on one address, keeping their connections alive and asking as fast as they
     * are answered: past the address's rate they are answered 429 and their connections closed, then the address
     * cools down and is refused when it connects; another address's requests and a bystander's heartbeats are
     * answered throughout, and a production start without {@code METRICS_TOKEN} said so in its log.
     */
    @Test
    void scrapersOfOneAddressAreLimitedAndCoolDown() throws Exception {
        start();
        assertTrue(server.log().contains("METRICS_TOKEN"), () -> "the start-up warned of open metrics:\n" + server.log());
        WsTestClient bystander = client();
        bystander.join("Elsewhere", "Bystander");
        bystander.await("network-joined");
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        Map<Integer, java.util.concurrent.atomic.AtomicInteger> statuses = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.concurrent.atomic.AtomicInteger refused = new java.util.concurrent.atomic.AtomicInteger();
        List<Thread> scrapers = new ArrayList<>();
        for (int w = 0; w < 16; w++) {
            Thread scraper = new Thread(() -> {
                while (System.nanoTime() < until) {
                    try (Socket socket = socketFrom(FLOODER)) {
                        socket.setSoTimeout(5_000);
                        var in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                                StandardCharsets.ISO_8859_1));
                        while (System.nanoTime() < until) {
                            socket.getOutputStream().write("GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n"
                                    .getBytes(StandardCharsets.ISO_8859_1));
                            String status = in.readLine();
                            if (status == null) {
                                refused.incrementAndGet(); // closed without an answer
                                break;
                            }
                            int code = Integer.parseInt(status.split(" ")[1]);
                            statuses.computeIfAbsent(code, c -> new java.util.concurrent.atomic.AtomicInteger())
                                    .incrementAndGet();
                            int length = 0;
                            for (String line; !(line = in.readLine()).isEmpty(); ) {
                                if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                                    length = Integer.parseInt(line.substring(15).trim());
                                }
                            }
                            in.skip(length);
                            if (code == 429) {
                                break; // closed by the server
                            }
                        }
                    } catch (IOException closedOrRefused) {
                        refused.incrementAndGet();
                    }
                }
            });
            scraper.start();
            scrapers.add(scraper);
        }
        long slowest = slowestHeartbeatUntil(bystander, until,
                () -> assertEquals(200, server.healthStatus(), "another address is answered"));
        for (Thread scraper : scrapers) {
            scraper.join(10_000);
        }
        int ok = statuses.getOrDefault(200, new java.util.concurrent.atomic.AtomicInteger()).get();
        int limited = statuses.getOrDefault(429, new java.util.concurrent.atomic.AtomicInteger()).get();
        assertTrue(ok <= 200 + 5 * 20 + 16, () -> ok + " scrapes answered in 5 s: " + statuses);
        assertTrue(limited > 0, () -> "past the rate, 429: " + statuses);
        assertTrue(refused.get() > 0, "then the address cooled down and its connections were refused");
        long worst = slowest;
        assertTrue(worst < 1_000, () -> "a bystander's heartbeat took " + worst + " ms");
    }

    /**
     * Two thousand sockets from eight addresses each start a request body and hang up in the middle of it: the log
     * stays a few short lines, with no stack trace, and no level can flood it.
     */
    @Test
    void unfinishedRequestsDoNotFloodTheLog() throws Exception {
        start();
        byte[] unfinished = ("POST /socket.io/?EIO=4&transport=polling&sid=none HTTP/1.1\r\nHost: x\r\n"
                + "Content-Length: 1000\r\n\r\n0123456789").getBytes(StandardCharsets.US_ASCII);
        long started = System.nanoTime();
        for (int i = 0; i < 2_000; i++) {
            try (Socket socket = socketFrom("127.0.0." + (10 + i % 8))) {
                socket.getOutputStream().write(unfinished);
            }
        }
        Thread.sleep(1_000); // the last of them are seen going
        long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started) + 1);
        String log = server.log();
        assertFalse(log.contains("\tat "), () -> "no stack trace:\n" + log.substring(0, Math.min(log.length(), 3_000)));
        long lines = log.lines().count();
        assertTrue(lines <= 5 + 70 * seconds, () -> lines + " log lines in " + seconds + " s");
        assertEquals(200, server.healthStatus());
    }

    /**
     * The server runs out of file descriptors: accepting fails for a while, and says so in one short line, not a
     * warning and a stack trace a second; once sockets go, clients connect again.
     */
    @Test
    void runningOutOfFileDescriptorsIsOneShortLine() throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("PORT", Integer.toString(ServerProcess.freePort()),
                "HOST", "127.0.0.1", "NODE_ENV", "production", "FRONTEND_URL", ORIGIN, "TRANSPORT", transport()));
        server = ServerProcess.startWithOpenFileLimit(workDir, env, JVM, 160).awaitHealthy();
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                held.add(socketFrom("127.0.0." + (10 + i % 8)));
            }
            Thread.sleep(3_000);
            String log = server.log();
            assertFalse(log.contains("\tat "), () -> "no stack trace:\n" + log);
            assertTrue(log.lines().count() <= 5, () -> "a few lines:\n" + log);
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
        WsTestClient afterwards = client();
        afterwards.join("Home", "Alice");
        afterwards.await("network-joined");
    }

    /**
     * A bystander's heartbeat round trips, four a second (within the control limit) until {@code untilNanos}, with
     * {@code check} after each; returns the slowest, in milliseconds.
     */
    private static long slowestHeartbeatUntil(WsTestClient bystander, long untilNanos, Runnable check)
            throws InterruptedException {
        long slowest = 0;
        while (System.nanoTime() < untilNanos) {
            long sent = System.nanoTime();
            bystander.send("heartbeat", Json.createObjectBuilder());
            bystander.await("heartbeat-ack");
            slowest = Math.max(slowest, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent));
            check.run();
            Thread.sleep(250);
        }
        return slowest;
    }

    /** Browsers always send an Origin: production refuses a handshake without one. */
    @Test
    void productionRefusesAHandshakeWithoutAnOrigin() throws Exception {
        start();
        try (RawWebSocket anonymous = RawWebSocket.open(server.ws(), 0)) {
            assertTrue(anonymous.handshake(server.ws(), null).startsWith("HTTP/1.1 403"));
        }
    }

    // --- frames

    /** Frames the parser used to throw on, binary frames and floods: each answered, counted and limited. */
    @Test
    void everyKindOfBadFrameIsAnsweredCountedAndLimited() throws Exception {
        start();
        WsTestClient alice = client();
        alice.join("Home", "Alice");
        alice.await("network-joined");
        alice.sendRaw("{\"event\":\"send-message\",\"data\":" + "[".repeat(1_000) + "]".repeat(1_000) + "}");
        assertEquals("FRAME_TOO_COMPLEX", alice.await("error").getString("code"));
        alice.sendRaw(frame("initiate-file-transfer", "{\"to\":\"x\",\"fileName\":\"a\",\"fileSize\":"
                + "9".repeat(1_100) + "}"));
        assertEquals("FRAME_TOO_COMPLEX", alice.await("error").getString("code"));
        assertEquals(2, count("errors", "FRAME_TOO_COMPLEX"));

        RawWebSocket binary = raw();
        binary.sendFrame(RawWebSocket.BINARY, new byte[] {1, 2, 3});
        assertEquals(1003, binary.awaitClose());

        RawWebSocket notUtf8 = raw();
        notUtf8.sendFrame(RawWebSocket.TEXT, new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'});
        assertEquals(1007, notUtf8.awaitClose());

        RawWebSocket flood = raw();
        for (int i = 0; i < 300; i++) {
            flood.sendText("{\"event\":" + "[".repeat(500));
        }
        assertEquals(4008, flood.awaitClose(), "a flood of unparseable frames is closed for abuse");

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (count("closes", "invalidUtf8") < 1 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(1, count("closes", "binaryFrame"));
        assertEquals(1, count("closes", "invalidUtf8"));
        assertEquals(1, count("closes", "rateLimitAbuse"));
        long logLines = server.log().lines().count();
        assertTrue(logLines < 15, () -> "a few log lines for all that, not one per frame:\n" + server.log());
    }

    /** A frame far over the limit is closed with 1009 and one log line, not 1011 and a stack trace. */
    @Test
    void aFrameFarOverTheLimitIsClosedWith1009() throws Exception {
        start();
        RawWebSocket big = raw();
        big.sendText(frame("send-message", "{\"text\":\"" + "x".repeat(300_000) + "\"}"));
        assertEquals(1009, big.awaitClose());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (count("closes", "messageTooBig") < 1 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(1, count("closes", "messageTooBig"));
        assertFalse(server.log().contains("\tat "), () -> "no stack trace:\n" + server.log());
    }

    // --- history and names

    /** People coming and going from one address do not push the conversation out of the history. */
    @Test
    void churnCannotPushTheConversationOutOfHistory() throws Exception {
        start("MAX_HISTORY_MESSAGES", "20", "MAX_SYSTEM_MESSAGES", "10");
        WsTestClient alice = client();
        alice.join("Home", "Alice");
        alice.await("network-joined");
        for (int i = 0; i < 5; i++) {
            alice.send("send-message", Json.createObjectBuilder().add("text", "note " + i));
        }
        alice.await("new-message", d -> "note 4".equals(d.getString("text", null)));
        for (int i = 0; i < 60; i++) {
            try (RawWebSocket passerBy = RawWebSocket.connect(server.ws(), ORIGIN)) {
                passerBy.sendText(join("Home", "Passer" + i));
                passerBy.readFrame(); // network-joined: the join is done
            }
        }
        WsTestClient late = client();
        late.join("Home", "Late");
        JsonObject history = late.await("message-history");
        for (int i = 0; i < 5; i++) {
            assertTrue(history.toString().contains("note " + i), () -> "the conversation is kept: " + history);
        }
    }

    /**
     * Twenty clients of one address chat with 2,000-emoji messages, moving to five new networks every round: the
     * address keeps at most its share of networks, and the history stays within its bytes.
     */
    @Test
    void oneAddressMovingThroughNetworksKeepsTheHistoryBounded() throws Exception {
        start("MAX_HISTORY_BYTES_TOTAL", "2MiB", "MAX_NETWORKS_PER_ADDRESS", "16");
        String emoji = "\ud83d\ude00".repeat(2000);
        List<WsTestClient> movers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            movers.add(client());
        }
        for (int round = 0; round < 8; round++) {
            for (int i = 0; i < movers.size(); i++) {
                movers.get(i).join("Room-" + round + "-" + i % 5, "Mover" + i); // four to a room, five rooms a round
                for (int m = 0; m < 5; m++) { // a hundred a second from the address: its chat limit
                    movers.get(i).send("send-message", Json.createObjectBuilder().add("text", emoji));
                }
            }
            Thread.sleep(1_000);
        }
        JsonObject stats = server.stats();
        int networks = stats.getInt("networks");
        assertTrue(networks <= 16, () -> "the address keeps " + networks + " networks");
        long bytes = stats.getJsonObject("messages").getJsonNumber("storedBytes").longValue();
        assertTrue(bytes > 0 && bytes <= 2 * 1024 * 1024, () -> "history bytes: " + bytes);
        assertTrue(movers.stream().allMatch(m -> m.unread("error").stream()
                .allMatch(e -> "RATE_LIMITED".equals(e.getString("code")))), "no other error than an occasional limit");
        assertEquals(200, server.healthStatus());
    }

    /** A name of invisible characters only is refused as empty. */
    @Test
    void aNameMadeOfInvisibleCharactersIsRefused() throws Exception {
        start();
        WsTestClient ghost = client();
        ghost.send("join-wifi-network", Json.createObjectBuilder().add("networkName", "Home")
                .add("userName", "\u00a0\u200b\u200d\u3164\u2800"));
        JsonObject error = ghost.await("error");
        assertEquals("EMPTY_FIELD", error.getString("code"));
        assertEquals("userName", error.getString("field"));
    }

    // --- the relay through the server

    /**
     * Two hundred transfers relayed through the server whose receivers never read, against the jar with a 256 MB heap:
     * each sender gets its window through and its next chunk refused, the server holds no more than a window for each
     * (counted in the outbound budget on Netty; on Tyrus Grizzly queues the bytes itself, and the window alone bounds
     * them), its heap stays far from full, and a bystander's heartbeats are answered throughout.
     */
    @Test
    void twoHundredRelaysWhoseReceiversNeverReadCostTheServerAWindowEach() throws Exception {
        int relays = 200;
        start(List.of("-Xmx256m", "-XX:+UseSerialGC"), "RELAY_ENABLED", "true",
                "MAX_CONNECTIONS_PER_ADDRESS", "1000000", "ADDRESS_CONNECTION_RATE_LIMIT", "1000000,1000000",
                "ADDRESS_RATE_LIMIT_JOIN", "1000000,1000000", "ADDRESS_RATE_LIMIT_TRANSFER", "1000000,1000000",
                "MAX_NETWORKS_PER_ADDRESS", "1000000");
        WsTestClient bystander = client();
        bystander.join("Elsewhere", "Bystander");
        bystander.await("network-joined");
        List<WsTestClient> senders = new ArrayList<>();
        List<String> transfers = new ArrayList<>();
        for (int i = 0; i < relays; i++) {
            RawWebSocket receiver = RawWebSocket.open(server.ws(), 4096);
            clients.add(receiver);
            assertTrue(receiver.handshake(server.ws(), ORIGIN).startsWith("HTTP/1.1 101"));
            receiver.sendText(join("Relay" + i, "Receiver"));
            String receiverId = eventData(receiver, "network-joined").getString("peerId");
            WsTestClient sender = client();
            sender.join("Relay" + i, "Sender");
            sender.await("network-joined");
            sender.send("initiate-file-transfer", Json.createObjectBuilder().add("to", receiverId)
                    .add("fileName", "big.bin").add("fileSize", 100L * 1024 * 1024)
                    .add("mimeType", "application/octet-stream"));
            String id = eventData(receiver, "file-transfer-request").getString("transferId");
            receiver.sendText(frame("accept-file-transfer", "{\"transferId\":\"" + id + "\"}"));
            sender.await("file-transfer-accepted");
            sender.send("request-relay", Json.createObjectBuilder().add("transferId", id));
            sender.await("relay-granted"); // and the receiver never reads again
            senders.add(sender);
            transfers.add(id);
        }
        long heapBefore = server.stats().getJsonObject("memory").getJsonNumber("heapUsedBytes").longValue();
        int window = 16 * RelayFrame.MAX_CHUNK_BYTES;
        byte[] chunk = new byte[RelayFrame.MAX_CHUNK_BYTES];
        LoadWatch watch = new LoadWatch();
        for (int i = 0; i < relays; i++) {
            for (long offset = 0; offset < window; offset += chunk.length) {
                senders.get(i).sendBinary(bytes(new RelayFrame(transfers.get(i), offset, ByteBuffer.wrap(chunk))));
            }
            if (i % 20 == 19) {
                watch.check(bystander);
            }
        }
        JsonObject stats = server.stats().getJsonObject("relays");
        System.out.printf("[relay %s] %d stalled relays: heap %d MB before, at most %d MB; at most %.0f bytes held%n",
                transport(), relays, heapBefore >> 20, watch.mostHeap >> 20, watch.mostHeld);
        assertEquals(relays, stats.getInt("open"), stats::toString);
        assertEquals((long) relays * window, stats.getJsonNumber("bytes").longValue(), "every window went through");
        double held = watch.mostHeld;
        assertTrue(held <= (double) relays * (window + 64 * 1024), () -> "held " + held + " bytes for " + relays
                + " relays of a " + window + "-byte window");
        long heap = watch.mostHeap;
        assertTrue(heap < 200L * 1024 * 1024, () -> "heap peaked at " + heap / 1024 / 1024 + " MB of 256 (before: "
                + heapBefore / 1024 / 1024 + " MB)");

        WsTestClient first = senders.get(0);
        first.sendBinary(bytes(new RelayFrame(transfers.get(0), window, ByteBuffer.wrap(chunk))));
        JsonObject refused = first.await("error", e -> "RELAY_CHUNK_REFUSED".equals(e.getString("code")));
        assertTrue(refused.getString("message").contains("credit"), refused::toString);
        assertEquals("WINDOW_EXCEEDED", first.await("relay-ended").getString("reason"));
        assertEquals(200, server.healthStatus());
        assertFalse(server.log().contains("OutOfMemoryError"), server.log());
    }

    /** Reads frames until the event {@code event} and returns its data. */
    private static JsonObject eventData(RawWebSocket client, String event) throws IOException {
        for (int i = 0; i < 100; i++) {
            JsonObject frame = Json.createReader(new StringReader(client.readFrame().text())).readObject();
            if (event.equals(frame.getString("event"))) {
                return frame.getJsonObject("data");
            }
        }
        throw new AssertionError("no " + event + " in 100 frames");
    }

    private static byte[] bytes(RelayFrame frame) {
        ByteBuffer wire = frame.encode();
        byte[] bytes = new byte[wire.remaining()];
        wire.get(bytes);
        return bytes;
    }

    // --- reconnect storms

    /**
     * Ten thousand clients of Node's {@code ws} open at once (more than the kernel's accept queue holds, as a node's
     * clients arrive when it restarts), then five thousand more while those are all connected: every one of them gets
     * its complete peer list, none is cut. The handshake deadline is 3 s, so that a request the server leaves unread
     * for longer while it is busy shows as a cut client; per-address limits are lifted, since every client here comes
     * from one address.
     */
    @Test
    void aReconnectStormLargerThanTheAcceptBacklogIsServedInFull() throws Exception {
        start(List.of("-Xmx512m", "-XX:+UseSerialGC", "-Xmn32m"), "NODE_ENV", "development", "HANDSHAKE_TIMEOUT_SECONDS", "3",
                "MAX_CONNECTIONS_PER_ADDRESS", "1000000", "ADDRESS_CONNECTION_RATE_LIMIT", "1000000,1000000",
                "ADDRESS_RATE_LIMIT_JOIN", "1000000,1000000", "MAX_NETWORKS_PER_ADDRESS", "1000000");
        NodePackages.requireNode("the storm's ws clients");
        Path bench = NodePackages.installed(Path.of("..", "peershare-bench", "node").toAbsolutePath().normalize());
        Path output = workDir.resolve("storm.log");
        Process storm = new ProcessBuilder("node", "storm.js", "--url", server.ws().toString(), "--origin", ORIGIN,
                "--resident", "10000", "--sequence", "5000", "--settle-ms", "60000").directory(bench.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        boolean finished = storm.waitFor(150, TimeUnit.SECONDS);
        if (!finished) {
            storm.destroyForcibly();
        }
        String report = Files.readString(output);
        assertTrue(finished, () -> "the storm settled:\n" + report);
        assertEquals(0, storm.exitValue(), () -> "every client settled, none failed:\n" + report + "\nserver:\n"
                + server.log().lines().limit(40).collect(java.util.stream.Collectors.joining("\n")));
        assertTrue(report.contains("resident clients: 10000, failed 0"), report);
        assertEquals(200, server.healthStatus());
    }

    // --- shutdown and close codes

    /**
     * Every client, not nearly every, is told 1001 when the server stops: 2,048 clients from 16 addresses in 256
     * networks, chat on its way to them, and in 8 networks a client that reads slowly with signals still to come, more
     * than its socket holds. Its close frame waits behind them: the server must neither stop listening nor drop the
     * connection while the client reads.
     */
    @Test
    void everyClientIsClosedWith1001AtShutdown() throws Exception {
        // 128 clients an address arrive at once: more than a household's burst of new connections.
        start("ADDRESS_CONNECTION_RATE_LIMIT", "100000,100000");
        List<Callable<Household>> connecting = new ArrayList<>();
        for (int a = 0; a < 16; a++) {
            InetAddress address = InetAddress.getByName("127.0.0." + (10 + a));
            String names = "A" + a + "-";
            boolean slowReader = a % 2 == 0;
            connecting.add(() -> household(address, names, 16, 8, slowReader));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Household> households = new ArrayList<>();
        try {
            for (Future<Household> household : pool.invokeAll(connecting)) {
                households.add(household.get());
            }
        } finally {
            pool.shutdownNow();
        }
        List<RawWebSocket> everyone = new ArrayList<>();
        households.forEach(h -> everyone.addAll(h.members()));
        clients.addAll(everyone);
        List<Household> feeding = households.stream().filter(h -> h.slowReader() != null).toList();
        feeding.forEach(h -> clients.add(h.slowReader()));

        // Signals until the server holds some for each slow reader beyond what its socket took: megabytes on Tyrus.
        String signal = "{\"type\":\"candidate\",\"candidate\":\"" + "x".repeat(60_000) + "\"}";
        double backlog = feeding.size() * 256 * 1024;
        long fed = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        for (int round = 0; round < 60 && server.metric("peershare_outbox_bytes") < backlog
                && System.nanoTime() < fed; round++) {
            for (Household h : feeding) {
                for (int k = 0; k < 5; k++) {
                    h.feeder().sendText(frame("webrtc-signal", "{\"to\":\"" + h.slowReaderId() + "\",\"signal\":"
                            + signal + "}"));
                }
            }
            Thread.sleep(50); // 100 signals a second per feeder: its limit
        }
        assertTrue(server.metric("peershare_outbox_bytes") >= backlog, "signals wait for the slow readers");
        for (int i = 0; i < everyone.size(); i += 31) {
            everyone.get(i).sendText(frame("send-message", "{\"text\":\"bye\"}")); // on its way at the SIGTERM
        }

        ExecutorService readers = Executors.newFixedThreadPool(feeding.size());
        try {
            List<Future<Integer>> slowCodes = new ArrayList<>();
            for (Household h : feeding) {
                h.slowReader().readSlowly(4096, Duration.ofMillis(100));
                slowCodes.add(readers.submit(h.slowReader()::awaitClose));
            }
            long stopped = System.nanoTime();
            server.process().destroy(); // SIGTERM
            Map<String, Integer> wrong = new HashMap<>();
            for (int i = 0; i < everyone.size(); i++) {
                int code = everyone.get(i).awaitClose();
                if (code != 1001) {
                    wrong.put("client " + i, code);
                }
            }
            // Slowly for three seconds, longer than the server took to close everyone else; then freely, only to get
            // through what the socket buffers hold (megabytes on loopback with Tyrus) in good time.
            Thread.sleep(Math.max(0, TimeUnit.NANOSECONDS.toMillis(stopped - System.nanoTime()) + 3_000));
            feeding.forEach(h -> h.slowReader().readFreely());
            for (int i = 0; i < slowCodes.size(); i++) {
                int code = slowCodes.get(i).get(30, TimeUnit.SECONDS);
                if (code != 1001) {
                    wrong.put("slow reader " + i, code);
                }
            }
            assertTrue(wrong.isEmpty(), () -> "of " + (everyone.size() + feeding.size()) + " clients, these were not "
                    + "closed with 1001 (-1: no close frame): " + wrong + "\n" + server.log());
        } finally {
            readers.shutdownNow();
        }
        assertTrue(server.process().waitFor(15, TimeUnit.SECONDS));
    }

    /**
     * One address's clients: {@code members} in each of its {@code networks}, every one joined. With a slow reader,
     * the first member of the first network is one, with a small socket buffer, and the second is its feeder.
     */
    private record Household(List<RawWebSocket> members, RawWebSocket slowReader, String slowReaderId,
            RawWebSocket feeder) {
    }

    private Household household(InetAddress address, String names, int networks, int members, boolean withSlowReader)
            throws IOException {
        List<RawWebSocket> joined = new ArrayList<>();
        RawWebSocket slowReader = null;
        String slowReaderId = null;
        for (int n = 0; n < networks; n++) {
            for (int m = 0; m < members; m++) {
                boolean slow = withSlowReader && n == 0 && m == 0;
                RawWebSocket client = RawWebSocket.open(server.ws(), slow ? 4096 : 0, address);
                assertTrue(client.handshake(server.ws(), ORIGIN).startsWith("HTTP/1.1 101"));
                client.sendText(join(names + n, "User" + m));
                if (slow) {
                    slowReader = client;
                    slowReaderId = joinedAs(client);
                } else {
                    joined.add(client);
                }
            }
        }
        return new Household(joined, slowReader, slowReaderId, withSlowReader ? joined.get(0) : null);
    }

    /**
     * A client that reads, but slowly (4 KB every 100 ms), while a neighbour relays it 60 KB signals within the rate
     * limit, falls behind and is closed with 4009; reading on at its pace, it is told so by its close frame instead of
     * finding the connection cut (1006).
     */
    @Test
    void aSlowReaderClosedForFallingBehindReceives4009() throws Exception {
        start();
        RawWebSocket slow = RawWebSocket.open(server.ws(), 4096);
        clients.add(slow);
        assertTrue(slow.handshake(server.ws(), ORIGIN).startsWith("HTTP/1.1 101"));
        slow.sendText(join("Pair", "Slow"));
        String slowId = joinedAs(slow);
        WsTestClient sender = client();
        sender.join("Pair", "Sender");
        sender.await("network-users-updated", d -> d.getJsonArray("users").size() == 2);
        int listsSeen = sender.received("network-users-updated").size();

        ExecutorService reader = Executors.newSingleThreadExecutor();
        try {
            slow.readSlowly(4096, Duration.ofMillis(100));
            Future<Integer> code = reader.submit(slow::awaitClose);
            String signal = "{\"type\":\"candidate\",\"candidate\":\"" + "x".repeat(60_000) + "\"}";
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!stalledAway(sender, listsSeen, slowId) && System.nanoTime() < deadline) {
                sender.sendRaw(frame("webrtc-signal", "{\"to\":\"" + slowId + "\",\"signal\":" + signal + "}"));
                Thread.sleep(12); // about 80 signals a second: under the limit of 100
            }
            assertTrue(stalledAway(sender, listsSeen, slowId), "the slow reader was closed");
            assertEquals(1, count("closes", "slowConsumer"));
            // Slowly for five more seconds, longer than a close frame used to be given; then freely, only to get
            // through what the socket buffers hold (megabytes on loopback with Tyrus) in good time.
            Thread.sleep(5_000);
            slow.readFreely();
            assertEquals(4009, code.get(30, TimeUnit.SECONDS), "the close code the server logged");
        } finally {
            reader.shutdownNow();
        }
        assertTrue(server.log().contains("with 4009"), server.log());
    }

    /** Reads {@code client}'s frames up to its {@code network-joined}; returns the peer id it was given. */
    private static String joinedAs(RawWebSocket client) throws IOException {
        while (true) {
            String text = client.readFrame().text();
            JsonObject frame = Json.createReader(new StringReader(text)).readObject();
            assertFalse("error".equals(frame.getString("event")), text);
            if ("network-joined".equals(frame.getString("event"))) {
                return frame.getJsonObject("data").getString("peerId");
            }
        }
    }
}
