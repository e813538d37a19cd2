package io.peershare.socketio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peershare.socketio.EngineIoSession.Refusal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EngineIoSessionTest {

    /** The conformance suites' figures: a ping every 300 ms, 200 ms for the pong. */
    private static final EngineIoSettings FAST = new EngineIoSettings(300, 200, 1_000, 16);

    private final List<String> messages = new ArrayList<>();
    private final List<String> closes = new ArrayList<>();
    private final EngineIoSession session = new EngineIoSession("sid1", FAST, new EngineIoSession.Listener() {
        @Override
        public void onMessage(EngineIoSession s, String text) {
            messages.add(text);
        }

        @Override
        public void onBinary(EngineIoSession s, byte[] data) {
            messages.add("binary:" + data.length);
        }

        @Override
        public void onClose(EngineIoSession s, String reason) {
            closes.add(reason);
        }
    }, 0);

    /** A poll that remembers its answer. */
    private static final class HeldPoll implements EngineIoSession.Poll {
        String body;

        @Override
        public void respond(String text) {
            if (body != null) {
                throw new AssertionError("a poll answered twice");
            }
            body = text;
        }
    }

    private static final class Socket implements EngineIoSession.WebSocketSink {
        final List<String> sent = new ArrayList<>();
        boolean closed;

        @Override
        public void send(String text) {
            sent.add(text);
        }

        @Override
        public void sendBinary(byte[] data) {
            sent.add("binary:" + data.length);
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void theOpenPacketAnnouncesTheSessionAndItsFigures() {
        assertEquals("0{\"sid\":\"sid1\",\"upgrades\":[\"websocket\"],\"pingInterval\":300,\"pingTimeout\":200,"
                + "\"maxPayload\":1000}", session.openPacket(false));
        assertTrue(session.openPacket(true).contains("\"upgrades\":[]"), "no upgrade from WebSocket");
    }

    @Test
    void aPollWaitsForPacketsAndTakesAllThatWait() {
        HeldPoll poll = new HeldPoll();
        assertEquals(Refusal.NONE, session.poll(poll));
        assertNull(poll.body, "nothing to say yet");
        session.send("2[\"a\"]");
        assertEquals("42[\"a\"]", poll.body);

        session.send("2[\"b\"]");
        session.send("2[\"c\"]");
        HeldPoll next = new HeldPoll();
        session.poll(next);
        assertEquals("42[\"b\"]\u001e42[\"c\"]", next.body);
        assertEquals(0, session.waitingChars());
    }

    @Test
    void aSecondConcurrentPollEndsTheSession() {
        HeldPoll first = new HeldPoll();
        session.poll(first);
        assertEquals(Refusal.CONCURRENT_POLL, session.poll(new HeldPoll()));
        assertEquals("1", first.body, "the held poll learns the session closed");
        assertEquals(List.of("transport error"), closes);
        assertEquals(Refusal.CLOSED, session.poll(new HeldPoll()));
    }

    @Test
    void postsCarryMessagesInOrder() {
        assertEquals(Refusal.NONE, session.post("40\u001e42[\"x\",1]", 10));
        assertEquals(List.of("0", "2[\"x\",1]"), messages);
    }

    @Test
    void aPostOverTheLimitIsRefusedAndTheSessionLives() {
        assertEquals(Refusal.PAYLOAD_TOO_LARGE, session.post("4" + "x".repeat(1_000), 10));
        assertTrue(session.isOpen());
        assertTrue(messages.isEmpty());
    }

    @Test
    void aMalformedPostEndsTheSession() {
        assertEquals(Refusal.MALFORMED, session.post("4a\u001e9", 10));
        assertEquals(List.of("parse error"), closes);
    }

    @Test
    void pingsComeEveryIntervalAfterThePongAndALatePongEndsTheSession() {
        HeldPoll poll = new HeldPoll();
        session.poll(poll);
        session.tick(299);
        assertNull(poll.body);
        session.tick(300);
        assertEquals("2", poll.body, "a ping at the interval");

        session.post("3", 350);
        session.tick(649);
        HeldPoll next = new HeldPoll();
        session.poll(next);
        assertNull(next.body, "the next ping is an interval after the pong");
        session.tick(650);
        assertEquals("2", next.body);

        session.tick(849);
        assertTrue(session.isOpen());
        session.tick(850);
        assertEquals(List.of("ping timeout"), closes, "no pong within the timeout");
    }

    @Test
    void aCloseFromTheClientEndsThePendingPollWithANoop() {
        HeldPoll poll = new HeldPoll();
        session.poll(poll);
        session.post("1", 10);
        assertEquals("6", poll.body);
        assertEquals(List.of("transport close"), closes);
    }

    @Test
    void whatWaitsStillGoesWhenTheServerCloses() {
        session.send("1");
        session.close("forced close");
        HeldPoll last = new HeldPoll();
        assertEquals(Refusal.NONE, session.poll(last));
        assertEquals("41\u001e1", last.body, "the DISCONNECT, then the close");
        assertEquals(Refusal.CLOSED, session.poll(new HeldPoll()), "then the session is gone");
    }

    @Test
    void aHeldPollGetsWhatWaitsAndTheClose() {
        HeldPoll poll = new HeldPoll();
        session.poll(poll);
        session.close("forced close");
        assertEquals("1", poll.body);
    }

    @Test
    void aPongIsToldToTheListener() {
        List<String> pongs = new ArrayList<>();
        EngineIoSession watched = new EngineIoSession("sid2", FAST, new EngineIoSession.Listener() {
            @Override
            public void onMessage(EngineIoSession s, String text) {
            }

            @Override
            public void onBinary(EngineIoSession s, byte[] data) {
            }

            @Override
            public void onClose(EngineIoSession s, String reason) {
            }

            @Override
            public void onPong(EngineIoSession s) {
                pongs.add("pong");
            }
        }, 0);
        watched.tick(300);
        watched.post("3", 310);
        assertEquals(List.of("pong"), pongs);
    }

    @Test
    void aPollThatArrivesJustAfterTheClientsCloseGetsItsNoop() {
        session.post("1", 10);
        HeldPoll late = new HeldPoll();
        assertEquals(Refusal.NONE, session.poll(late));
        assertEquals("6", late.body);
        assertEquals(Refusal.CLOSED, session.poll(new HeldPoll()));
    }

    @Test
    void aPingFromTheClientBreaksTheProtocol() {
        session.post("2", 10);
        assertEquals(List.of("transport error"), closes);
    }

    @Test
    void theUpgradeProbesThenMovesTheSessionToTheWebSocket() {
        HeldPoll poll = new HeldPoll();
        session.poll(poll);
        Socket socket = new Socket();
        session.webSocketText(socket, "2probe", 10);
        assertEquals(List.of("3probe"), socket.sent);
        assertEquals("6", poll.body, "the pending poll ends so that the client can upgrade");

        session.send("2[\"while upgrading\"]");
        session.webSocketText(socket, "5", 20);
        assertEquals(List.of("3probe", "42[\"while upgrading\"]"), socket.sent, "what waited goes on the socket");
        assertTrue(session.isOnWebSocket());
        assertEquals(Refusal.CLOSED, session.poll(new HeldPoll()), "no more polling once upgraded");

        session.webSocketText(socket, "42[\"y\"]", 30);
        assertEquals(List.of("2[\"y\"]"), messages);
        session.webSocketClosed(socket);
        assertEquals(List.of("transport close"), closes);
    }

    @Test
    void aPollThatComesAfterTheProbeEndsAtOnce() {
        Socket socket = new Socket();
        session.webSocketText(socket, "2probe", 10); // no poll held at this moment
        session.send("2[\"for the socket\"]");
        HeldPoll late = new HeldPoll();
        session.poll(late);
        assertEquals("6", late.body, "the client may pause polling and upgrade");
        session.webSocketText(socket, "5", 20);
        assertEquals(List.of("3probe", "42[\"for the socket\"]"), socket.sent);
    }

    @Test
    void aSocketThatDoesNotProbeIsClosedAndTheSessionCarriesOn() {
        Socket socket = new Socket();
        session.webSocketText(socket, "42[\"sneaky\"]", 10);
        assertTrue(socket.closed);
        assertTrue(messages.isEmpty());
        assertTrue(session.isOpen());
        assertFalse(session.isOnWebSocket());
    }

    @Test
    void aSessionStartedOnAWebSocketPingsThere() {
        Socket socket = new Socket();
        session.attachWebSocket(socket);
        session.tick(300);
        assertEquals(List.of("2"), socket.sent);
        session.webSocketText(socket, "3", 320);
        session.tick(619);
        assertEquals(1, socket.sent.size());
        session.tick(620);
        assertEquals(2, socket.sent.size());
    }
}
