package io.peershare.bench;

import io.peershare.bench.results.Figures;
import io.peershare.bench.results.Keys;
import java.time.Duration;
import java.util.Locale;

/**
 * N clients join networks of 4 and stay connected with the normal heartbeat. Reports connect rate, time until
 * every peer list is complete, server memory per client and server CPU while idle, as a table and in its results
 * file.
 */
final class IdleScenario {

    private IdleScenario() {
    }

    static void run(Options options) throws Exception {
        long pid = options.pid();
        int idleSeconds = options.integer("idle-seconds", 30);
        boolean first = true;
        RunRecorder recorder = new RunRecorder("idle", options);
        for (int clients : options.integers("clients", "1000,5000,10000")) {
            ProcessStats.gc(pid);
            long rssBefore = ProcessStats.rssBytes(pid);
            long heapBefore = Heap.used(options.url());
            try (Fleet fleet = new Fleet(Generator.create(options))) {
                if (first) {
                    recorder.generator(fleet.describe());
                    System.out.println("generator: " + fleet.describe());
                    System.out.println();
                    System.out.println("| clients | connect rate (/s) | all peer lists complete (s) | server RSS per client (KB) "
                            + "| server heap per client (KB) | server CPU idle (% of a core) | generator CPU idle (% of a core) |");
                    System.out.println("|---|---|---|---|---|---|---|");
                    first = false;
                }
                long start = System.nanoTime();
                long connected = fleet.connect(options.urls(), clients, 4, "idle-" + clients + "-", 512);
                long complete = fleet.awaitComplete(Duration.ofMinutes(5));
                fleet.startHeartbeats();
                Thread.sleep(2000); // settle
                ProcessStats.gc(pid);
                long rssAfter = ProcessStats.rssBytes(pid);
                long heapAfter = Heap.used(options.url());
                long serverCpu0 = ProcessStats.cpuNanos(pid);
                long selfCpu0 = ProcessStats.selfCpuNanos();
                long idleStart = System.nanoTime();
                Thread.sleep(idleSeconds * 1000L);
                double idleNanos = System.nanoTime() - idleStart;
                double serverCpu = (ProcessStats.cpuNanos(pid) - serverCpu0) / idleNanos * 100;
                double selfCpu = (ProcessStats.selfCpuNanos() - selfCpu0) / idleNanos * 100;
                Figures f = new Figures()
                        .put(Keys.CLIENTS, clients)
                        .put(Keys.CONNECT_PER_SECOND, clients / ((connected - start) / 1e9))
                        .put(Keys.PEER_LISTS_COMPLETE_SECONDS, (complete - start) / 1e9)
                        .put(Keys.RSS_KB_PER_CLIENT, (rssAfter - rssBefore) / 1024.0 / clients)
                        .put(Keys.HEAP_KB_PER_CLIENT, (heapAfter - heapBefore) / 1024.0 / clients)
                        .put(Keys.SERVER_CPU_PERCENT, serverCpu)
                        .put(Keys.GENERATOR_CPU_PERCENT, selfCpu)
                        .put(Keys.CLOSED, fleet.totals.closed.sum())
                        .put(Keys.ERRORS, fleet.totals.errors.sum());
                recorder.step(f);
                System.out.printf(Locale.ROOT, "| %d | %.0f | %.2f | %.1f | %.1f | %.2f | %.2f |%n", clients,
                        f.get(Keys.CONNECT_PER_SECOND), f.get(Keys.PEER_LISTS_COMPLETE_SECONDS), f.get(Keys.RSS_KB_PER_CLIENT),
                        f.get(Keys.HEAP_KB_PER_CLIENT), serverCpu, selfCpu);
                if (fleet.totals.closed.sum() > 0 || fleet.totals.errors.sum() > 0) {
                    System.err.println("  (closed: " + fleet.totals.closed.sum() + ", errors: " + fleet.totals.errors.sum()
                            + " " + fleet.totals.lastError + ")");
                }
                ProcessStats.warnIfGeneratorBusy(selfCpu, "while " + clients + " clients were idle");
            }
            Thread.sleep(3000); // let the server see the clients go
        }
        recorder.save();
    }
}
