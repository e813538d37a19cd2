package io.peershare.defaults;

import io.peershare.model.ChatMessage;
import io.peershare.spi.MessageStore;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The default {@link MessageStore}: each network's history in memory, bounded per network in messages (users' and
 * system messages apart) and in bytes, and bounded in bytes over all networks.
 *
 * <p>A message's bytes are what it holds in memory: two a character of its id, author, name and text, and
 * {@link #MESSAGE_OVERHEAD} for the record and its place in the history. When a network passes its bytes, its
 * oldest messages go. When all networks together pass theirs, room is made in this order: first the whole history
 * of networks nobody is in ({@link #occupancyChanged}), the one left longest ago first; then, while that is not
 * enough, the oldest messages of whichever network holds the most.
 *
 * <p>Threading: each network's history is guarded by its own monitor, so appends to one network never wait for
 * another, and the purge (scheduler thread) locks one network at a time. Making room for the total runs after the
 * append that passed it, outside that network's monitor, one thread at a time; it locks one other history at a time.
 * No engine lock is ever taken here.
 */
public final class InMemoryMessageStore implements MessageStore {

    /** What a message costs beyond its characters: the record, its strings and instant, its slot in the deque. */
    public static final int MESSAGE_OVERHEAD = 160;

    private final int maxUserMessages;
    private final int maxSystemMessages;
    private final long maxBytesPerNetwork;
    private final long maxBytesTotal;
    private final Map<String, History> networks = new ConcurrentHashMap<>();
    private final AtomicLong size = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    /** Networks nobody is in, in the order they were left; guarded by its own monitor. */
    private final LinkedHashSet<String> unoccupied = new LinkedHashSet<>();
    /** One thread at a time makes room for the total. */
    private final Object makingRoom = new Object();

    /** One network's messages in the order they were appended, with how many are system messages and their bytes. */
    private static final class History {
        final ArrayDeque<ChatMessage> messages = new ArrayDeque<>();
        int system;
        long bytes;
    }

    /**
     * A store bounded in messages only.
     *
     * @param maxUserMessages   users' messages kept per network
     * @param maxSystemMessages system messages (joins, leaves, renames) kept per network, apart
     */
    public InMemoryMessageStore(int maxUserMessages, int maxSystemMessages) {
        this(maxUserMessages, maxSystemMessages, Long.MAX_VALUE, Long.MAX_VALUE);
    }

    /**
     * @param maxUserMessages    users' messages kept per network
     * @param maxSystemMessages  system messages (joins, leaves, renames) kept per network, apart
     * @param maxBytesPerNetwork bytes of history one network keeps
     * @param maxBytesTotal      bytes of history all networks keep together
     */
    public InMemoryMessageStore(int maxUserMessages, int maxSystemMessages, long maxBytesPerNetwork,
            long maxBytesTotal) {
        if (maxUserMessages < 1 || maxSystemMessages < 1) {
            throw new IllegalArgumentException("a network must keep at least one message of each kind");
        }
        if (maxBytesPerNetwork < 1 || maxBytesTotal < maxBytesPerNetwork) {
            throw new IllegalArgumentException("need 0 < maxBytesPerNetwork (" + maxBytesPerNetwork
                    + ") <= maxBytesTotal (" + maxBytesTotal + ")");
        }
        this.maxUserMessages = maxUserMessages;
        this.maxSystemMessages = maxSystemMessages;
        this.maxBytesPerNetwork = maxBytesPerNetwork;
        this.maxBytesTotal = maxBytesTotal;
    }

    /** The bytes {@code message} holds in this store. */
    public static long bytesOf(ChatMessage message) {
        long chars = message.id().length() + message.text().length()
                + (message.peerId() == null ? 0 : message.peerId().length())
                + (message.userName() == null ? 0 : message.userName().length());
        return 2 * chars + MESSAGE_OVERHEAD;
    }

    @Override
    public void append(String networkKey, ChatMessage message) {
        long cost = bytesOf(message);
        // compute() makes append atomic with the purge's removal of an emptied network.
        networks.compute(networkKey, (key, existing) -> {
            History h = existing != null ? existing : new History();
            synchronized (h) {
                boolean system = message.type() == ChatMessage.Type.SYSTEM;
                h.messages.addLast(message);
                h.bytes += cost;
                size.incrementAndGet();
                bytes.addAndGet(cost);
                if (system) {
                    h.system++;
                }
                int ofKind = system ? h.system : h.messages.size() - h.system;
                if (ofKind > (system ? maxSystemMessages : maxUserMessages)) {
                    dropOldest(h, message.type());
                }
                while (h.bytes > maxBytesPerNetwork && h.messages.size() > 1) {
                    dropFirst(h);
                }
            }
            return h;
        });
        if (bytes.get() > maxBytesTotal) {
            makeRoom();
        }
    }

    /** Drops the oldest message of one kind; at most the bound of that kind is passed over. Caller holds h. */
    private void dropOldest(History h, ChatMessage.Type type) {
        Iterator<ChatMessage> it = h.messages.iterator();
        while (it.hasNext()) {
            ChatMessage m = it.next();
            if (m.type() == type) {
                it.remove();
                dropped(h, m);
                return;
            }
        }
    }

    /** Drops the oldest message of any kind. Caller holds h. */
    private void dropFirst(History h) {
        dropped(h, h.messages.removeFirst());
    }

    /** Accounts for a message taken out of h. Caller holds h. */
    private void dropped(History h, ChatMessage m) {
        long cost = bytesOf(m);
        h.bytes -= cost;
        bytes.addAndGet(-cost);
        size.decrementAndGet();
        if (m.type() == ChatMessage.Type.SYSTEM) {
            h.system--;
        }
    }

    /**
     * Brings the total back under its bound: histories of networks nobody is in first, the one left longest ago
     * first; then the oldest messages of the network that holds the most, down to 15/16 of the bound, so that a
     * store kept full does not look for the largest network on every append.
     */
    private void makeRoom() {
        synchronized (makingRoom) {
            String left;
            while (bytes.get() > maxBytesTotal && (left = oldestUnoccupied()) != null) {
                forget(left);
            }
            if (bytes.get() > maxBytesTotal) {
                long target = maxBytesTotal - maxBytesTotal / 16;
                while (bytes.get() > target && trimLargest(target)) {
                    // each round trims the network that holds the most down to the next one
                }
            }
        }
    }

    /**
     * Drops the oldest messages of the network that holds the most until it holds no more than the next one, or the
     * total is down to {@code target}. False when there is nothing left to drop.
     */
    private boolean trimLargest(long target) {
        String largest = null;
        long most = 0;
        long next = 0;
        for (Map.Entry<String, History> e : networks.entrySet()) {
            long held = e.getValue().bytes; // read without its monitor: a choice, not an account
            if (held > most) {
                next = most;
                most = held;
                largest = e.getKey();
            } else if (held > next) {
                next = held;
            }
        }
        if (largest == null) {
            return false;
        }
        long downTo = next;
        networks.computeIfPresent(largest, (key, h) -> {
            synchronized (h) {
                do {
                    dropFirst(h);
                } while (!h.messages.isEmpty() && h.bytes > downTo && bytes.get() > target);
                return h.messages.isEmpty() ? null : h;
            }
        });
        return true;
    }

    private String oldestUnoccupied() {
        synchronized (unoccupied) {
            Iterator<String> it = unoccupied.iterator();
            if (!it.hasNext()) {
                return null;
            }
            String key = it.next();
            it.remove();
            return key;
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
        int[] purged = {0};
        for (String key : networks.keySet()) {
            History left = networks.computeIfPresent(key, (k, h) -> {
                synchronized (h) {
                    // Messages are appended in time order, so expired ones are at the head.
                    while (!h.messages.isEmpty() && h.messages.peekFirst().timestamp().isBefore(cutoff)) {
                        dropFirst(h);
                        purged[0]++;
                    }
                    return h.messages.isEmpty() ? null : h;
                }
            });
            if (left == null) {
                synchronized (unoccupied) {
                    unoccupied.remove(key);
                }
            }
        }
        return purged[0];
    }

    @Override
    public long size() {
        return size.get();
    }

    @Override
    public long bytes() {
        return bytes.get();
    }

    @Override
    public void occupancyChanged(String networkKey, boolean occupied) {
        synchronized (unoccupied) {
            if (occupied) {
                unoccupied.remove(networkKey);
            } else {
                unoccupied.add(networkKey); // at the end: left last (the leave's own message may come after)
            }
        }
    }

    @Override
    public void forget(String networkKey) {
        synchronized (unoccupied) {
            unoccupied.remove(networkKey);
        }
        History h = networks.remove(networkKey);
        if (h != null) {
            synchronized (h) {
                size.addAndGet(-h.messages.size());
                bytes.addAndGet(-h.bytes);
                h.messages.clear();
                h.bytes = 0;
                h.system = 0;
            }
        }
    }
}
