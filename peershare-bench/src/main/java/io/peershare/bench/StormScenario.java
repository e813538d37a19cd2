package io.peershare.bench;

import java.time.Duration;

/** N clients connect and join at once (networks of 4); time until every peer list is complete. */
final class StormScenario {

    private StormScenario() {
    }

    static void run(Options options) throws Exception {
        long pid = options.pid();
        int clients = options.integer("clients", 5000);
        try (Fleet fleet = new Fleet(options.integer("threads", 4))) {
            long serverCpu0 = ProcessStats.cpuNanos(pid);
            long start = System.nanoTime();
            long connected = fleet.connect(options.url(), clients, 4, "storm-", clients);
            long complete = fleet.awaitComplete(Duration.ofMinutes(5));
            System.out.println("| clients | all connected (s) | all peer lists complete (s) | server CPU (s) | closed | errors |");
            System.out.println("|---|---|---|---|---|---|");
            System.out.printf("| %d | %.2f | %.2f | %.2f | %d | %d |%n", clients, (connected - start) / 1e9,
                    (complete - start) / 1e9, (ProcessStats.cpuNanos(pid) - serverCpu0) / 1e9,
                    fleet.totals.closed.sum(), fleet.totals.errors.sum());
        }
    }
}
