package io.peershare.model;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A snapshot of the engine's counters, as served by {@code GET /api/stats}. Counters are read one by one
 * without a global lock, so a snapshot taken under load may be off by the events of a few microseconds.
 *
 * @param startedAt          when the engine was built
 * @param uptime             time since then
 * @param connections        open connections, joined or not
 * @param users              peers in a network: connected ones, and those away that may still resume
 * @param networks           networks with members or history
 * @param messagesTotal      chat messages accepted since start (system messages not counted)
 * @param messagesLastMinute chat messages accepted in the last 60 seconds
 * @param messagesStored     chat and system messages held in history now
 * @param historyBytes       bytes the history holds in this process now ({@link io.peershare.spi.MessageStore#bytes})
 * @param signalsRelayed     WebRTC signals relayed since start
 * @param signalsLastMinute  WebRTC signals relayed in the last 60 seconds
 * @param framesReceived     client frames handled since start
 * @param framesSent         frames handed to transports since start
 * @param transfersInitiated transfer requests accepted by the server since start
 * @param transfersActive    transfers now pending or accepted, by state
 * @param transfersFinished  transfers that ended since start, by final state
 * @param errors             error events sent since start, by code
 * @param rateLimitHits      frames refused by a rate limit since start (answered with {@code RATE_LIMITED}, or the one
 *                           that closed an abusive connection with 4008)
 * @param closes             connections the engine closed since start, by reason
 * @param heapUsedBytes      JVM heap in use
 * @param heapMaxBytes       JVM heap limit
 */
public record PeerShareStats(
        Instant startedAt,
        Duration uptime,
        int connections,
        int users,
        int networks,
        long messagesTotal,
        long messagesLastMinute,
        long messagesStored,
        long historyBytes,
        long signalsRelayed,
        long signalsLastMinute,
        long framesReceived,
        long framesSent,
        long transfersInitiated,
        Map<String, Long> transfersActive,
        Map<String, Long> transfersFinished,
        Map<String, Long> errors,
        long rateLimitHits,
        Map<String, Long> closes,
        Relays relays,
        long heapUsedBytes,
        long heapMaxBytes) {

    /**
     * Transfers relayed through the server.
     *
     * @param open relays open now
     * @param opened relays opened since start
     * @param bytes chunk bytes relayed since start
     * @param refused relays and chunks refused since start, by reason ({@code DISABLED}, {@code UNAVAILABLE}, {@code TOO_MANY_RELAYS},
     *     {@code QUOTA_EXCEEDED}, {@code OUT_OF_ORDER}, {@code SIZE_EXCEEDED}, {@code WINDOW_EXCEEDED}, ...)
     */
    public record Relays(int open, long opened, long bytes, Map<String, Long> refused) {
        public Relays {
            refused = Map.copyOf(refused);
        }
    }

    /** Looked up once: {@code jakarta.json.Json} looks the provider up on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    public PeerShareStats {
        transfersActive = Map.copyOf(transfersActive);
        transfersFinished = Map.copyOf(transfersFinished);
        errors = Map.copyOf(errors);
        closes = Map.copyOf(closes);
    }

    /** Total error events sent since start. */
    public long errorsTotal() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The snapshot as JSON, in the shape documented in {@code docs/operations.md}. */
    public JsonObject toJson() {
        return JSON.createObjectBuilder()
                .add("startedAt", startedAt.toString())
                .add("uptimeSeconds", uptime.toSeconds())
                .add("connections", connections)
                .add("users", users)
                .add("networks", networks)
                .add("messages", JSON.createObjectBuilder()
                        .add("total", messagesTotal)
                        .add("lastMinute", messagesLastMinute)
                        .add("stored", messagesStored)
                        .add("storedBytes", historyBytes))
                .add("signals", JSON.createObjectBuilder()
                        .add("relayed", signalsRelayed)
                        .add("lastMinute", signalsLastMinute))
                .add("frames", JSON.createObjectBuilder()
                        .add("received", framesReceived)
                        .add("sent", framesSent))
                .add("transfers", JSON.createObjectBuilder()
                        .add("initiated", transfersInitiated)
                        .add("active", counts(transfersActive))
                        .add("finished", counts(transfersFinished)))
                .add("errors", JSON.createObjectBuilder()
                        .add("total", errorsTotal())
                        .add("byCode", counts(errors)))
                .add("rateLimitHits", rateLimitHits)
                .add("closes", counts(closes))
                .add("relays", JSON.createObjectBuilder()
                        .add("open", relays.open())
                        .add("opened", relays.opened())
                        .add("bytes", relays.bytes())
                        .add("refused", counts(relays.refused())))
                .add("memory", JSON.createObjectBuilder()
                        .add("heapUsedBytes", heapUsedBytes)
                        .add("heapMaxBytes", heapMaxBytes))
                .build();
    }

    private static JsonObjectBuilder counts(Map<String, Long> counts) {
        JsonObjectBuilder o = JSON.createObjectBuilder();
        counts.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> o.add(e.getKey(), e.getValue()));
        return o;
    }
}
