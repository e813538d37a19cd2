package io.peershare.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/** Many load clients on shared JDK HttpClients: connect them, wait for their peer lists, keep them alive. */
final class Fleet implements AutoCloseable {

    final List<LoadClient> clients = new ArrayList<>();
    final LoadClient.Totals totals = new LoadClient.Totals();
    private final List<HttpClient> http = new ArrayList<>();
    private final ExecutorService executor;
    private final java.util.concurrent.ScheduledExecutorService heartbeats =
            Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "bench-heartbeat"));

    Fleet(int threads) {
        executor = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "bench-client");
            t.setDaemon(true);
            return t;
        });
        // Several clients spread the connections over several selector threads.
        for (int i = 0; i < Math.max(1, threads / 2); i++) {
            http.add(HttpClient.newBuilder().executor(executor).connectTimeout(Duration.ofSeconds(30)).build());
        }
    }

    /**
     * Connects {@code count} clients into networks of {@code networkSize} (named with {@code prefix}), at most
     * {@code concurrency} handshakes at a time. Returns the nanoTime when the last handshake completed.
     */
    long connect(URI uri, int count, int networkSize, String prefix, int concurrency) throws Exception {
        return connect(List.of(uri), count, networkSize, prefix, concurrency);
    }

    /** As above, spreading the clients over several servers (cluster nodes) in turn. */
    long connect(List<URI> uris, int count, int networkSize, String prefix, int concurrency) throws Exception {
        Semaphore inFlight = new Semaphore(concurrency);
        List<CompletableFuture<?>> all = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            LoadClient client = new LoadClient(i, prefix + (i / networkSize), networkSize, totals);
            clients.add(client);
            inFlight.acquire();
            all.add(client.connect(http.get(i % http.size()), uris.get(i % uris.size()))
                    .whenComplete((ws, e) -> inFlight.release()));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
        return System.nanoTime();
    }

    /** Waits until every client has its complete peer list; returns the nanoTime when the last one did. */
    long awaitComplete(Duration timeout) throws Exception {
        CompletableFuture.allOf(clients.stream().map(c -> c.complete).toArray(CompletableFuture[]::new))
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return System.nanoTime();
    }

    /** Sends every client's heartbeat every 25 s, spread evenly, as browsers would. */
    void startHeartbeats() {
        long spreadMicros = 25_000_000L / Math.max(1, clients.size());
        for (int i = 0; i < clients.size(); i++) {
            LoadClient client = clients.get(i);
            heartbeats.scheduleAtFixedRate(() -> client.send("{\"event\":\"heartbeat\",\"data\":{}}"),
                    i * spreadMicros, 25_000_000L, TimeUnit.MICROSECONDS);
        }
    }

    @Override
    public void close() {
        heartbeats.shutdownNow();
        clients.forEach(LoadClient::close);
        executor.shutdownNow();
    }
}
