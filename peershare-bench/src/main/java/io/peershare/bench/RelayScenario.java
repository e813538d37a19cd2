package io.peershare.bench;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;

/**
 * Clients in networks of 4 send WebRTC signals to peers of their network at a fixed aggregate rate, stepped
 * up: 80 % ICE-candidate-sized (~350 B), 20 % SDP-offer-sized (~3 KB), each carrying its send time. Reports the
 * delivered rate, one-way latency percentiles, loss, disconnects and both processes' CPU per step.
 */
final class RelayScenario {

    private static final String CANDIDATE_PAD = "x".repeat(240);
    private static final String SDP_PAD = "v=0 o=- 4611731400430051336 2 IN IP4 127.0.0.1 ".repeat(60);

    private RelayScenario() {
    }

    static void run(Options options) throws Exception {
        List<Long> pids = options.pids();
        int clients = options.integer("clients", 2000);
        int stepSeconds = options.integer("step-seconds", 10);
        int senders = options.integer("senders", 2);
        try (Fleet fleet = new Fleet(options.integer("threads", 4))) {
            // With two nodes, clients alternate between them, so three signals in four cross nodes.
            fleet.connect(options.urls(), clients, 4, "relay-", 512);
            fleet.awaitComplete(Duration.ofMinutes(5));
            fleet.startHeartbeats();
            System.out.println("| target (/s) | sent (/s) | delivered (/s) | p50 (ms) | p99 (ms) | p99.9 (ms) | max (ms) "
                    + "| lost | disconnects | server CPU (% of a core) | server CPU per signal (µs) | generator CPU (% of a core) |");
            System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
            for (int rate : options.integers("rates", "5500,11000,22000,33000,44000,66000")) {
                step(fleet, pids, rate, stepSeconds, senders);
            }
        }
    }

    private static long cpuNanos(List<Long> pids) {
        return pids.stream().mapToLong(ProcessStats::cpuNanos).sum();
    }

    private static void step(Fleet fleet, List<Long> pids, int rate, int seconds, int senders) throws Exception {
        LoadClient.Totals t = fleet.totals;
        t.latencyMicros.getIntervalHistogram(); // reset
        long received0 = t.received.sum();
        long closed0 = t.closed.sum();
        LongAdder sent = new LongAdder();
        long serverCpu0 = cpuNanos(pids);
        long selfCpu0 = ProcessStats.selfCpuNanos();
        long start = System.nanoTime();
        long end = start + Duration.ofSeconds(seconds).toNanos();
        Thread[] threads = new Thread[senders];
        for (int s = 0; s < senders; s++) {
            int part = s;
            threads[s] = new Thread(() -> send(fleet.clients, part, senders, rate / (double) senders, start, end, sent),
                    "bench-sender-" + s);
            threads[s].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long serverCpu = cpuNanos(pids) - serverCpu0;
        long selfCpu = ProcessStats.selfCpuNanos() - selfCpu0;
        t.awaitQuiet();
        long delivered = t.received.sum() - received0;
        Histogram h = t.latencyMicros.getIntervalHistogram();
        System.out.printf("| %d | %.0f | %.0f | %.2f | %.2f | %.2f | %.1f | %d | %d | %.1f | %.1f | %.1f |%n",
                rate, sent.sum() / elapsed, delivered / elapsed,
                h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0,
                h.getValueAtPercentile(99.9) / 1000.0, h.getMaxValue() / 1000.0,
                Math.max(0, sent.sum() - delivered), t.closed.sum() - closed0,
                serverCpu / 1e9 / elapsed * 100, serverCpu / 1000.0 / Math.max(1, delivered),
                selfCpu / 1e9 / elapsed * 100);
    }

    /** Paces one sender's share of the rate, 1 ms at a time, over its share of the clients. */
    private static void send(List<LoadClient> clients, int part, int parts, double rate, long start, long end,
            LongAdder sent) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long count = 0;
        int next = part;
        long now;
        while ((now = System.nanoTime()) < end) {
            long due = (long) ((now - start) / 1e9 * rate);
            while (count < due) {
                LoadClient from = clients.get(next);
                next += parts;
                if (next >= clients.size()) {
                    next = part;
                }
                List<String> peers = from.peers;
                if (peers.isEmpty()) {
                    continue;
                }
                String to = peers.get(random.nextInt(peers.size()));
                boolean sdp = count % 5 == 0;
                String signal = sdp
                        ? "{\"type\":\"offer\",\"sdp\":\"" + SDP_PAD + "\",\"t\":" + System.nanoTime() / 1000 + "}"
                        : "{\"type\":\"candidate\",\"candidate\":\"candidate:1 1 udp 2122260223 192.168.1.20 50000 typ host "
                                + CANDIDATE_PAD + "\",\"t\":" + System.nanoTime() / 1000 + "}";
                from.send("{\"event\":\"webrtc-signal\",\"data\":{\"to\":\"" + to + "\",\"signal\":" + signal + "}}");
                count++;
                sent.increment();
            }
            java.util.concurrent.locks.LockSupport.parkNanos(200_000);
        }
    }
}
