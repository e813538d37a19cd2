package io.peershare.defaults;

import io.peershare.model.ChatMessage;
import io.peershare.spi.MessageStore;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The default {@link MessageStore}: a bounded ring per network, in memory.
 *
 * <p>Threading: each network's deque is guarded by its own monitor, so appends to one network never wait
 * for another, and the purge (scheduler thread) locks one network at a time.
 */
public final class InMemoryMessageStore implements MessageStore {

    private final int maxPerNetwork;
    private final Map<String, ArrayDeque<ChatMessage>> networks = new ConcurrentHashMap<>();
    private final AtomicLong size = new AtomicLong();

    public InMemoryMessageStore(int maxPerNetwork) {
        if (maxPerNetwork < 1) {
            throw new IllegalArgumentException("maxPerNetwork must be at least 1");
        }
        this.maxPerNetwork = maxPerNetwork;
    }

    @Override
    public void append(String networkKey, ChatMessage message) {
        // compute() makes append atomic with the purge's removal of an emptied network.
        networks.compute(networkKey, (key, deque) -> {
            ArrayDeque<ChatMessage> d = deque != null ? deque : new ArrayDeque<>();
            synchronized (d) {
                d.addLast(message);
                size.incrementAndGet();
                if (d.size() > maxPerNetwork) {
                    d.removeFirst();
                    size.decrementAndGet();
                }
            }
            return d;
        });
    }

    @Override
    public List<ChatMessage> history(String networkKey, Instant notBefore) {
        ArrayDeque<ChatMessage> deque = networks.get(networkKey);
        if (deque == null) {
            return List.of();
        }
        synchronized (deque) {
            List<ChatMessage> out = new ArrayList<>(deque.size());
            for (ChatMessage m : deque) {
                if (!m.timestamp().isBefore(notBefore)) {
                    out.add(m);
                }
            }
            return out;
        }
    }

    @Override
    public boolean hasHistory(String networkKey) {
        return networks.containsKey(networkKey);
    }

    @Override
    public int purgeOlderThan(Instant cutoff) {
        int[] dropped = {0};
        for (String key : networks.keySet()) {
            networks.computeIfPresent(key, (k, deque) -> {
                synchronized (deque) {
                    // Messages are appended in time order, so expired ones are at the head.
                    Iterator<ChatMessage> it = deque.iterator();
                    while (it.hasNext() && it.next().timestamp().isBefore(cutoff)) {
                        it.remove();
                        dropped[0]++;
                    }
                    return deque.isEmpty() ? null : deque;
                }
            });
        }
        size.addAndGet(-dropped[0]);
        return dropped[0];
    }

    @Override
    public long size() {
        return size.get();
    }
}
