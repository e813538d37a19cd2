package io.peershare.bench.results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Facts of the machine and JVM a run was measured on, for its results file: CPU cores and model, memory,
 * operating system, Java version and VM. Linux's /proc gives the CPU model and memory; elsewhere they are left
 * out.
 */
public final class HostFacts {

    private HostFacts() {
    }

    public static Map<String, String> collect() {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        String cpu = firstValue(Path.of("/proc/cpuinfo"), "model name");
        if (cpu != null) {
            facts.put("cpu", cpu);
        }
        String memory = firstValue(Path.of("/proc/meminfo"), "MemTotal");
        if (memory != null && memory.matches("\\d+ kB")) {
            facts.put("memoryMiB", Long.toString(Long.parseLong(memory.substring(0, memory.length() - 3)) / 1024));
        }
        facts.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        facts.put("java", System.getProperty("java.runtime.version", System.getProperty("java.version")));
        facts.put("jvm", System.getProperty("java.vm.name") + ", " + System.getProperty("java.vendor"));
        return facts;
    }

    /** The value of the first {@code name : value} line of a /proc file, or null. */
    static String firstValue(Path file, String name) {
        try {
            List<String> lines = Files.readAllLines(file);
            for (String line : lines) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equals(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or not readable: the fact is left out
        }
        return null;
    }
}
