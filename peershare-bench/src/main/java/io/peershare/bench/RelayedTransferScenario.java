package io.peershare.bench;

import io.peershare.protocol.RelayFrame;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Files relayed through the server, as a browser whose direct connection failed sends them: {@code --relays N}
 * transfers of {@code --size-mb M} at once, each from its own sender to its own receiver, chunks of 16 KiB and 28
 * bytes of cipher framing as fast as the receiver's credit allows, the receiver acknowledging every half window.
 * Reports throughput, the server's CPU per relayed MiB and its heap. The server must have the relay on, and its
 * bandwidth and daily quota raised to measure its own limit: {@code RELAY_ENABLED=true RELAY_BANDWIDTH=100GiB
 * RELAY_QUOTA_PER_ADDRESS_PER_DAY=1000GiB} (bench.sh passes the environment on).
 */
final class RelayedTransferScenario {

    private static final int FILE_BYTES_PER_CHUNK = 16 * 1024;
    private static final int CIPHER_BYTES_PER_CHUNK = 28;

    private RelayedTransferScenario() {
    }

    static void run(Options options) throws Exception {
        int relays = options.integer("relays", 1);
        long size = options.integer("size-mb", 100) * 1024L * 1024;
        URI url = options.url();
        long pid = options.pid();
        HttpClient http = HttpClient.newHttpClient();
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < relays; i++) {
            pairs.add(Pair.open(http, url, "Relayed" + i, size));
        }
        long heapBefore = Heap.used(url);
        long cpu0 = ProcessStats.cpuNanos(pid);
        long self0 = ProcessStats.selfCpuNanos();
        long started = System.nanoTime();
        AtomicLong mostHeap = new AtomicLong(heapBefore);
        ExecutorService senders = Executors.newFixedThreadPool(relays);
        List<Future<Long>> done = new ArrayList<>();
        for (Pair pair : pairs) {
            done.add(senders.submit(pair::send));
        }
        ScheduledSampler sampler = new ScheduledSampler(url, mostHeap);
        long relayed = 0;
        for (Future<Long> f : done) {
            relayed += f.get(30, TimeUnit.MINUTES);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        sampler.stop();
        long cpu = ProcessStats.cpuNanos(pid) - cpu0;
        long self = ProcessStats.selfCpuNanos() - self0;
        senders.shutdown();
        double mib = relayed / 1024.0 / 1024.0;
        System.out.println("| relays | file (MiB) | relayed (MiB) | seconds | MiB/s, all | MiB/s, each | server CPU (% of a core)"
                + " | server CPU per MiB (ms) | server heap before / most (MiB) | generator CPU (% of a core) |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        System.out.printf("| %d | %d | %.1f | %.2f | %.1f | %.1f | %.1f | %.2f | %d / %d | %.1f |%n", relays,
                size / 1024 / 1024, mib, seconds, mib / seconds, mib / seconds / relays, cpu / 1e7 / seconds,
                cpu / 1e6 / mib, heapBefore >> 20, mostHeap.get() >> 20, self / 1e7 / seconds);
        for (Pair pair : pairs) {
            pair.close();
        }
    }

    /** Reads the server's heap every 200 ms while the transfers run. */
    private static final class ScheduledSampler {
        private final java.util.concurrent.ScheduledExecutorService timer =
                Executors.newSingleThreadScheduledExecutor();

        ScheduledSampler(URI url, AtomicLong most) {
            timer.scheduleAtFixedRate(() -> {
                try {
                    most.accumulateAndGet(Heap.used(url), Math::max);
                } catch (Exception e) {
                    // a missed sample
                }
            }, 200, 200, TimeUnit.MILLISECONDS);
        }

        void stop() {
            timer.shutdownNow();
        }
    }

    /** One sender, one receiver and the transfer between them, relayed. */
    private static final class Pair {
        final Side sender;
        final Side receiver;
        final String transferId;
        final long size;
        int window;

        private Pair(Side sender, Side receiver, String transferId, long size) {
            this.sender = sender;
            this.receiver = receiver;
            this.transferId = transferId;
            this.size = size;
        }

