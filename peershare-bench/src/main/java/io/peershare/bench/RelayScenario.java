package io.peershare.bench;

import java.time.Duration;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * Clients in networks of 4 send WebRTC signals to peers of their network at an aggregate rate, stepped up: 80 %
 * ICE-candidate-sized (~350 B), 20 % SDP-offer-sized (~3 KB), each carrying its intended send time. Bursty pacing
 * (the default) sends them as negotiations (one SDP, then four candidates) starting at random; even pacing spaces
 * them equally. Reports the delivered rate, one-way latency percentiles, how late the generator itself sent,
 * loss, disconnects and both processes' CPU per step.
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
            System.out.println("generator: " + fleet.describe() + "; pacing: " + options.pacing().name().toLowerCase()
                    + "; latency from the " + (options.stampActual() ? "actual" : "intended") + " send time");
            System.out.println();
            System.out.println("| target (/s) | sent (/s) | delivered (/s) | p50 (ms) | p99 (ms) | p99.9 (ms) | max (ms) "
                    + "| generator send lag p99 (ms) | lost | disconnects | server CPU (% of a core) "
                    + "| server CPU per signal (µs) | generator CPU (% of a core) |");
            System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
            for (int rate : rates) {
                step(fleet, pids, rate, stepSeconds, options);
            }
        }
    }

    private static long cpuNanos(List<Long> pids) {
        return pids.stream().mapToLong(ProcessStats::cpuNanos).sum();
    }

    private static void step(Fleet fleet, List<Long> pids, int rate, int seconds, Options options) throws Exception {
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
        System.out.printf("| %d | %.0f | %.0f | %.2f | %.2f | %.2f | %.1f | %.2f | %d | %d | %.1f | %.1f | %.1f |%n",
                rate, sent / elapsed, delivered / elapsed,
                h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0,
                h.getValueAtPercentile(99.9) / 1000.0, h.getMaxValue() / 1000.0, lag.getValueAtPercentile(99) / 1000.0,
                Math.max(0, sent - delivered), t.closed.sum() - closed0,
                serverCpu / 1e9 / elapsed * 100, serverCpu / 1000.0 / Math.max(1, delivered), generatorCpu);
        ProcessStats.warnIfGeneratorBusy(generatorCpu, "at " + rate + " signals/s");
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
