package io.peershare.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** What the soak's clients saw, counted across all of them. Thread-safe. */
final class SoakCounts {

    final LongAdder sent = new LongAdder();
    final LongAdder received = new LongAdder();
    final LongAdder sendFailures = new LongAdder();
    final LongAdder connections = new LongAdder();
    final LongAdder actorFailures = new LongAdder();
    /** The reconnecting flooder's connections the server upgraded, and those it refused. */
    final LongAdder flooderUpgrades = new LongAdder();
    final LongAdder flooderRefusals = new LongAdder();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final Map<Integer, LongAdder> closes = new ConcurrentHashMap<>();

    void error(String code) {
        errors.computeIfAbsent(code, c -> new LongAdder()).increment();
    }

    void closedByServer(int code) {
        closes.computeIfAbsent(code, c -> new LongAdder()).increment();
    }

    Map<String, Long> errors() {
        Map<String, Long> copy = new TreeMap<>();
        errors.forEach((code, n) -> copy.put(code, n.sum()));
        return copy;
    }

    Map<Integer, Long> closes() {
        Map<Integer, Long> copy = new TreeMap<>();
        closes.forEach((code, n) -> copy.put(code, n.sum()));
        return copy;
    }
}
