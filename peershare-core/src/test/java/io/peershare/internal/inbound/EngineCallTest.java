package io.peershare.internal.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EngineCallTest {

    @Test
    void aCloseFromInsideACallWaitsForTheOutermostCallToReturn() {
        List<String> order = new ArrayList<>();
        EngineCall.run(() -> {
            EngineCall.run(() -> EngineCall.closeSoon(() -> order.add("close")));
            order.add("inner returned");
        });
        order.add("outer returned");
        assertEquals(List.of("inner returned", "close", "outer returned"), order);
    }

    @Test
    void aCloseDeferredByACallThatThrowsStillRunsAndTheNextCallStartsClean() {
        List<String> order = new ArrayList<>();
        assertThrows(IllegalStateException.class, () -> EngineCall.run(() -> {
            EngineCall.closeSoon(() -> order.add("close"));
            throw new IllegalStateException("engine bug");
        }));
        assertEquals(List.of("close"), order);
        EngineCall.closeSoon(() -> order.add("outside any call"));
        assertEquals(List.of("close", "outside any call"), order, "no call is left open on the thread");
    }
}
