package io.peershare.jakarta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.peershare.AllowedOrigins;
import io.peershare.OutboundBudget;
import io.peershare.PeerShare;
import io.peershare.protocol.CloseCodes;
import io.peershare.protocol.OutboundFrame;
import io.peershare.spi.Connection;
import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/** The outbox, deterministically: sends are completed by the test, not by a container. */
class SessionTransportTest {

    private final Session session = mock(Session.class);
    private final RemoteEndpoint.Async remote = mock(RemoteEndpoint.Async.class);
    private final Connection connection = mock(Connection.class);
    private final List<String> sent = new ArrayList<>();
    private final List<SendHandler> inFlight = new ArrayList<>();
    private boolean completeInline;
    /** 32 bytes per connection, 40 in all: four seven-byte frames fit one connection, not two connections' worth. */
    private final OutboundBudget budget = new OutboundBudget(40, 32);
    private EndpointSettings settings;
    private SessionTransport transport;

    @BeforeEach
    void setUp() {
        when(session.getAsyncRemote()).thenReturn(remote);
        doAnswer(call -> {
            sent.add(call.getArgument(0));
            SendHandler handler = call.getArgument(1);
            if (completeInline) {
                handler.onResult(new SendResult());
            } else {
                inFlight.add(handler);
            }
            return null;
        }).when(remote).sendText(anyString(), any(SendHandler.class));
        PeerShare engine = mock(PeerShare.class);
        when(engine.outboundBudget()).thenReturn(budget);
        settings = new EndpointSettings(engine, AllowedOrigins.any(), 65536, 60_000, Runnable::run);
        transport = new SessionTransport(session, settings, null, Map.of());
        transport.bind(connection);
    }

    private void completeOldest(SendResult result) {
        inFlight.remove(0).onResult(result);
    }

    @Test
    void keepsOneSendInFlightAndSendsTheRestInOrderAsEachCompletes() {
        transport.send(OutboundFrame.ofText("a"));
        transport.send(OutboundFrame.ofText("b"));
        transport.send(OutboundFrame.ofText("c"));
        assertEquals(List.of("a"), sent, "a second concurrent send would make Tomcat throw");

        completeOldest(new SendResult());
        assertEquals(List.of("a", "b"), sent);
        completeOldest(new SendResult());
        completeOldest(new SendResult());
        assertEquals(List.of("a", "b", "c"), sent);
        assertTrue(inFlight.isEmpty());

        transport.send(OutboundFrame.ofText("d"));
        assertEquals(List.of("a", "b", "c", "d"), sent, "an idle outbox sends at once");
    }

    @Test
    void sendsThatCompleteInlineDrainInALoopNotByRecursion() {
        completeInline = true;
        for (int i = 0; i < 100_000; i++) {
            transport.send(OutboundFrame.ofText(Integer.toString(i)));
        }
        assertEquals(100_000, sent.size());
        assertEquals("99999", sent.get(sent.size() - 1));
    }

    @Test
    void aClientThatFallsBehindPastItsBytesIsClosedWithSlowConsumerAndCounted() throws IOException {
        for (int i = 0; i < 4; i++) {
            transport.send(OutboundFrame.ofText("frame " + i)); // 7 bytes each: 28 of 32
        }
        verify(session, never()).close(any(CloseReason.class));
        assertEquals(28, budget.used());

        transport.send(OutboundFrame.ofText("one too many"));

        ArgumentCaptor<CloseReason> reason = ArgumentCaptor.forClass(CloseReason.class);
        verify(session).close(reason.capture());
        assertEquals(CloseCodes.SLOW_CONSUMER, reason.getValue().getCloseCode().getCode());
        verify(connection).closedByTransport(CloseCodes.SLOW_CONSUMER);
        assertEquals(0, budget.used(), "its bytes went back to the budget");

        completeOldest(new SendResult());
        assertEquals(1, sent.size(), "nothing more is sent after the close");
        assertEquals(0, budget.used());
    }

    @Test
    void bytesGoBackToTheBudgetAsTheClientReads() {
        transport.send(OutboundFrame.ofText("frame 0"));
        transport.send(OutboundFrame.ofText("frame 1"));
        assertEquals(14, budget.used());
        completeOldest(new SendResult());
        assertEquals(7, budget.used());
        completeOldest(new SendResult());
        assertEquals(0, budget.used());
    }

    @Test
    void theBudgetAcrossConnectionsClosesTheClientWhoseFrameWouldHaveToWaitPastIt() throws IOException {
        for (int i = 0; i < 4; i++) {
            transport.send(OutboundFrame.ofText("frame " + i)); // 28 of the 40
        }
        Session otherSession = mock(Session.class);
        RemoteEndpoint.Async otherRemote = mock(RemoteEndpoint.Async.class);
        when(otherSession.getAsyncRemote()).thenReturn(otherRemote);
        Connection otherConnection = mock(Connection.class);
        SessionTransport other = new SessionTransport(otherSession, settings, null, Map.of());
        other.bind(otherConnection);

        other.send(OutboundFrame.ofText("first 0")); // nothing waiting for it: always goes (35 of 40)
        verify(otherRemote).sendText(anyString(), any(SendHandler.class));
        other.send(OutboundFrame.ofText("second1")); // would wait behind the first, past the 40

        verify(otherConnection).closedByTransport(CloseCodes.SLOW_CONSUMER);
        verify(session, never()).close(any(CloseReason.class));
        assertEquals(28, budget.used(), "the first connection keeps its share");
    }

    @Test
    void aFailedSendClosesTheSession() throws IOException {
        transport.send(OutboundFrame.ofText("a"));
        transport.send(OutboundFrame.ofText("b"));
        completeOldest(new SendResult(new IOException("broken pipe")));

        ArgumentCaptor<CloseReason> reason = ArgumentCaptor.forClass(CloseReason.class);
        verify(session).close(reason.capture());
        assertEquals(CloseCodes.INTERNAL_ERROR, reason.getValue().getCloseCode().getCode());
        assertEquals(List.of("a"), sent);
    }

    @Test
    void closeIsIdempotentAndReasonsFitTheProtocolLimit() throws IOException {
        transport.close(4000, "é".repeat(100));
        transport.close(4000, "again");

        ArgumentCaptor<CloseReason> reason = ArgumentCaptor.forClass(CloseReason.class);
        verify(session).close(reason.capture());
        int bytes = reason.getValue().getReasonPhrase().getBytes(StandardCharsets.UTF_8).length;
        assertTrue(bytes <= 123, "close reasons are at most 123 bytes, was " + bytes);
        assertEquals("é".repeat(61), reason.getValue().getReasonPhrase());
    }
}
