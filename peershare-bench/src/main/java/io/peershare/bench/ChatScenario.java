package io.peershare.bench;

import java.time.Duration;
import org.HdrHistogram.Histogram;

/** Networks of 50 with chat: each message fans out to 50 members. Reports deliveries per second and latency. */
final class ChatScenario {

    private ChatScenario() {
    }

    static void run(Options options) throws Exception {
        long pid = options.pid();
        int clients = options.integer("clients", 1000);
        int rate = options.integer("rate", 1000);
        int seconds = options.integer("seconds", 10);
        try (Fleet fleet = new Fleet(options.integer("threads", 4))) {
            fleet.connect(options.url(), clients, 50, "chat-", 512);
            fleet.awaitComplete(Duration.ofMinutes(5));
            fleet.startHeartbeats();
            LoadClient.Totals t = fleet.totals;
            Thread.sleep(1000);
            t.latencyMicros.getIntervalHistogram();
            long received0 = t.received.sum();
            long serverCpu0 = ProcessStats.cpuNanos(pid);
            long start = System.nanoTime();
            long end = start + Duration.ofSeconds(seconds).toNanos();
            long sent = 0;
            while (System.nanoTime() < end) {
                long due = (long) ((System.nanoTime() - start) / 1e9 * rate);
                while (sent < due) {
                    LoadClient from = fleet.clients.get((int) (sent % clients));
                    from.send("{\"event\":\"send-message\",\"data\":{\"text\":\"hello ~t" + System.nanoTime() / 1000 + "\"}}");
                    sent++;
                }
                java.util.concurrent.locks.LockSupport.parkNanos(500_000);
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            long serverCpu = ProcessStats.cpuNanos(pid) - serverCpu0;
            t.awaitQuiet();
            Histogram h = t.latencyMicros.getIntervalHistogram();
            long delivered = t.received.sum() - received0;
            System.out.println("| clients | messages sent (/s) | deliveries (/s) | expected deliveries | delivered | p50 (ms) | p99 (ms) | max (ms) | server CPU (% of a core) | errors |");
            System.out.println("|---|---|---|---|---|---|---|---|---|---|");
            System.out.printf("| %d | %.0f | %.0f | %d | %d | %.2f | %.2f | %.1f | %.1f | %d |%n", clients, sent / elapsed,
                    delivered / elapsed, sent * 50, delivered, h.getValueAtPercentile(50) / 1000.0,
                    h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0, serverCpu / 1e9 / elapsed * 100,
                    t.errors.sum());
        }
    }
}
