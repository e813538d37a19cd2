package io.peershare.spi;

import io.peershare.model.ChatMessage;

import java.time.Instant;
import java.util.List;

/**
 * Keeps each network's chat history. The default keeps it in memory, bounded per network.
 *
 * <p>Threading: the engine calls {@link #append} and {@link #history} for one network while holding that
 * network's lock, so calls for one network never overlap; calls for different networks and
 * {@link #purgeOlderThan} (from the scheduler) may run concurrently. Implementations must be thread-safe
 * across networks and must not block for long.
 */
public interface MessageStore {

    /**
     * Appends a message. Users' messages and system messages are bounded apart: when the network already holds its
     * maximum of the message's kind, the oldest message of that kind is dropped, so that people joining and leaving
     * never push the conversation out of the history.
     */
    void append(String networkKey, ChatMessage message);

    /** The network's messages not older than {@code notBefore}, oldest first; empty if there are none. */
    List<ChatMessage> history(String networkKey, Instant notBefore);

    /** Whether the network has any history left. */
    boolean hasHistory(String networkKey);

    /** Drops every message older than {@code cutoff}, and networks left with none. Returns how many were dropped. */
    int purgeOlderThan(Instant cutoff);

    /** Total number of messages held, over all networks. */
    long size();

    /**
     * Bytes of history held in this process, over all networks, for the statistics; 0 for a store that keeps its
     * history elsewhere (the default).
     */
    default long bytes() {
        return 0;
    }

    /**
     * The network's first member arrived ({@code occupied}) or its last member left (not). A store that must make room
     * drops the history of networks nobody is in first. Called under the network's lock, in the order of its joins
     * and leaves; the default ignores it.
     */
    default void occupancyChanged(String networkKey, boolean occupied) {
    }

    /**
     * The engine no longer keeps the network (nobody has been in it for a while): its history may go. A store
     * shared by several nodes may keep it for the nodes that still have members there, or let it expire.
     */
    void forget(String networkKey);
}
