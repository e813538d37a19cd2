package io.peershare.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.peershare.PeerShare;
import io.peershare.model.EventClass;
import io.peershare.model.PeerShareStats;
import io.peershare.protocol.CloseCodes;
import io.peershare.protocol.ErrorCode;
import io.peershare.spi.MetricsRecorder;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * PeerShare's meters in a Micrometer {@link MeterRegistry}, every name prefixed {@code peershare.} (in Prometheus:
 * {@code peershare_}). Two halves, because the core knows nothing of Micrometer:
 *
 * <ul>
 *   <li>as the engine's {@link MetricsRecorder} ({@link PeerShare.Builder#metrics}), it times each frame's handling
 *       and each signal's relay inside the engine, and counts rate-limit refusals by event class;</li>
 *   <li>{@link #bind(PeerShare)} registers gauges and counters that read {@link PeerShare#stats()} when the
 *       registry is scraped: connections, users, networks, messages, signals, frames, transfers by outcome, errors by
 *       code, closes by reason, the outbound bytes waiting for slow readers.</li>
 * </ul>
 *
 * <pre>{@code
 * PeerShareMetrics metrics = new PeerShareMetrics(registry);
 * PeerShare engine = PeerShare.builder().metrics(metrics).build();
 * metrics.bind(engine);
 * }</pre>
 *
 * <p>Threading: the recorder methods run on engine threads, on every frame, and only touch meters made up front;
 * the gauges run on the thread that scrapes, and share one snapshot of the statistics per second of the
 * registry's clock.
 */
public final class PeerShareMetrics implements MetricsRecorder {

    /** Bucket bounds of the timers: engine work is microseconds, a queue behind a slow host milliseconds. */
    private static final Duration[] BUCKETS = {
        Duration.ofNanos(10_000), Duration.ofNanos(25_000), Duration.ofNanos(50_000), Duration.ofNanos(100_000),
        Duration.ofNanos(250_000), Duration.ofNanos(500_000), Duration.ofMillis(1), Duration.ofMillis(2),
        Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(100)};
    /** The closes every engine can make, registered up front so that they show as zero before the first one. */
    private static final int[] KNOWN_CLOSES = {CloseCodes.GOING_AWAY, CloseCodes.PROTOCOL_ERROR,
        CloseCodes.UNSUPPORTED_DATA, CloseCodes.INVALID_PAYLOAD, CloseCodes.MESSAGE_TOO_BIG, CloseCodes.INTERNAL_ERROR,
        CloseCodes.HEARTBEAT_TIMEOUT, CloseCodes.RATE_LIMIT_ABUSE, CloseCodes.SLOW_CONSUMER,
        CloseCodes.RESUMED_ELSEWHERE, CloseCodes.TOO_MANY_CONNECTIONS};
    private static final long SNAPSHOT_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final MeterRegistry registry;
    private final Tags tags;
    private final EnumMap<EventClass, Timer> handling = new EnumMap<>(EventClass.class);
    private final EnumMap<EventClass, Counter> rateLimited = new EnumMap<>(EventClass.class);
    private final Timer relay;
    private final Set<String> closesRegistered = ConcurrentHashMap.newKeySet();
    private volatile PeerShare engine;
    private volatile PeerShareStats snapshot;
    private volatile long snapshotAt;

    /** Meters in {@code registry}, with no common tags. */
    public PeerShareMetrics(MeterRegistry registry) {
        this(registry, Tags.empty());
    }

    /** Meters in {@code registry}, each with {@code tags} (a node id, say). */
    public PeerShareMetrics(MeterRegistry registry, Iterable<Tag> tags) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.tags = Tags.of(tags);
        for (EventClass c : EventClass.values()) {
            String name = c.name().toLowerCase(Locale.ROOT);
            handling.put(c, Timer.builder("peershare.frame.handling")
                    .description("Time the engine took for one client frame, from arrival to the last frame it sent")
                    .tags(this.tags).tag("class", name)
                    .serviceLevelObjectives(BUCKETS)
                    .register(registry));
            rateLimited.put(c, Counter.builder("peershare.rate.limit.hits")
                    .description("Client frames refused by a rate limit")
                    .tags(this.tags).tag("class", name)
                    .register(registry));
        }
        relay = Timer.builder("peershare.signal.relay")
                .description("Time from a signal's frame entering the engine to the relayed frame queued for its target")
                .tags(this.tags)
                .serviceLevelObjectives(BUCKETS)
                .register(registry);
    }

    @Override
    public void frameHandled(EventClass eventClass, long nanos) {
        handling.get(eventClass).record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void signalRelayed(long nanos) {
        relay.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void rateLimited(EventClass eventClass) {
        rateLimited.get(eventClass).increment();
    }

    /**
     * Registers the gauges and counters that read the engine's statistics. Call once, with the engine this recorder
     * was given to.
     */
    public void bind(PeerShare peerShare) {
        if (engine != null) {
            throw new IllegalStateException("already bound to an engine");
        }
        engine = Objects.requireNonNull(peerShare, "engine");
        gauge("peershare.connections", "Open connections", PeerShareStats::connections);
        gauge("peershare.users", "Peers in a network, those away included", s -> s.users());
        gauge("peershare.networks", "Networks with members or history", s -> s.networks());
        gauge("peershare.history.messages", "Chat and system messages held in history", s -> s.messagesStored());
        Gauge.builder("peershare.history.bytes", this, m -> m.stats().historyBytes())
                .description("Bytes the chat history holds in this process").baseUnit("bytes").tags(tags)
                .register(registry);
        for (String state : new String[] {"PENDING", "ACCEPTED"}) {
            Gauge.builder("peershare.transfers.active", this, m -> m.stats().transfersActive().getOrDefault(state, 0L))
                    .description("Transfers now pending or accepted").tags(tags)
                    .tag("state", state.toLowerCase(Locale.ROOT)).register(registry);
        }
        Gauge.builder("peershare.outbox.bytes", peerShare, e -> e.outboundBudget().used())
                .description("Bytes waiting for clients that read slowly, across all connections").baseUnit("bytes")
                .tags(tags).register(registry);
        Gauge.builder("peershare.outbox.limit.bytes", peerShare, e -> e.outboundBudget().limit())
                .description("Bytes that may wait for slow clients before one is closed with 4009").baseUnit("bytes")
                .tags(tags).register(registry);

        counter("peershare.frames.received", "Client frames handled", s -> s.framesReceived(), Tags.empty());
        counter("peershare.frames.sent", "Frames handed to transports", s -> s.framesSent(), Tags.empty());
        counter("peershare.messages", "Chat messages accepted (system messages not counted)",
                s -> s.messagesTotal(), Tags.empty());
        counter("peershare.signals.relayed", "WebRTC signals relayed", s -> s.signalsRelayed(), Tags.empty());
        counter("peershare.transfers.initiated", "Transfer requests accepted by the server",
                s -> s.transfersInitiated(), Tags.empty());
        for (String outcome : new String[] {"COMPLETED", "REJECTED", "CANCELLED", "FAILED"}) {
            counter("peershare.transfers.finished", "Transfers that ended, by outcome",
                    s -> s.transfersFinished().getOrDefault(outcome, 0L),
                    Tags.of("outcome", outcome.toLowerCase(Locale.ROOT)));
        }
        for (ErrorCode code : ErrorCode.values()) {
            counter("peershare.errors", "Error events sent to clients, by code",
                    s -> s.errors().getOrDefault(code.name(), 0L), Tags.of("code", code.name()));
        }
        for (int code : KNOWN_CLOSES) {
            registerClose(CloseCodes.statisticName(code));
        }
        gauge("peershare.relays.open", "Transfers relayed through the server now", s -> s.relays().open());
        counter("peershare.relays.opened", "Relays the server opened", s -> s.relays().opened(), Tags.empty());
        FunctionCounter.builder("peershare.relays.bytes", this, m -> m.stats().relays().bytes())
                .description("Chunk bytes relayed through the server").baseUnit("bytes").tags(tags).register(registry);
        for (String reason : RELAY_REFUSALS) {
            counter("peershare.relays.refused", "Relays and relayed chunks refused, by reason",
                    s -> s.relays().refused().getOrDefault(reason, 0L), Tags.of("reason", reason));
        }
    }

    /** The reasons a relay or a relayed chunk is refused for, as the statistics name them. */
    private static final String[] RELAY_REFUSALS = {"DISABLED", "UNAVAILABLE", "TOO_MANY_RELAYS", "QUOTA_EXCEEDED",
        "OUT_OF_ORDER", "SIZE_EXCEEDED", "WINDOW_EXCEEDED"};

    /** The statistics, read at most once a second however many meters a scrape reads. */
    private PeerShareStats stats() {
        long now = registry.config().clock().monotonicTime();
        PeerShareStats s = snapshot;
        if (s == null || now - snapshotAt > SNAPSHOT_NANOS) {
            s = engine.stats();
            snapshot = s;
            snapshotAt = now;
            for (String reason : s.closes().keySet()) {
                registerClose(reason); // a close by a code the list above does not name
            }
        }
        return s;
    }

    private void registerClose(String reason) {
        if (closesRegistered.add(reason)) {
            counter("peershare.closes", "Connections closed by the engine or their transport, by reason",
                    s -> s.closes().getOrDefault(reason, 0L), Tags.of("reason", reason));
        }
    }

    private void gauge(String name, String description, ToDoubleFunction<PeerShareStats> value) {
        Gauge.builder(name, this, m -> value.applyAsDouble(m.stats())).description(description).tags(tags)
                .register(registry);
    }

    private void counter(String name, String description, ToDoubleFunction<PeerShareStats> value, Tags extra) {
        FunctionCounter.builder(name, this, m -> value.applyAsDouble(m.stats())).description(description)
                .tags(tags.and(extra)).register(registry);
    }
}
