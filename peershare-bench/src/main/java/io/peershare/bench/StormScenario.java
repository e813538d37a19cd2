package io.peershare.bench;

import java.time.Duration;

/**
 * N clients connect and join at once (networks of 4); time until every peer list is complete. By default both
 * processes start cold, as after a restart; {@code --warmup-clients N} first connects, joins and closes N clients
 * so that the JIT has compiled the connect path of both (a cold generator spends about as much CPU compiling
 * as connecting, and may be the limit).
 */
final class StormScenario {

    private StormScenario() {
    }

    static void run(Options options) throws Exception {
        long pid = options.pid();
        int clients = options.integer("clients", 5000);
        int warmUp = options.integer("warmup-clients", 0);
        if (warmUp > 0) {
            try (Fleet fleet = new Fleet(Generator.create(options))) {
                fleet.connect(options.urls(), warmUp, 4, "storm-warmup-", 512);
                fleet.awaitComplete(Duration.ofMinutes(5));
            }
            Thread.sleep(3000); // let the server see them go
        }
        try (Fleet fleet = new Fleet(Generator.create(options))) {
            long serverCpu0 = ProcessStats.cpuNanos(pid);
            long selfCpu0 = ProcessStats.selfCpuNanos();
            long start = System.nanoTime();
            long connected = fleet.connect(options.urls(), clients, 4, "storm-", clients);
            long complete = fleet.awaitComplete(Duration.ofMinutes(5));
            double elapsed = (complete - start) / 1e9;
            double selfCpu = (ProcessStats.selfCpuNanos() - selfCpu0) / 1e9;
            System.out.println("generator: " + fleet.describe());
            System.out.println();
            System.out.println("| clients | connect rate (/s) | all connected (s) | all peer lists complete (s) | server CPU (s) "
                    + "| generator CPU (s) | closed | errors |");
            System.out.println("|---|---|---|---|---|---|---|---|");
            System.out.printf("| %d | %.0f | %.2f | %.2f | %.2f | %.2f | %d | %d |%n", clients,
                    clients / ((connected - start) / 1e9), (connected - start) / 1e9, elapsed,
                    (ProcessStats.cpuNanos(pid) - serverCpu0) / 1e9, selfCpu,
                    fleet.totals.closed.sum(), fleet.totals.errors.sum());
            ProcessStats.warnIfGeneratorBusy(selfCpu / elapsed * 100, "during the storm");
        }
    }
}
