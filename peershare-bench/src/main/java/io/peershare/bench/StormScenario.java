package io.peershare.bench;

import io.peershare.bench.results.Figures;
import io.peershare.bench.results.Keys;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * N clients connect and join at once (networks of 4); time until every peer list is complete. By default both
 * processes start cold, as after a restart; {@code --warmup-clients N} first connects, joins and closes N clients
 * so that the JIT has compiled the connect path of both (a cold generator spends about as much CPU compiling
 * as connecting, and may be the limit): with 10,000 it is the sequence of a node's clients connecting, holding and
 * leaving, then another wave arriving. {@code --resident N} connects N clients that stay connected through the storm
 * (a storm on a loaded node). Every {@code --sample-ms} (50 unless said) during the storm, the results file gets a
 * sample of how many connections are open and how many peer lists are complete.
 */
final class StormScenario {

    private StormScenario() {
    }

    static void run(Options options) throws Exception {
        long pid = options.pid();
        int clients = options.integer("clients", 5000);
        int warmUp = options.integer("warmup-clients", 0);
        int resident = options.integer("resident", 0);
        int sampleMillis = options.integer("sample-ms", 50);
        RunRecorder recorder = new RunRecorder("storm", options);
        if (warmUp > 0) {
            try (Fleet fleet = new Fleet(Generator.create(options))) {
                fleet.connect(options.urls(), warmUp, 4, "storm-warmup-", 512);
                fleet.awaitComplete(Duration.ofMinutes(5));
            }
            Thread.sleep(3000); // let the server see them go
        }
        Fleet residents = null;
        if (resident > 0) {
            residents = new Fleet(Generator.create(options));
            residents.connect(options.urls(), resident, 4, "storm-resident-", 512);
            residents.awaitComplete(Duration.ofMinutes(5));
            residents.startHeartbeats();
            System.out.println("resident clients connected: " + resident);
        }
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "storm-sampler");
            thread.setDaemon(true);
            return thread;
        });
        try (Fleet fleet = new Fleet(Generator.create(options))) {
            LoadClient.Totals totals = fleet.totals;
            long serverCpu0 = ProcessStats.cpuNanos(pid);
            long selfCpu0 = ProcessStats.selfCpuNanos();
            long start = System.nanoTime();
            Runnable sample = () -> recorder.sample(new Figures()
                    .put(Keys.T_SECONDS, (System.nanoTime() - start) / 1e9)
                    .put(Keys.OPEN, totals.opened.sum() - totals.closed.sum())
                    .put(Keys.COMPLETE, totals.completed.sum()));
            sample.run(); // the start: nothing open yet
            // Fixed delay, not fixed rate: a sampler held up (a busy machine) does not then catch up with a burst.
            sampler.scheduleWithFixedDelay(sample, sampleMillis, sampleMillis, TimeUnit.MILLISECONDS);
            long connected = fleet.connect(options.urls(), clients, 4, "storm-", clients);
            long complete = fleet.awaitComplete(Duration.ofMinutes(5));
            sampler.shutdown();
            sampler.awaitTermination(5, TimeUnit.SECONDS);
            sample.run(); // the end: every peer list complete
            double elapsed = (complete - start) / 1e9;
            double selfCpu = (ProcessStats.selfCpuNanos() - selfCpu0) / 1e9;
            recorder.generator(fleet.describe());
            Figures f = new Figures()
                    .put(Keys.CLIENTS, clients)
                    .put(Keys.CONNECT_PER_SECOND, clients / ((connected - start) / 1e9))
                    .put(Keys.ALL_CONNECTED_SECONDS, (connected - start) / 1e9)
                    .put(Keys.PEER_LISTS_COMPLETE_SECONDS, elapsed)
                    .put(Keys.SERVER_CPU_SECONDS, (ProcessStats.cpuNanos(pid) - serverCpu0) / 1e9)
                    .put(Keys.GENERATOR_CPU_SECONDS, selfCpu)
                    .put(Keys.CLOSED, totals.closed.sum())
                    .put(Keys.ERRORS, totals.errors.sum());
            recorder.totals(f);
            System.out.println("generator: " + fleet.describe());
            System.out.println();
            System.out.println("| clients | connect rate (/s) | all connected (s) | all peer lists complete (s) | server CPU (s) "
                    + "| generator CPU (s) | closed | errors |");
            System.out.println("|---|---|---|---|---|---|---|---|");
            System.out.printf(Locale.ROOT, "| %d | %.0f | %.2f | %.2f | %.2f | %.2f | %d | %d |%n", clients,
                    f.get(Keys.CONNECT_PER_SECOND), f.get(Keys.ALL_CONNECTED_SECONDS), elapsed, f.get(Keys.SERVER_CPU_SECONDS),
                    selfCpu, (long) f.get(Keys.CLOSED), (long) f.get(Keys.ERRORS));
            ProcessStats.warnIfGeneratorBusy(selfCpu / elapsed * 100, "during the storm");
        } finally {
            sampler.shutdownNow();
            if (residents != null) {
                residents.close();
            }
        }
        recorder.save();
    }
}
