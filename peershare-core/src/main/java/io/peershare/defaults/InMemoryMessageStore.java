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
 * The default {@link MessageStore}: a bounded history per network, in memory, with users' messages and system
 * messages bounded apart.
 *
 * <p>Threading: each network's history is guarded by its own monitor, so appends to one network never wait for
 * another, and the purge (scheduler thread) locks one network at a time.
 */
public final class InMemoryMessageStore implements MessageStore {

    private final int maxUserMessages;
    private final int maxSystemMessages;
    private final Map<String, History> networks = new ConcurrentHashMap<>();
    private final AtomicLong size = new AtomicLong();

    /** One network's messages in the order they were appended, with how many of each kind. */
    private static final class History {
        final ArrayDeque<ChatMessage> messages = new ArrayDeque<>();
        int system;
    }

    /**
     * @param maxUserMessages   users' messages kept per network
     * @param maxSystemMessages system messages (joins, leaves, renames) kept per network, apart
     */
    public InMemoryMessageStore(int maxUserMessages, int maxSystemMessages) {
        if (maxUserMessages < 1 || maxSystemMessages < 1) {
            throw new IllegalArgumentException("a network must keep at least one message of each kind");
        }
        this.maxUserMessages = maxUserMessages;
        this.maxSystemMessages = maxSystemMessages;
    }

    @Override
    public void append(String networkKey, ChatMessage message) {
        // compute() makes append atomic with the purge's removal of an emptied network.
        networks.compute(networkKey, (key, existing) -> {
            History h = existing != null ? existing : new History();
            synchronized (h) {
                boolean system = message.type() == ChatMessage.Type.SYSTEM;
                h.messages.addLast(message);
                size.incrementAndGet();
                if (system) {
                    h.system++;
                }
                int ofKind = system ? h.system : h.messages.size() - h.system;
                if (ofKind > (system ? maxSystemMessages : maxUserMessages)) {
                    dropOldest(h, message.type());
                }
            }
            return h;
        });
    }

    /** Drops the oldest message of one kind; at most the bound of that kind is passed over. Caller holds h. */
    private void dropOldest(History h, ChatMessage.Type type) {
        Iterator<ChatMessage> it = h.messages.iterator();
        while (it.hasNext()) {
            if (it.next().type() == type) {
                it.remove();
                size.decrementAndGet();
                if (type == ChatMessage.Type.SYSTEM) {
                    h.system--;
                }
                return;
            }
        }
    }

    @Override
    public List<ChatMessage> history(String networkKey, Instant notBefore) {
        History h = networks.get(networkKey);
        if (h == null) {
            return List.of();
        }
        synchronized (h) {
            List<ChatMessage> out = new ArrayList<>(h.messages.size());
            for (ChatMessage m : h.messages) {
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
            networks.computeIfPresent(key, (k, h) -> {
                synchronized (h) {
                    // Messages are appended in time order, so expired ones are at the head.
                    Iterator<ChatMessage> it = h.messages.iterator();
                    while (it.hasNext()) {
                        ChatMessage m = it.next();
                        if (!m.timestamp().isBefore(cutoff)) {
                            break;
                        }
                        it.remove();
                        dropped[0]++;
                        if (m.type() == ChatMessage.Type.SYSTEM) {
                            h.system--;
                        }
                    }
                    return h.messages.isEmpty() ? null : h;
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

    @Override
    public void forget(String networkKey) {
        History h = networks.remove(networkKey);
        if (h != null) {
            synchronized (h) {
                size.addAndGet(-h.messages.size());
            }
        }
    }
}
