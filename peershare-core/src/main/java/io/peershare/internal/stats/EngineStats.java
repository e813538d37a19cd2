package io.peershare.internal.stats;

import io.peershare.model.TransferInfo;
import io.peershare.protocol.ErrorCode;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** The engine's counters. Lock-free to update from any thread; read for {@link io.peershare.model.PeerShareStats}. */
public final class EngineStats {

    public final LongAdder framesReceived = new LongAdder();
    public final LongAdder framesSent = new LongAdder();
    public final LongAdder messages = new LongAdder();
    public final LongAdder signals = new LongAdder();
    public final LongAdder transfersInitiated = new LongAdder();
    public final LongAdder rateLimitHits = new LongAdder();
    public final LongAdder relaysOpened = new LongAdder();
    public final LongAdder relayedBytes = new LongAdder();
    private final Map<String, LongAdder> relayRefusals = new ConcurrentHashMap<>();
    public final RollingCounter messagesPerMinute = new RollingCounter();
    public final RollingCounter signalsPerMinute = new RollingCounter();
    private final EnumMap<ErrorCode, LongAdder> errors = new EnumMap<>(ErrorCode.class);
    private final EnumMap<TransferInfo.State, LongAdder> transfersFinished = new EnumMap<>(TransferInfo.State.class);
    private final Map<String, LongAdder> closes = new ConcurrentHashMap<>();

    public EngineStats() {
        for (ErrorCode code : ErrorCode.values()) {
            errors.put(code, new LongAdder());
        }
        for (TransferInfo.State state : TransferInfo.State.values()) {
            if (state.isFinal()) {
                transfersFinished.put(state, new LongAdder());
            }
        }
    }

    public void error(ErrorCode code) {
        errors.get(code).increment();
    }

    public void transferFinished(TransferInfo.State state) {
        transfersFinished.get(state).increment();
    }

    /** A relay refused, or a relayed chunk, for {@code reason} (a {@code RelayRefusal}'s name). */
    public void relayRefused(String reason) {
        relayRefusals.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    /** Relays refused so far, by reason. */
    public Map<String, Long> relayRefusals() {
        Map<String, Long> out = new TreeMap<>();
        relayRefusals.forEach((reason, count) -> out.put(reason, count.sum()));
        return out;
    }

    public void closed(String reason) {
        closes.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    public Map<String, Long> errors() {
        Map<String, Long> out = new LinkedHashMap<>();
        errors.forEach((code, count) -> {
            long n = count.sum();
            if (n > 0) {
                out.put(code.name(), n);
            }
        });
        return out;
    }

    public Map<String, Long> transfersFinished() {
        Map<String, Long> out = new LinkedHashMap<>();
        transfersFinished.forEach((state, count) -> out.put(state.name(), count.sum()));
        return out;
    }

    public Map<String, Long> closes() {
        Map<String, Long> out = new LinkedHashMap<>();
        closes.forEach((reason, count) -> out.put(reason, count.sum()));
        return out;
    }
}
