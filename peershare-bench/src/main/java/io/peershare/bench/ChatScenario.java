package io.peershare.bench;

import java.time.Duration;
import org.HdrHistogram.Histogram;

/**
 * Networks of 50 with chat: each message fans out to 50 members. Messages leave at random moments (bursty
 * pacing, a Poisson process) or evenly spaced, each carrying its intended send time. Reports deliveries per
 * second and latency.
 */
final class ChatScenario {

    private ChatScenario() {
    }

    static void run(Options options) throws Exception {
        long pid = options.pid();
        int clients = options.integer("clients", 1000);
        int rate = options.integer("rate", 1000);
        int seconds = options.integer("seconds", 10);
        try (Fleet fleet = new Fleet(Generator.create(options), options.stampActual())) {
            fleet.connect(options.urls(), clients, 50, "chat-", 512);
            fleet.awaitComplete(Duration.ofMinutes(5));
            fleet.startHeartbeats();
            LoadClient.Totals t = fleet.totals;
            Thread.sleep(1000);
            t.latencyMicros.getIntervalHistogram();
            long received0 = t.received.sum();
            long serverCpu0 = ProcessStats.cpuNanos(pid);
            long selfCpu0 = ProcessStats.selfCpuNanos();
            long start = System.nanoTime();
            long sent = fleet.pace(options.pacing(), rate, 1, 0, Duration.ofSeconds(seconds),
                    (from, send, intendedMicros) -> "{\"event\":\"send-message\",\"data\":{\"text\":\"hello ~t"
                            + intendedMicros + "\"}}");
            double elapsed = (System.nanoTime() - start) / 1e9;
            long serverCpu = ProcessStats.cpuNanos(pid) - serverCpu0;
            double generatorCpu = (ProcessStats.selfCpuNanos() - selfCpu0) / 1e9 / elapsed * 100;
            t.awaitQuiet();
            Histogram h = t.latencyMicros.getIntervalHistogram();
            long delivered = t.received.sum() - received0;
            System.out.println("generator: " + fleet.describe() + "; pacing: " + options.pacing().name().toLowerCase()
                    + "; latency from the " + (options.stampActual() ? "actual" : "intended") + " send time");
            System.out.println();
            System.out.println("| clients | messages sent (/s) | deliveries (/s) | expected deliveries | delivered | p50 (ms) "
                    + "| p99 (ms) | max (ms) | server CPU (% of a core) | generator CPU (% of a core) | errors |");
            System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
            System.out.printf("| %d | %.0f | %.0f | %d | %d | %.2f | %.2f | %.1f | %.1f | %.1f | %d |%n", clients,
                    sent / elapsed, delivered / elapsed, sent * 50, delivered, h.getValueAtPercentile(50) / 1000.0,
                    h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0, serverCpu / 1e9 / elapsed * 100,
                    generatorCpu, t.errors.sum());
            ProcessStats.warnIfGeneratorBusy(generatorCpu, "while chatting");
        }
    }
}
