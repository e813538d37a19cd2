package io.peershare.bench;

import java.time.Duration;

/**
 * N clients join networks of 4 and stay connected with the normal heartbeat. Reports connect rate, time until
 * every peer list is complete, server memory per client and server CPU while idle.
 */
final class IdleScenario {

    private IdleScenario() {
    }

    static void run(Options options) throws Exception {
        long pid = options.pid();
        int idleSeconds = options.integer("idle-seconds", 30);
        boolean first = true;
        for (int clients : options.integers("clients", "1000,5000,10000")) {
            ProcessStats.gc(pid);
            long rssBefore = ProcessStats.rssBytes(pid);
            long heapBefore = Heap.used(options.url());
            try (Fleet fleet = new Fleet(Generator.create(options))) {
                if (first) {
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
                System.out.printf("| %d | %.0f | %.2f | %.1f | %.1f | %.2f | %.2f |%n", clients,
                        clients / ((connected - start) / 1e9), (complete - start) / 1e9,
                        (rssAfter - rssBefore) / 1024.0 / clients, (heapAfter - heapBefore) / 1024.0 / clients,
                        serverCpu, selfCpu);
                if (fleet.totals.closed.sum() > 0 || fleet.totals.errors.sum() > 0) {
                    System.err.println("  (closed: " + fleet.totals.closed.sum() + ", errors: " + fleet.totals.errors.sum()
                            + " " + fleet.totals.lastError + ")");
                }
                ProcessStats.warnIfGeneratorBusy(selfCpu, "while " + clients + " clients were idle");
            }
            Thread.sleep(3000); // let the server see the clients go
        }
    }
}
