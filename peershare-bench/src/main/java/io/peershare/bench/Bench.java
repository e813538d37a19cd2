package io.peershare.bench;

import io.peershare.bench.figures.ChartsCommand;
import java.util.Arrays;

/**
 * Entry point of {@code peershare-bench.jar}. Load scenarios run against a server started separately (so that
 * its own process is measured); {@code micro} runs the JMH benchmarks.
 *
 * <pre>
 * java -jar peershare-bench.jar idle  --pid PID [--url ws://127.0.0.1:4000/ws] [--clients 1000,5000,10000]
 * java -jar peershare-bench.jar relay --pid PID [--clients 2000] [--rates 5500,11000,22000,44000,66000] [--step-seconds 10]
 *                                     [--pacing bursty|even] [--burst-gap-ms 1] [--warmup-seconds 5]
 * java -jar peershare-bench.jar relayed-transfer --pid PID [--relays 1] [--size-mb 100]   (files through the relay)
 * java -jar peershare-bench.jar storm --pid PID [--clients 5000] [--warmup-clients 0] [--resident 0]
 * java -jar peershare-bench.jar chat  --pid PID [--clients 1000] [--rate 1000] [--seconds 10] [--pacing bursty|even]
 * java -jar peershare-bench.jar soak  --pid PID [--minutes 10] [--sample-seconds 30]   (exit status 1 if the heap grew)
 * java -jar peershare-bench.jar median REPORT...   (folds several runs' tables into median (min..max))
 * java -jar peershare-bench.jar charts --in RESULTS_DIR [--out docs/performance]   (the SVG charts, from results files)
 * java -jar peershare-bench.jar micro [JMH options]
 * </pre>
 *
 * Every load scenario takes {@code --generator netty|jdk} (netty unless said) and {@code --threads N} (Netty's
 * event loops, 2 unless said; the JDK client's callback threads, 4, with {@code --senders 2} sender threads).
 * Each run prints its table and writes its results as a JSON file into {@code --out DIR} (by default
 * {@code results} beside the jar, i.e. {@code peershare-bench/target/results}; {@code --out none} for no file),
 * labelled with {@code --transport NAME} (else $TRANSPORT), {@code --run N --runs M} and {@code --commit HASH},
 * which bench.sh passes.
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: java -jar peershare-bench.jar idle|relay|relayed-transfer|storm|chat|soak|median|charts|micro [options]");
            System.exit(2);
        }
        switch (args[0]) {
            case "idle" -> IdleScenario.run(new Options(args, 1));
            case "relay" -> RelayScenario.run(new Options(args, 1));
            case "relayed-transfer" -> RelayedTransferScenario.run(new Options(args, 1));
            case "storm" -> StormScenario.run(new Options(args, 1));
            case "chat" -> ChatScenario.run(new Options(args, 1));
            case "soak" -> System.exit(SoakScenario.run(new Options(args, 1)) ? 0 : 1);
            case "median" -> MedianTable.run(Arrays.copyOfRange(args, 1, args.length));
            case "charts" -> System.exit(ChartsCommand.run(Arrays.copyOfRange(args, 1, args.length)) > 0 ? 0 : 1);
            case "micro" -> org.openjdk.jmh.Main.main(Arrays.copyOfRange(args, 1, args.length));
            default -> {
                System.err.println("unknown scenario " + args[0]);
                System.exit(2);
            }
        }
        System.exit(0);
    }
}
