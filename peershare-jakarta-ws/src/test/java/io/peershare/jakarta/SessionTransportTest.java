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

import io.peershare.Connection;
import io.peershare.PeerShare;
import io.peershare.protocol.CloseCodes;
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
        EndpointSettings settings = new EndpointSettings(mock(PeerShare.class), OriginPolicy.any(false),
                4, 65536, 60_000, Runnable::run);
        transport = new SessionTransport(session, settings, null, Map.of());
        transport.bind(connection);
    }

    private void completeOldest(SendResult result) {
        inFlight.remove(0).onResult(result);
    }

    @Test
    void keepsOneSendInFlightAndSendsTheRestInOrderAsEachCompletes() {
        transport.send("a");
        transport.send("b");
        transport.send("c");
        assertEquals(List.of("a"), sent, "a second concurrent send would make Tomcat throw");

        completeOldest(new SendResult());
        assertEquals(List.of("a", "b"), sent);
        completeOldest(new SendResult());
        completeOldest(new SendResult());
        assertEquals(List.of("a", "b", "c"), sent);
        assertTrue(inFlight.isEmpty());

        transport.send("d");
        assertEquals(List.of("a", "b", "c", "d"), sent, "an idle outbox sends at once");
    }

    @Test
    void sendsThatCompleteInlineDrainInALoopNotByRecursion() {
        completeInline = true;
        for (int i = 0; i < 100_000; i++) {
            transport.send(Integer.toString(i));
        }
        assertEquals(100_000, sent.size());
        assertEquals("99999", sent.get(sent.size() - 1));
    }

    @Test
    void aClientThatFallsBehindPastTheBoundIsClosedWithSlowConsumer() throws IOException {
        for (int i = 0; i < 4; i++) {
            transport.send("frame " + i);
        }
        verify(session, never()).close(any(CloseReason.class));

        transport.send("one too many");

        ArgumentCaptor<CloseReason> reason = ArgumentCaptor.forClass(CloseReason.class);
        verify(session).close(reason.capture());
        assertEquals(CloseCodes.SLOW_CONSUMER, reason.getValue().getCloseCode().getCode());
        verify(connection).closed();

        completeOldest(new SendResult());
        assertEquals(1, sent.size(), "nothing more is sent after the close");
    }

    @Test
    void aFailedSendClosesTheSession() throws IOException {
        transport.send("a");
        transport.send("b");
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
