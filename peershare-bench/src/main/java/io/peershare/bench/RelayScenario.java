package io.peershare.bench;

import io.peershare.bench.results.Figures;
import io.peershare.bench.results.Keys;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * Clients in networks of 4 send WebRTC signals to peers of their network at an aggregate rate, stepped up: 80 %
 * ICE-candidate-sized (~350 B), 20 % SDP-offer-sized (~3 KB), each carrying its intended send time. Bursty pacing
 * (the default) sends them as negotiations (one SDP, then four candidates) starting at random; even pacing spaces
 * them equally. Reports the delivered rate, one-way latency percentiles, how late the generator itself sent,
 * loss, disconnects and both processes' CPU per step, as a table and in its results file.
 */
final class RelayScenario {

    /** One SDP and four ICE candidates per negotiation: the 20/80 mix. */
    static final int SIGNALS_PER_NEGOTIATION = 5;
    private static final String CANDIDATE_PAD = "x".repeat(240);
    private static final String SDP_PAD = "v=0 o=- 4611731400430051336 2 IN IP4 127.0.0.1 ".repeat(60);

    private RelayScenario() {
    }

    static void run(Options options) throws Exception {
        List<Long> pids = options.pids();
        int clients = options.integer("clients", 2000);
        int stepSeconds = options.integer("step-seconds", 10);
        RunRecorder recorder = new RunRecorder("relay", options);
        try (Fleet fleet = new Fleet(Generator.create(options), options.stampActual())) {
            // With two nodes, clients alternate between them, so three signals in four cross nodes.
            fleet.connect(options.urls(), clients, 4, "relay-", 512);
            fleet.awaitComplete(Duration.ofMinutes(5));
            fleet.startHeartbeats();
            List<Integer> rates = options.integers("rates", "5500,11000,22000,33000,44000,66000");
            int warmUp = options.integer("warmup-seconds", 5);
            if (warmUp > 0) { // the JIT compiles both processes' hot paths; not reported
                fleet.pace(options.pacing(), rates.get(0), SIGNALS_PER_NEGOTIATION, options.burstGapNanos(),
                        Duration.ofSeconds(warmUp), RelayScenario::signal);
                fleet.totals.awaitQuiet();
            }
            recorder.generator(fleet.describe());
            System.out.println("generator: " + fleet.describe() + "; pacing: " + options.pacing().name().toLowerCase()
                    + "; latency from the " + (options.stampActual() ? "actual" : "intended") + " send time");
            System.out.println();
            System.out.println("| target (/s) | sent (/s) | delivered (/s) | p50 (ms) | p99 (ms) | p99.9 (ms) | max (ms) "
                    + "| generator send lag p99 (ms) | lost | disconnects | server CPU (% of a core) "
                    + "| server CPU per signal (µs) | generator CPU (% of a core) |");
            System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
            for (int rate : rates) {
                recorder.step(step(fleet, pids, rate, stepSeconds, options));
            }
        }
        recorder.save();
    }

    private static long cpuNanos(List<Long> pids) {
        return pids.stream().mapToLong(ProcessStats::cpuNanos).sum();
    }

    private static Figures step(Fleet fleet, List<Long> pids, int rate, int seconds, Options options) throws Exception {
        LoadClient.Totals t = fleet.totals;
        t.latencyMicros.getIntervalHistogram(); // reset
        t.sendLagMicros.getIntervalHistogram();
        long received0 = t.received.sum();
        long closed0 = t.closed.sum();
        long serverCpu0 = cpuNanos(pids);
        long selfCpu0 = ProcessStats.selfCpuNanos();
        long start = System.nanoTime();
        long sent = fleet.pace(options.pacing(), rate, SIGNALS_PER_NEGOTIATION, options.burstGapNanos(),
                Duration.ofSeconds(seconds), RelayScenario::signal);
        double elapsed = (System.nanoTime() - start) / 1e9;
        long serverCpu = cpuNanos(pids) - serverCpu0;
        long selfCpu = ProcessStats.selfCpuNanos() - selfCpu0;
        t.awaitQuiet();
        long delivered = t.received.sum() - received0;
        Histogram h = t.latencyMicros.getIntervalHistogram();
        Histogram lag = t.sendLagMicros.getIntervalHistogram();
        double generatorCpu = selfCpu / 1e9 / elapsed * 100;
        long lost = Math.max(0, sent - delivered);
        long disconnects = t.closed.sum() - closed0;
        Figures f = new Figures()
                .put(Keys.TARGET_PER_SECOND, rate)
                .put(Keys.SENT_PER_SECOND, sent / elapsed)
                .put(Keys.DELIVERED_PER_SECOND, delivered / elapsed)
                .put(Keys.P50_MS, h.getValueAtPercentile(50) / 1000.0)
                .put(Keys.P99_MS, h.getValueAtPercentile(99) / 1000.0)
                .put(Keys.P999_MS, h.getValueAtPercentile(99.9) / 1000.0)
                .put(Keys.MAX_MS, h.getMaxValue() / 1000.0)
                .put(Keys.SEND_LAG_P99_MS, lag.getValueAtPercentile(99) / 1000.0)
                .put(Keys.LOST, lost)
                .put(Keys.DISCONNECTS, disconnects)
                .put(Keys.SERVER_CPU_PERCENT, serverCpu / 1e9 / elapsed * 100)
                .put(Keys.SERVER_CPU_MICROS_PER_SIGNAL, serverCpu / 1000.0 / Math.max(1, delivered))
                .put(Keys.GENERATOR_CPU_PERCENT, generatorCpu);
        System.out.printf(Locale.ROOT, "| %d | %.0f | %.0f | %.2f | %.2f | %.2f | %.1f | %.2f | %d | %d | %.1f | %.1f | %.1f |%n",
                rate, f.get(Keys.SENT_PER_SECOND), f.get(Keys.DELIVERED_PER_SECOND), f.get(Keys.P50_MS), f.get(Keys.P99_MS),
                f.get(Keys.P999_MS), f.get(Keys.MAX_MS), f.get(Keys.SEND_LAG_P99_MS), lost, disconnects,
                f.get(Keys.SERVER_CPU_PERCENT), f.get(Keys.SERVER_CPU_MICROS_PER_SIGNAL), generatorCpu);
        ProcessStats.warnIfGeneratorBusy(generatorCpu, "at " + rate + " signals/s");
        return f;
    }

    /** A signal to one of the sender's peers, with its intended send time first so the receiver finds it at once. */
    static String signal(LoadClient from, Schedule.Send send, long intendedMicros) {
        List<String> peers = from.peers;
        if (peers.isEmpty()) {
            return null;
        }
        String to = peers.get(send.peerPick() % peers.size());
        return send.large()
                ? "{\"event\":\"webrtc-signal\",\"data\":{\"to\":\"" + to + "\",\"signal\":{\"t\":" + intendedMicros
                        + ",\"type\":\"offer\",\"sdp\":\"" + SDP_PAD + "\"}}}"
                : "{\"event\":\"webrtc-signal\",\"data\":{\"to\":\"" + to + "\",\"signal\":{\"t\":" + intendedMicros
                        + ",\"type\":\"candidate\",\"candidate\":\"candidate:1 1 udp 2122260223 192.168.1.20 50000 typ host "
                        + CANDIDATE_PAD + "\"}}}";
    }
}
