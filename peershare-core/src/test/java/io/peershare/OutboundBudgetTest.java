package io.peershare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OutboundBudgetTest {

    private final OutboundBudget budget = new OutboundBudget(1_000, 400);

    @Test
    void aFrameToAClientWithNothingWaitingAlwaysGoesAndIsNotCounted() {
        OutboundBudget.Account account = budget.account();
        assertTrue(account.admit(0, 5_000), "larger than both limits, but nothing waits before it");
        assertEquals(0, budget.used());
    }

    @Test
    void aConnectionMayHoldUpToItsLimitAndNoMore() {
        OutboundBudget.Account account = budget.account();
        assertTrue(account.admit(100, 300));
        assertEquals(400, budget.used());
        assertFalse(account.admit(400, 1), "one byte past the per-connection limit");
        assertEquals(400, budget.used(), "a refusal takes nothing");
    }

    @Test
    void connectionsTogetherHoldUpToTheTotal() {
        OutboundBudget.Account first = budget.account();
        OutboundBudget.Account second = budget.account();
        OutboundBudget.Account third = budget.account();
        assertTrue(first.admit(100, 300));
        assertTrue(second.admit(100, 300));
        assertFalse(third.admit(100, 300), "1,200 would pass the total of 1,000");
        assertTrue(third.admit(100, 100), "1,000 is within it");
        assertEquals(1_000, budget.used());
    }

    @Test
    void readingAndClosingGiveBytesBack() {
        OutboundBudget.Account account = budget.account();
        account.admit(100, 200);
        account.settle(50);
        assertEquals(50, budget.used());
        account.close();
        assertEquals(0, budget.used());
        account.settle(300);
        assertTrue(account.admit(300, 300), "a closed account admits, its transport drops frames anyway");
        assertEquals(0, budget.used(), "and counts nothing after its close");
        account.close();
        assertEquals(0, budget.used(), "closing twice gives back once");
    }

    @Test
    void limitsAreCheckedWhenBuilt() {
        assertThrows(IllegalArgumentException.class, () -> new OutboundBudget(100, 0));
        assertThrows(IllegalArgumentException.class, () -> new OutboundBudget(100, 200));
    }
}
