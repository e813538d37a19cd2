package io.peershare.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of a network's chat history: a user's message or a system message (joins, leaves, renames).
 *
 * @param id        server-assigned, unique
 * @param type      user or system
 * @param peerId    the author, {@code null} for system messages
 * @param userName  the author's name at the time, {@code null} for system messages
 * @param text      sanitized text
 * @param timestamp when the server accepted it
 */
public record ChatMessage(String id, Type type, String peerId, String userName, String text, Instant timestamp) {

    public enum Type { USER, SYSTEM }

    public ChatMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(timestamp, "timestamp");
    }
}
