package io.peershare.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peershare.spi.ChatMessage;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryMessageStoreTest {

    private static ChatMessage at(int second) {
        return new ChatMessage("m" + second, ChatMessage.Type.USER, "p", "Alice", "text " + second,
                Instant.ofEpochSecond(second));
    }

    private static List<String> ids(List<ChatMessage> messages) {
        return messages.stream().map(ChatMessage::id).toList();
    }

    @Test
    void keepsTheNewestMessagesUpToTheBoundInOrder() {
        InMemoryMessageStore store = new InMemoryMessageStore(3);
        for (int i = 1; i <= 5; i++) {
            store.append("net", at(i));
        }
        assertEquals(List.of("m3", "m4", "m5"), ids(store.history("net", Instant.EPOCH)));
        assertEquals(3, store.size());
    }

    @Test
    void networksAreSeparate() {
        InMemoryMessageStore store = new InMemoryMessageStore(10);
        store.append("a", at(1));
        store.append("b", at(2));
        assertEquals(List.of("m1"), ids(store.history("a", Instant.EPOCH)));
        assertEquals(List.of(), store.history("c", Instant.EPOCH));
        assertFalse(store.hasHistory("c"));
    }

    @Test
    void historyLeavesOutMessagesBeforeTheCutoffAndPurgeDropsThem() {
        InMemoryMessageStore store = new InMemoryMessageStore(10);
        store.append("net", at(10));
        store.append("net", at(20));
        store.append("other", at(5));
        assertEquals(List.of("m20"), ids(store.history("net", Instant.ofEpochSecond(15))));

        assertEquals(2, store.purgeOlderThan(Instant.ofEpochSecond(15)));
        assertEquals(1, store.size());
        assertTrue(store.hasHistory("net"));
        assertFalse(store.hasHistory("other"), "a network whose history expired is forgotten");
    }
}
