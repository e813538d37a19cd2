package io.peershare.bench;

import io.peershare.bench.results.Figures;
import io.peershare.bench.results.Keys;
import java.time.Duration;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * Networks of 50 with chat: each message fans out to 50 members. Messages leave at random moments (bursty
 * pacing, a Poisson process) or evenly spaced, each carrying its intended send time. Reports deliveries per
 * second and latency, as a table and in its results file.
 */
final class ChatScenario {

    private ChatScenario() {
    }

    static void run(Options options) throws Exception {
        long pid = options.pid();
        int clients = options.integer("clients", 1000);
        int rate = options.integer("rate", 1000);
        int seconds = options.integer("seconds", 10);
        RunRecorder recorder = new RunRecorder("chat", options);
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
            Figures f = new Figures()
                    .put(Keys.CLIENTS, clients)
                    .put(Keys.SENT_PER_SECOND, sent / elapsed)
                    .put("deliveriesPerSecond", delivered / elapsed)
                    .put("expectedDeliveries", sent * 50)
                    .put("delivered", delivered)
                    .put(Keys.P50_MS, h.getValueAtPercentile(50) / 1000.0)
                    .put(Keys.P99_MS, h.getValueAtPercentile(99) / 1000.0)
                    .put(Keys.MAX_MS, h.getMaxValue() / 1000.0)
                    .put(Keys.SERVER_CPU_PERCENT, serverCpu / 1e9 / elapsed * 100)
                    .put(Keys.GENERATOR_CPU_PERCENT, generatorCpu)
                    .put(Keys.ERRORS, t.errors.sum());
            recorder.generator(fleet.describe());
            recorder.totals(f);
            System.out.println("generator: " + fleet.describe() + "; pacing: " + options.pacing().name().toLowerCase()
                    + "; latency from the " + (options.stampActual() ? "actual" : "intended") + " send time");
            System.out.println();
            System.out.println("| clients | messages sent (/s) | deliveries (/s) | expected deliveries | delivered | p50 (ms) "
                    + "| p99 (ms) | max (ms) | server CPU (% of a core) | generator CPU (% of a core) | errors |");
            System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
            System.out.printf(Locale.ROOT, "| %d | %.0f | %.0f | %d | %d | %.2f | %.2f | %.1f | %.1f | %.1f | %d |%n", clients,
                    f.get(Keys.SENT_PER_SECOND), f.get("deliveriesPerSecond"), sent * 50, delivered, f.get(Keys.P50_MS),
                    f.get(Keys.P99_MS), f.get(Keys.MAX_MS), f.get(Keys.SERVER_CPU_PERCENT), generatorCpu, (long) f.get(Keys.ERRORS));
            ProcessStats.warnIfGeneratorBusy(generatorCpu, "while chatting");
        }
        recorder.save();
    }
}