        static Pair open(HttpClient http, URI url, String network, long size) throws Exception {
            Side receiver = Side.connect(http, url);
            receiver.send("join-wifi-network", "{\"networkName\":\"" + network + "\",\"userName\":\"Receiver\"}");
            String receiverId = receiver.await("network-joined").getString("peerId");
            Side sender = Side.connect(http, url);
            sender.send("join-wifi-network", "{\"networkName\":\"" + network + "\",\"userName\":\"Sender\"}");
            sender.await("network-joined");
            sender.send("initiate-file-transfer", "{\"to\":\"" + receiverId + "\",\"fileName\":\"bench.bin\","
                    + "\"fileSize\":" + size + ",\"mimeType\":\"application/octet-stream\"}");
            String id = receiver.await("file-transfer-request").getString("transferId");
            receiver.send("accept-file-transfer", "{\"transferId\":\"" + id + "\"}");
            sender.await("file-transfer-accepted");
            sender.send("request-relay", "{\"transferId\":\"" + id + "\"}");
            Pair pair = new Pair(sender, receiver, id, size);
            pair.window = sender.await("relay-granted").getInt("windowBytes");
            receiver.await("relay-granted");
            receiver.ackEvery(id, pair.window / 2);
            return pair;
        }

        /** Sends the whole file within the credit; returns the bytes relayed once the receiver has them all. */
        long send() throws Exception {
            byte[] chunk = new byte[FILE_BYTES_PER_CHUNK + CIPHER_BYTES_PER_CHUNK];
            new Random(1).nextBytes(chunk);
            long offset = 0;
            long credit = window;
            long left = size;
            do {
                int bytes = (int) Math.min(left, FILE_BYTES_PER_CHUNK) + CIPHER_BYTES_PER_CHUNK;
                while (offset + bytes > credit) {
                    JsonObject granted;
                    try {
                        granted = sender.await("relay-credit");
                    } catch (IllegalStateException e) {
                        throw new IllegalStateException(e.getMessage() + "; sent " + offset + ", the receiver has "
                                + receiver.received.get() + " and acknowledged " + receiver.acked, e);
                    }
                    credit = granted.getJsonNumber("received").longValue() + window;
                }
                sender.socket.sendBinary(new RelayFrame(transferId, offset, ByteBuffer.wrap(chunk, 0, bytes)).encode(),
                        true).get(30, TimeUnit.SECONDS);
                offset += bytes;
                left -= bytes - CIPHER_BYTES_PER_CHUNK;
            } while (left > 0);
            receiver.awaitBytes(offset);
            receiver.send("complete-file-transfer", "{\"transferId\":\"" + transferId + "\"}");
            return offset;
        }

        void close() {
            sender.socket.abort();
            receiver.socket.abort();
        }
    }

    /** One WebSocket client: JSON events queued as they come, relayed chunks counted and acknowledged. */
    private static final class Side implements WebSocket.Listener {
        final BlockingQueue<JsonObject> events = new LinkedBlockingQueue<>();
        final StringBuilder text = new StringBuilder();
        final AtomicLong received = new AtomicLong();
        WebSocket socket;
        volatile String ackTransfer;
        volatile long ackStep;
        long acked;
        private CompletableFuture<WebSocket> sending = CompletableFuture.completedFuture(null);

        static Side connect(HttpClient http, URI url) throws Exception {
            Side side = new Side();
            side.socket = http.newWebSocketBuilder().buildAsync(url, side).get(10, TimeUnit.SECONDS);
            return side;
        }

        /** Sends behind whatever this side sent before: a WebSocket takes one message at a time. */
        void send(String event, String data) throws Exception {
            queue("{\"event\":\"" + event + "\",\"data\":" + data + "}").get(10, TimeUnit.SECONDS);
        }

        private synchronized CompletableFuture<WebSocket> queue(String message) {
            sending = sending.thenCompose(ws -> socket.sendText(message, true));
            return sending;
        }

        JsonObject await(String event) throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                JsonObject e = events.poll(100, TimeUnit.MILLISECONDS);
                if (e == null) {
                    continue;
                }
                if (event.equals(e.getString("event"))) {
                    return e.getJsonObject("data");
                }
                if ("error".equals(e.getString("event"))) {
                    throw new IllegalStateException("the server said: " + e);
                }
            }
            throw new IllegalStateException("no " + event + " within 30 s");
        }

        void ackEvery(String transferId, long bytes) {
            ackStep = bytes;
            ackTransfer = transferId;
        }

        void awaitBytes(long total) throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (received.get() < total && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            if (received.get() < total) {
                throw new IllegalStateException("the receiver has " + received.get() + " of " + total + " bytes");
            }
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                events.add(Json.createReader(new StringReader(text.toString())).readObject());
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            // What the receiver acknowledges is the chunks' bytes, without their headers (10 bytes and the id).
            long got = received.addAndGet(data.remaining());
            if (last) {
                String id = ackTransfer;
                got = received.addAndGet(-(10 + id.length()));
                if (got - acked >= ackStep) {
                    acked = got;
                    queue("{\"event\":\"relay-ack\",\"data\":{\"transferId\":\"" + id + "\",\"received\":" + got + "}}");
                }
            }
            webSocket.request(1);
            return CompletableFuture.completedFuture(null);
        }
    }
}
