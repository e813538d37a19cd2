package io.peershare.bench;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/** Many load clients on one generator: connect them, wait for their peer lists, keep them alive, pace their sends. */
final class Fleet implements AutoCloseable {

    final List<LoadClient> clients = new ArrayList<>();
    final LoadClient.Totals totals = new LoadClient.Totals();
    private final Generator generator;
    private final boolean stampActual;

    /** Takes over the generator: closing the fleet closes it. */
    Fleet(Generator generator) {
        this(generator, false);
    }

    /** As above; {@code stampActual} leaves the generator's lateness out of the latency (see {@link Pacer}). */
    Fleet(Generator generator, boolean stampActual) {
        this.generator = generator;
        this.stampActual = stampActual;
    }

    /**
     * Connects {@code count} clients into networks of {@code networkSize} (named with {@code prefix}), spread over
     * the servers in turn (cluster nodes), at most {@code concurrency} handshakes at a time. Returns the nanoTime
     * when the last handshake completed.
     */
    long connect(List<URI> uris, int count, int networkSize, String prefix, int concurrency) throws Exception {
        Semaphore inFlight = new Semaphore(concurrency);
        List<CompletableFuture<?>> all = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            LoadClient client = new LoadClient(i, i % generator.lanes(), prefix + (i / networkSize), networkSize, totals);
            clients.add(client);
            inFlight.acquire();
            all.add(generator.connect(client, uris.get(i % uris.size())).whenComplete((x, e) -> inFlight.release()));
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

    /** Sends every client's heartbeat every 25 s, spread evenly, as browsers would, from the client's lane. */
    void startHeartbeats() {
        long spreadMicros = 25_000_000L / Math.max(1, clients.size());
        for (int i = 0; i < clients.size(); i++) {
            LoadClient client = clients.get(i);
            generator.lane(client.lane).scheduleAtFixedRate(() -> client.send("{\"event\":\"heartbeat\",\"data\":{}}"),
                    i * spreadMicros, 25_000_000L, TimeUnit.MICROSECONDS);
        }
    }

    /**
     * Offers {@code rate} frames a second for {@code length}: each lane sends for its own clients, on its own
     * thread, a {@link Schedule} of its share of the rate. Returns how many frames were sent.
     */
    long pace(Schedule.Pacing pacing, double rate, int burstSize, long burstGapNanos, Duration length,
            Pacer.Frames frames) throws Exception {
        int lanes = generator.lanes();
        long start = System.nanoTime() + 1_000_000; // every lane starts from the same instant
        long end = start + length.toNanos();
        List<Pacer> pacers = new ArrayList<>();
        for (int lane = 0; lane < lanes; lane++) {
            int l = lane;
            List<LoadClient> share = clients.stream().filter(c -> c.lane == l).toList();
            if (share.isEmpty()) {
                continue;
            }
            Schedule schedule = new Schedule(pacing, rate * share.size() / clients.size(), share.size(), burstSize, burstGapNanos,
                    new SplittableRandom());
            Pacer pacer = new Pacer(schedule, share, frames, totals, start, end, generator.lane(lane), stampActual);
            pacers.add(pacer);
            generator.lane(lane).execute(pacer);
        }
        long sent = 0;
        for (Pacer pacer : pacers) {
            sent += pacer.done.get(length.toMillis() + 60_000, TimeUnit.MILLISECONDS);
        }
        return sent;
    }

    String describe() {
        return generator.describe();
    }

    @Override
    public void close() {
        clients.forEach(LoadClient::close);
        generator.close();
    }
}
