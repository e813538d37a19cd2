package io.peershare.jakarta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.peershare.OutboundBudget;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The one outbound path in a Jakarta container, with the text and binary messages of a Socket.IO sink: sends are
 * completed by the test, not by a container.
 */
class SessionOutboxTest {

    private final Session session = mock(Session.class);
    private final RemoteEndpoint.Async remote = mock(RemoteEndpoint.Async.class);
    private final List<String> sent = new ArrayList<>();
    private final List<SendHandler> inFlight = new ArrayList<>();
    private final OutboundBudget budget = new OutboundBudget(100, 20);
    private final AtomicInteger overflows = new AtomicInteger();
    private final List<Throwable> failures = new ArrayList<>();
    private SessionOutbox outbox;

    @BeforeEach
    void setUp() {
        when(session.getAsyncRemote()).thenReturn(remote);
        doAnswer(call -> {
            sent.add("text " + call.getArgument(0));
            inFlight.add(call.getArgument(1));
            return null;
        }).when(remote).sendText(anyString(), any(SendHandler.class));
        doAnswer(call -> {
            ByteBuffer data = call.getArgument(0);
            sent.add("binary " + StandardCharsets.UTF_8.decode(data));
            inFlight.add(call.getArgument(1));
            return null;
        }).when(remote).sendBinary(any(ByteBuffer.class), any(SendHandler.class));
        outbox = new SessionOutbox(session, budget, overflows::incrementAndGet, failures::add);
    }

    private static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void textAndBinaryShareOneQueueAndOneSendInFlight() {
        outbox.sendText("a", 1);
        outbox.sendBinary(bytes("bb"));
        outbox.sendText("c", 1);
        assertEquals(List.of("text a"), sent);
        inFlight.remove(0).onResult(new SendResult());
        inFlight.remove(0).onResult(new SendResult());
        inFlight.remove(0).onResult(new SendResult());
        assertEquals(List.of("text a", "binary bb", "text c"), sent);
        assertEquals(0, budget.used(), "everything was read");
    }

    @Test
    void binaryCountsInTheBudgetLikeText() {
        outbox.sendText("first", 5);
        outbox.sendBinary(bytes("x".repeat(10)));
        assertEquals(15, budget.used());
        outbox.sendBinary(bytes("y".repeat(10))); // 25 behind a client whose share is 20
        assertEquals(1, overflows.get(), "a slow reader, once");
        assertEquals(List.of("text first"), sent);
    }

    @Test
    void aFailedSendClosesTheOutboxAndIsReportedOnce() {
        outbox.sendText("a", 1);
        outbox.sendText("b", 1);
        IOException broken = new IOException("broken pipe");
        inFlight.remove(0).onResult(new SendResult(broken));
        assertEquals(List.of(broken), failures);
        assertTrue(outbox.isClosed());
        assertEquals(List.of("text a"), sent, "nothing more is sent to a broken session");
        outbox.sendText("c", 1);
        assertEquals(List.of("text a"), sent);
        assertEquals(0, budget.used(), "its bytes went back");
    }
}
