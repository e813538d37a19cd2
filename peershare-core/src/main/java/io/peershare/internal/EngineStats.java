package io.peershare.internal;

import io.peershare.protocol.ErrorCode;
import io.peershare.spi.TransferInfo;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** The engine's counters. Lock-free to update from any thread; read for {@link io.peershare.PeerShareStats}. */
final class EngineStats {

    final LongAdder framesReceived = new LongAdder();
    final LongAdder framesSent = new LongAdder();
    final LongAdder messages = new LongAdder();
    final LongAdder signals = new LongAdder();
    final LongAdder transfersInitiated = new LongAdder();
    final LongAdder rateLimitHits = new LongAdder();
    final RollingCounter messagesPerMinute = new RollingCounter();
    final RollingCounter signalsPerMinute = new RollingCounter();
    private final EnumMap<ErrorCode, LongAdder> errors = new EnumMap<>(ErrorCode.class);
    private final EnumMap<TransferInfo.State, LongAdder> transfersFinished = new EnumMap<>(TransferInfo.State.class);
    private final Map<String, LongAdder> closes = new ConcurrentHashMap<>();

    EngineStats() {
        for (ErrorCode code : ErrorCode.values()) {
            errors.put(code, new LongAdder());
        }
        for (TransferInfo.State state : TransferInfo.State.values()) {
            if (state.isFinal()) {
                transfersFinished.put(state, new LongAdder());
            }
        }
    }

    void error(ErrorCode code) {
        errors.get(code).increment();
    }

    void transferFinished(TransferInfo.State state) {
        transfersFinished.get(state).increment();
    }

    void closed(String reason) {
        closes.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    Map<String, Long> errors() {
        Map<String, Long> out = new LinkedHashMap<>();
        errors.forEach((code, count) -> {
            long n = count.sum();
            if (n > 0) {
                out.put(code.name(), n);
            }
        });
        return out;
    }

    Map<String, Long> transfersFinished() {
        Map<String, Long> out = new LinkedHashMap<>();
        transfersFinished.forEach((state, count) -> out.put(state.name(), count.sum()));
        return out;
    }

    Map<String, Long> closes() {
        Map<String, Long> out = new LinkedHashMap<>();
        closes.forEach((reason, count) -> out.put(reason, count.sum()));
        return out;
    }
}
