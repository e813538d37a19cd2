package io.peershare.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Clients on the JDK's {@code java.net.http.WebSocket}: a few shared HttpClients (each one selector thread) with
 * a pool that runs their callbacks, and separate sender threads as lanes. Every send is handed from a lane to
 * the client's own queue and selector thread; the JDK client has no flush, each frame is written on its own.
 */
final class JdkGenerator implements Generator {

    private final List<HttpClient> http = new ArrayList<>();
    private final ExecutorService executor;
    private final List<ScheduledExecutorService> lanes = new ArrayList<>();
    private final int threads;

    JdkGenerator(int threads, int senders) {
        this.threads = threads;
        executor = Executors.newFixedThreadPool(threads, r -> daemon(r, "bench-client"));
        // Several clients spread the connections over several selector threads.
        for (int i = 0; i < Math.max(1, threads / 2); i++) {
            http.add(HttpClient.newBuilder().executor(executor).connectTimeout(Duration.ofSeconds(30)).build());
        }
        for (int i = 0; i < senders; i++) {
            String name = "bench-sender-" + i;
            lanes.add(Executors.newSingleThreadScheduledExecutor(r -> daemon(r, name)));
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public String describe() {
        return "jdk (java.net.http.WebSocket, " + http.size() + " HttpClients, " + threads + " callback threads, "
                + lanes.size() + " sender threads)";
    }

    @Override
    public int lanes() {
        return lanes.size();
    }

    @Override
    public ScheduledExecutorService lane(int index) {
        return lanes.get(index);
    }

    @Override
    public CompletableFuture<Void> connect(LoadClient client, URI uri) {
        return http.get(client.index % http.size()).newWebSocketBuilder().buildAsync(uri, new Listener(client))
                .thenAccept(ws -> client.opened(new JdkWire(ws)));
    }

    @Override
    public void close() {
        lanes.forEach(ScheduledExecutorService::shutdownNow);
        executor.shutdownNow();
    }

    /** A JDK WebSocket allows one outstanding send, so each frame is queued behind the previous one. */
    private static final class JdkWire implements LoadClient.Wire {
        private final WebSocket ws;
        private CompletableFuture<?> lastSend = CompletableFuture.completedFuture(null);

        JdkWire(WebSocket ws) {
            this.ws = ws;
        }

        @Override
        public synchronized void write(String frame) {
            if (!ws.isOutputClosed()) {
                lastSend = lastSend.isDone() ? ws.sendText(frame, true) : lastSend.thenCompose(x -> ws.sendText(frame, true));
            }
        }

        @Override
        public void flush() {
            // Each sendText is written by itself.
        }

        @Override
        public void close() {
            ws.abort();
        }
    }

    /** Joins the parts of a text message and hands whole frames to the client. */
    private static final class Listener implements WebSocket.Listener {
        private final LoadClient client;
        private final StringBuilder partial = new StringBuilder();

        Listener(LoadClient client) {
            this.client = client;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            if (!last) {
                partial.append(data);
            } else if (partial.length() > 0) {
                client.onText(partial.append(data).toString());
                partial.setLength(0);
            } else {
                client.onText(data.toString());
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            client.onClosed();
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            client.onClosed();
        }
    }
}
