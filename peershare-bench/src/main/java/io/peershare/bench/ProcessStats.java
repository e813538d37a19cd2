package io.peershare.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time and resident memory of a process, read from /proc (Linux), and of this process from the JVM. */
final class ProcessStats {

    /** Linux reports CPU time in clock ticks of 1/100 s (USER_HZ) on every architecture Java runs on here. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private ProcessStats() {
    }

    /** User plus system CPU time of a process, in nanoseconds. */
    static long cpuNanos(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // Fields after the command name, which is in parentheses and may contain spaces.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * NANOS_PER_TICK;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/" + pid + "/stat", e);
        }
    }

    /** Resident set size of a process, in bytes. */
    static long rssBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
            throw new IllegalStateException("no VmRSS for " + pid);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/" + pid + "/status", e);
        }
    }

    /**
     * The JVM options of a Java process (the arguments between the command and {@code -jar} or the main class),
     * from /proc/<pid>/cmdline; null if it cannot be read.
     */
    static String javaOptions(long pid) {
        try {
            String[] args = new String(Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline")), java.nio.charset.StandardCharsets.UTF_8)
                    .split("\0");
            StringBuilder options = new StringBuilder();
            for (int i = 1; i < args.length && args[i].startsWith("-") && !args[i].equals("-jar"); i++) {
                options.append(options.length() > 0 ? " " : "").append(args[i]);
            }
            return options.toString();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** This generator's own CPU time, in nanoseconds. */
    static long selfCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /**
     * From this share of one core on, the generator may be what limits a run: on a small machine shared with the
     * server, a generator using a whole core leaves the server less than it would have otherwise.
     */
    static final double GENERATOR_BUSY_PERCENT = 85;

    /** Warns (on standard error, apart from the tables) when the generator's CPU is near a full core. */
    static void warnIfGeneratorBusy(double percentOfCore, String when) {
        if (percentOfCore >= GENERATOR_BUSY_PERCENT) {
            System.err.printf("warning: the generator used %.0f %% of a core %s: it, not the server, may be the limit%n",
                    percentOfCore, when);
        }
    }

    /** Asks a JVM to collect garbage (jcmd), so that heap figures mean live data; false if jcmd is missing. */
    static boolean gc(long pid) {
        try {
            Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
            Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.run").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
