package io.peershare.bench;

import java.util.Arrays;

/**
 * Entry point of {@code peershare-bench.jar}. Load scenarios run against a server started separately (so that
 * its own process is measured); {@code micro} runs the JMH benchmarks.
 *
 * <pre>
 * java -jar peershare-bench.jar idle  --pid PID [--url ws://127.0.0.1:4000/ws] [--clients 1000,5000,10000]
 * java -jar peershare-bench.jar relay --pid PID [--clients 2000] [--rates 5500,11000,22000,44000,66000] [--step-seconds 10]
 * java -jar peershare-bench.jar storm --pid PID [--clients 5000]
 * java -jar peershare-bench.jar chat  --pid PID [--clients 1000] [--rate 1000] [--seconds 10]
 * java -jar peershare-bench.jar micro [JMH options]
 * </pre>
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: java -jar peershare-bench.jar idle|relay|storm|chat|micro [options]");
            System.exit(2);
        }
        switch (args[0]) {
            case "idle" -> IdleScenario.run(new Options(args, 1));
            case "relay" -> RelayScenario.run(new Options(args, 1));
            case "storm" -> StormScenario.run(new Options(args, 1));
            case "chat" -> ChatScenario.run(new Options(args, 1));
            case "micro" -> org.openjdk.jmh.Main.main(Arrays.copyOfRange(args, 1, args.length));
            default -> {
                System.err.println("unknown scenario " + args[0]);
                System.exit(2);
            }
        }
        System.exit(0);
    }
}
