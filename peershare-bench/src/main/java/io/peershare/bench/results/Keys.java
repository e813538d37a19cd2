package io.peershare.bench.results;

/**
 * Names of the figures in the results files that more than one class reads or writes: the scenarios write
 * them, the charts read them. Each name carries its unit.
 */
public final class Keys {

    // relay, one step per offered rate
    public static final String TARGET_PER_SECOND = "targetPerSecond";
    public static final String SENT_PER_SECOND = "sentPerSecond";
    public static final String DELIVERED_PER_SECOND = "deliveredPerSecond";
    public static final String P50_MS = "p50Ms";
    public static final String P99_MS = "p99Ms";
    public static final String P999_MS = "p999Ms";
    public static final String MAX_MS = "maxMs";
    public static final String SEND_LAG_P99_MS = "sendLagP99Ms";
    public static final String LOST = "lost";
    public static final String DISCONNECTS = "disconnects";
    public static final String SERVER_CPU_PERCENT = "serverCpuPercent";
    public static final String SERVER_CPU_MICROS_PER_SIGNAL = "serverCpuMicrosPerSignal";
    public static final String GENERATOR_CPU_PERCENT = "generatorCpuPercent";

    // idle, one step per client count (the CPU figures are those of the idle period)
    public static final String CLIENTS = "clients";
    public static final String CONNECT_PER_SECOND = "connectPerSecond";
    public static final String PEER_LISTS_COMPLETE_SECONDS = "peerListsCompleteSeconds";
    public static final String RSS_KB_PER_CLIENT = "rssKbPerClient";
    public static final String HEAP_KB_PER_CLIENT = "heapKbPerClient";

    // storm: a timeline of samples, and the totals
    public static final String T_SECONDS = "t";
    public static final String OPEN = "open";
    public static final String COMPLETE = "complete";
    public static final String ALL_CONNECTED_SECONDS = "allConnectedSeconds";
    public static final String SERVER_CPU_SECONDS = "serverCpuSeconds";
    public static final String GENERATOR_CPU_SECONDS = "generatorCpuSeconds";
    public static final String CLOSED = "closed";
    public static final String ERRORS = "errors";

    private Keys() {
    }
}
