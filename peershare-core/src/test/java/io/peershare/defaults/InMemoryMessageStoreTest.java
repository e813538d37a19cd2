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

    // --- bytes

    /** A message of {@code chars} characters of text; its bytes are {@link InMemoryMessageStore#bytesOf}. */
    private static ChatMessage sized(String id, int second, int chars) {
        return new ChatMessage(id, ChatMessage.Type.USER, "p", "Al", "x".repeat(chars), Instant.ofEpochSecond(second));
    }

    @Test
    void aMessageCostsTwoBytesACharacterAndItsOverhead() {
        ChatMessage m = sized("m01", 1, 100);
        assertEquals(2L * (3 + 100 + 1 + 2) + InMemoryMessageStore.MESSAGE_OVERHEAD, InMemoryMessageStore.bytesOf(m));
        ChatMessage system = new ChatMessage("s1", ChatMessage.Type.SYSTEM, null, null, "Al joined", Instant.EPOCH);
        assertEquals(2L * (2 + 9) + InMemoryMessageStore.MESSAGE_OVERHEAD, InMemoryMessageStore.bytesOf(system));
    }

    @Test
    void aNetworkKeepsItsBytesDroppingItsOldestMessages() {
        long one = InMemoryMessageStore.bytesOf(sized("m01", 1, 1000));
        InMemoryMessageStore store = new InMemoryMessageStore(1000, 100, 3 * one, 100 * one);
        for (int i = 1; i <= 5; i++) {
            store.append("net", sized(String.format("m%02d", i), i, 1000));
        }
        assertEquals(List.of("m03", "m04", "m05"), all(store, "net"));
        assertEquals(3 * one, store.bytes());
        assertEquals(3, store.size());
    }

    @Test
    void aMessageLargerThanTheNetworksBytesIsStillKeptAlone() {
        InMemoryMessageStore store = new InMemoryMessageStore(1000, 100, 500, 10_000);
        store.append("net", sized("small", 1, 10));
        store.append("net", sized("big", 2, 1000));
        assertEquals(List.of("big"), all(store, "net"), "the newest message is always kept");
    }

    @Test
    void pastTheTotalTheHistoryOfNetworksNobodyIsInGoesFirstTheOneLeftLongestAgoFirst() {
        long one = InMemoryMessageStore.bytesOf(sized("a01", 1, 1000));
        InMemoryMessageStore store = new InMemoryMessageStore(1000, 100, 6 * one, 6 * one);
        store.append("left-first", sized("a01", 1, 1000));
        store.append("left-first", sized("a02", 2, 1000));
        store.append("left-second", sized("b01", 3, 1000));
        store.append("lived-in", sized("c01", 4, 1000));
        store.append("lived-in", sized("c02", 5, 1000));
        store.occupancyChanged("lived-in", true);
        store.occupancyChanged("left-second", false);
        store.occupancyChanged("left-first", true);
        store.occupancyChanged("left-first", false); // left again, after left-second
        store.occupancyChanged("left-second", true);
        store.occupancyChanged("left-second", false);
        store.append("lived-in", sized("c03", 6, 1000)); // six: at the bound
        assertEquals(6 * one, store.bytes());
        store.append("lived-in", sized("c04", 7, 1000)); // seven: one network left goes, whole
        assertFalse(store.hasHistory("left-first"), "left longest ago: its whole history went");
        assertEquals(List.of("b01"), all(store, "left-second"));
        assertEquals(List.of("c01", "c02", "c03", "c04"), all(store, "lived-in"), "a network with people is untouched");
        assertEquals(5 * one, store.bytes());
        assertEquals(5, store.size());
    }

    @Test
    void withNobodyLeftToEvictTheNetworkThatHoldsTheMostLosesItsOldestMessages() {
        long one = InMemoryMessageStore.bytesOf(sized("a01", 1, 1000));
        InMemoryMessageStore store = new InMemoryMessageStore(1000, 100, 16 * one, 16 * one);
        store.occupancyChanged("small", true);
        store.occupancyChanged("large", true);
        store.append("small", sized("s01", 1, 1000));
        store.append("small", sized("s02", 2, 1000));
        for (int i = 1; i <= 14; i++) {
            store.append("large", sized(String.format("l%02d", i), 2 + i, 1000));
        }
        assertEquals(16 * one, store.bytes());
        store.append("small", sized("s03", 20, 1000)); // past the total: trimmed to 15/16 of it
        assertEquals(List.of("s01", "s02", "s03"), all(store, "small"), "the small network keeps all it has");
        assertEquals(15 * one, store.bytes());
        assertEquals("l03", all(store, "large").get(0), "the large one lost its two oldest");
    }

    @Test
    void purgeAndForgetGiveTheirBytesBack() {
        long one = InMemoryMessageStore.bytesOf(sized("a01", 1, 100));
        InMemoryMessageStore store = new InMemoryMessageStore(1000, 100, 100 * one, 1000 * one);
        store.append("a", sized("a01", 1, 100));
        store.append("a", sized("a02", 5, 100));
        store.append("b", sized("b01", 1, 100));
        assertEquals(3 * one, store.bytes());
        store.purgeOlderThan(Instant.ofEpochSecond(2));
        assertEquals(one, store.bytes());
        store.forget("a");
        assertEquals(0, store.bytes());
        assertEquals(0, store.size());
    }

    @Test
    void aNetworkThatComesBackIsNoLongerFirstToGo() {
        long one = InMemoryMessageStore.bytesOf(sized("a01", 1, 1000));
        InMemoryMessageStore store = new InMemoryMessageStore(1000, 100, 8 * one, 8 * one);
        store.append("back", sized("a01", 1, 1000));
        store.occupancyChanged("back", false);
        store.occupancyChanged("back", true); // someone came back
        for (int i = 1; i <= 8; i++) {
            store.append("other", sized(String.format("b%02d", i), 1 + i, 1000)); // the eighth passes the total
        }
        assertEquals(List.of("a01"), all(store, "back"), "not evicted: someone is in it");
        assertEquals("b03", all(store, "other").get(0), "the largest lost its oldest, down to 15/16 of the total");
        assertEquals(7 * one, store.bytes());
    }
}
