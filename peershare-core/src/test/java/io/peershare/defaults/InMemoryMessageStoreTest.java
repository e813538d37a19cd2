package io.peershare.defaults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peershare.model.ChatMessage;
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

    private static List<String> all(InMemoryMessageStore store, String key) {
        return ids(store.history(key, Instant.EPOCH));
    }

    @Test
    void aBoundBelowOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new InMemoryMessageStore(0, 5));
        assertThrows(IllegalArgumentException.class, () -> new InMemoryMessageStore(5, 0));
    }

    @Test
    void anEmptyStoreHasNoHistoryAndSizeZero() {
        InMemoryMessageStore store = new InMemoryMessageStore(3, 3);
        assertEquals(List.of(), store.history("net", Instant.EPOCH));
        assertFalse(store.hasHistory("net"));
        assertEquals(0, store.size());
    }

    @Test
    void historyIsOldestFirstInAppendOrder() {
        InMemoryMessageStore store = new InMemoryMessageStore(10, 10);
        store.append("net", at(1));
        store.append("net", at(2));
        store.append("net", at(3));
        assertEquals(List.of("m1", "m2", "m3"), all(store, "net"));
    }

    @Test
    void keepsOnlyTheNewestMessagesUpToTheBound() {
        InMemoryMessageStore store = new InMemoryMessageStore(3, 3);
        for (int i = 1; i <= 5; i++) {
            store.append("net", at(i));
        }
        assertEquals(List.of("m3", "m4", "m5"), all(store, "net"));
        assertEquals(3, store.size());
    }

    @Test
    void theBoundAppliesToEachNetworkSeparately() {
        InMemoryMessageStore store = new InMemoryMessageStore(2, 2);
        for (int i = 1; i <= 3; i++) {
            store.append("a", at(i));
            store.append("b", at(10 + i));
        }
        assertEquals(List.of("m2", "m3"), all(store, "a"));
        assertEquals(List.of("m12", "m13"), all(store, "b"));
        assertEquals(4, store.size());
    }

    @Test
    void networksDoNotSeeEachOthersMessages() {
        InMemoryMessageStore store = new InMemoryMessageStore(10, 10);
        store.append("a", at(1));
        store.append("b", at(2));
        assertEquals(List.of("m1"), all(store, "a"));
        assertEquals(List.of("m2"), all(store, "b"));
        assertEquals(List.of(), all(store, "c"));
    }

    @Test
    void hasHistoryOnlyForNetworksWithMessages() {
        InMemoryMessageStore store = new InMemoryMessageStore(10, 10);
        store.append("a", at(1));
        assertTrue(store.hasHistory("a"));
        assertFalse(store.hasHistory("b"));
    }

    @Test
    void historyLeavesOutMessagesBeforeNotBefore() {
        InMemoryMessageStore store = new InMemoryMessageStore(10, 10);
        store.append("net", at(10));
        store.append("net", at(20));
        assertEquals(List.of("m20"), ids(store.history("net", Instant.ofEpochSecond(15))));
    }

    @Test
    void historyIncludesAMessageExactlyAtNotBefore() {
        InMemoryMessageStore store = new InMemoryMessageStore(10, 10);
        store.append("net", at(10));
        assertEquals(List.of("m10"), ids(store.history("net", Instant.ofEpochSecond(10))));
    }

    @Test
    void historyAfterTheNewestMessageIsEmpty() {
        InMemoryMessageStore store = new InMemoryMessageStore(10, 10);
        store.append("net", at(10));
        assertEquals(List.of(), store.history("net", Instant.ofEpochSecond(11)));
    }

    @Test
    void filteringHistoryDropsNothingFromTheStore() {
        InMemoryMessageStore store = new InMemoryMessageStore(10, 10);
        store.append("net", at(10));
        store.history("net", Instant.ofEpochSecond(11));
        assertEquals(List.of("m10"), all(store, "net"));
        assertEquals(1, store.size());
    }

    @Test
    void historyIsASnapshotNotALiveView() {
        InMemoryMessageStore store = new InMemoryMessageStore(10, 10);
        store.append("net", at(1));
        List<ChatMessage> before = store.history("net", Instant.EPOCH);
        store.append("net", at(2));
        assertEquals(List.of("m1"), ids(before));
    }

    @Test
    void purgeDropsOlderMessagesOfEveryNetworkAndCountsThem() {
        InMemoryMessageStore store = new InMemoryMessageStore(10, 10);
        store.append("a", at(10));
        store.append("a", at(20));
        store.append("b", at(5));
        store.append("b", at(30));
        assertEquals(2, store.purgeOlderThan(Instant.ofEpochSecond(15)));
        assertEquals(List.of("m20"), all(store, "a"));
        assertEquals(List.of("m30"), all(store, "b"));
        assertEquals(2, store.size());
    }

    @Test
    void purgeKeepsAMessageExactlyAtTheCutoff() {
        InMemoryMessageStore store = new InMemoryMessageStore(10, 10);
        store.append("net", at(15));
        assertEquals(0, store.purgeOlderThan(Instant.ofEpochSecond(15)));
        assertEquals(List.of("m15"), all(store, "net"));
    }

    @Test
    void aNetworkWhoseHistoryExpiredIsForgotten() {
        InMemoryMessageStore store = new InMemoryMessageStore(10, 10);
        store.append("net", at(5));
        store.purgeOlderThan(Instant.ofEpochSecond(15));
        assertFalse(store.hasHistory("net"));
        assertEquals(0, store.size());
    }

    @Test
    void aForgottenNetworkCanStartAFreshHistory() {
        InMemoryMessageStore store = new InMemoryMessageStore(10, 10);
        store.append("net", at(5));
        store.purgeOlderThan(Instant.ofEpochSecond(15));
        store.append("net", at(20));
        assertEquals(List.of("m20"), all(store, "net"));
        assertEquals(1, store.size());
    }

    @Test
    void sizeCountsEveryNetworkAndFollowsEvictionAndPurge() {
        InMemoryMessageStore store = new InMemoryMessageStore(2, 2);
        store.append("a", at(1));
        store.append("a", at(2));
        store.append("a", at(3)); // evicts m1
        store.append("b", at(4));
        assertEquals(3, store.size());
        store.purgeOlderThan(Instant.ofEpochSecond(4));
        assertEquals(1, store.size());
    }

    private static ChatMessage system(int second) {
        return new ChatMessage("s" + second, ChatMessage.Type.SYSTEM, null, null, "joined " + second,
                Instant.ofEpochSecond(second));
    }

    @Test
    void systemMessagesAreBoundedApartAndNeverPushUsersMessagesOut() {
        InMemoryMessageStore store = new InMemoryMessageStore(3, 2);
        store.append("net", at(1));
        store.append("net", system(2));
        store.append("net", at(3));
        for (int i = 4; i < 50; i++) {
            store.append("net", system(i));
        }
        assertEquals(List.of("m1", "m3", "s48", "s49"), store.history("net", Instant.EPOCH).stream()
                .map(ChatMessage::id).toList(), "in time order, the users' messages kept");
        assertEquals(4, store.size());
    }

    @Test
    void usersMessagesPushOutTheOldestUsersMessageNotASystemOne() {
        InMemoryMessageStore store = new InMemoryMessageStore(2, 2);
        store.append("net", system(1));
        store.append("net", at(2));
        store.append("net", at(3));
        store.append("net", at(4));
        assertEquals(List.of("s1", "m3", "m4"), store.history("net", Instant.EPOCH).stream().map(ChatMessage::id).toList());
    }

    @Test
    void aForgottenNetworkLosesItsHistoryAndItsCount() {
        InMemoryMessageStore store = new InMemoryMessageStore(5, 5);
        store.append("net", at(1));
        store.append("net", system(2));
        store.append("other", at(3));
        store.forget("net");
        assertFalse(store.hasHistory("net"));
        assertEquals(1, store.size());
    }
}
