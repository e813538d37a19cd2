package io.peershare.socketio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peershare.OutboundBudget;
import io.peershare.socketio.EngineIoSession.Refusal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EngineIoSessionTest {

    /** The conformance suites' figures: a ping every 300 ms, 200 ms for the pong. */
    private static final EngineIoSettings FAST = new EngineIoSettings(300, 200, 1_000, 16);

    /** 1 KiB for each client, 4 KiB in all. */
    private final OutboundBudget budget = new OutboundBudget(4096, 1024);
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
    }, budget.account(), 0);

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
        assertEquals(Refusal.NONE, session.poll(poll, 0));
        assertNull(poll.body, "nothing to say yet");
        session.send("2[\"a\"]");
        assertEquals("42[\"a\"]", poll.body);

        session.send("2[\"b\"]");
        session.send("2[\"c\"]");
        HeldPoll next = new HeldPoll();
        session.poll(next, 0);
        assertEquals("42[\"b\"]\u001e42[\"c\"]", next.body);
        assertEquals(0, session.waitingBytes());
    }

    @Test
    void aSecondConcurrentPollEndsTheSession() {
        HeldPoll first = new HeldPoll();
        session.poll(first, 0);
        assertEquals(Refusal.CONCURRENT_POLL, session.poll(new HeldPoll(), 0));
        assertEquals("1", first.body, "the held poll learns the session closed");
        assertEquals(List.of("transport error"), closes);
        assertEquals(Refusal.CLOSED, session.poll(new HeldPoll(), 0));
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
        session.poll(poll, 0);
        session.tick(299);
        assertNull(poll.body);
        session.tick(300);
        assertEquals("2", poll.body, "a ping at the interval");

        session.post("3", 350);
        session.tick(649);
        HeldPoll next = new HeldPoll();
        session.poll(next, 360);
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
        session.poll(poll, 0);
        session.post("1", 10);
        assertEquals("6", poll.body);
        assertEquals(List.of("transport close"), closes);
    }

    @Test
    void whatWaitsStillGoesWhenTheServerCloses() {
        session.send("1");
        session.close("forced close");
        HeldPoll last = new HeldPoll();
        assertEquals(Refusal.NONE, session.poll(last, 0));
        assertEquals("41\u001e1", last.body, "the DISCONNECT, then the close");
        assertEquals(Refusal.CLOSED, session.poll(new HeldPoll(), 0), "then the session is gone");
    }

    @Test
    void aHeldPollGetsWhatWaitsAndTheClose() {
        HeldPoll poll = new HeldPoll();
        session.poll(poll, 0);
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
        }, budget.account(), 0);
        watched.poll(new HeldPoll(), 0);
        watched.tick(300); // the ping, taken by the held poll
        watched.post("3", 310);
        assertEquals(List.of("pong"), pongs);
    }

    @Test
    void aPongNobodyAskedForPutsNothingOff() {
        HeldPoll poll = new HeldPoll();
        session.poll(poll, 0);
        session.tick(300);
        assertEquals("2", poll.body, "the ping");
        session.post("3", 310); // its answer
        for (int t = 320; t < 600; t += 10) {
            session.post("3", t); // and pongs nobody asked for, with no poll
        }
        session.tick(600);
        assertTrue(session.isOpen());
        HeldPoll next = new HeldPoll();
        session.poll(next, 600);
        session.tick(610);
        assertEquals("2", next.body, "the next ping came an interval after the answer, not after the last pong");
        session.tick(809);
        assertTrue(session.isOpen());
        session.tick(810);
        assertEquals(List.of("ping timeout"), closes, "the pongs did not put the deadline off");
    }

    @Test
    void aPongForAPingStillWaitingInTheOutboxDoesNotCount() {
        session.tick(300); // the ping waits: nobody polls
        session.post("3", 310);
        session.tick(499);
        assertTrue(session.isOpen());
        session.tick(500);
        assertEquals(List.of("ping timeout"), closes, "a client cannot answer a ping it never received");
    }

    @Test
    void aClientThatStopsPollingEndsWhateverItPosts() {
        HeldPoll poll = new HeldPoll();
        session.poll(poll, 0);
        session.send("2[\"a\"]"); // answered at 0; the client never polls again
        for (int t = 50; t < 500; t += 50) {
            session.post("42[\"still here\"]", t);
            assertTrue(session.isOpen(), "within the ping interval plus the ping timeout");
        }
        session.tick(500);
        assertEquals(List.of("ping timeout"), closes, "500 ms after its last poll");
    }

    @Test
    void aHeldPollKeepsTheSessionAlive() {
        HeldPoll poll = new HeldPoll();
        session.poll(poll, 0);
        session.tick(300);
        session.post("3", 310);
        HeldPoll next = new HeldPoll();
        session.poll(next, 320);
        session.tick(1_000); // held since 320, answered by nothing: the client is polling
        assertTrue(session.isOpen());
    }

    @Test
    void whatWaitsForAPollIsHeldToTheBudgetAndASlowClientEnds() {
        HeldPoll poll = new HeldPoll();
        session.poll(poll, 0);
        session.send("2[\"first\"]");
        assertEquals(0, budget.used(), "taken at once: nothing waits");
        String big = "2[\"" + "x".repeat(300) + "\"]";
        session.send(big); // nobody polls now: the first frame to wait passes, uncounted
        session.send(big);
        assertEquals(session.waitingBytes(), budget.used(), "what waits counts in the engine's total");
        assertTrue(budget.used() > 300 && budget.used() <= 1024);
        session.send(big);
        session.send(big);
        assertEquals(List.of(EngineIoSession.SLOW_CONSUMER), closes, "over the client's share");
        assertEquals(0, budget.used(), "its bytes went back");
        assertEquals(0, session.waitingBytes());
    }

    @Test
    void whatWaitsIsCountedInBytesOfUtf8() {
        session.send("2[\"\u00e9\u20ac\ud83d\ude00\"]"); // é, €, 😀: 2 + 3 + 4 bytes
        session.send("2[\"\u00e9\u20ac\ud83d\ude00\"]");
        assertEquals(2 * (2 + 5 + 9), session.waitingBytes()); // type, separator, ASCII, the rest
    }

    @Test
    void aFarewellCountsUntilItsPollTakesIt() {
        session.send("2[\"bye\"]");
        session.send("2[\"bye\"]");
        session.close(EngineIoSession.FORCED_CLOSE);
        assertTrue(budget.used() > 0, "kept for the last poll, and counted");
        session.poll(new HeldPoll(), 10);
        assertEquals(0, budget.used());
    }

    @Test
    void aReleasedSessionGivesItsBytesBack() {
        session.send("2[\"bye\"]");
        session.send("2[\"bye\"]");
        session.close(EngineIoSession.FORCED_CLOSE);
        session.release();
        assertEquals(0, budget.used());
    }

    @Test
    void aPollThatArrivesJustAfterTheClientsCloseGetsItsNoop() {
        session.post("1", 10);
        HeldPoll late = new HeldPoll();
        assertEquals(Refusal.NONE, session.poll(late, 0));
        assertEquals("6", late.body);
        assertEquals(Refusal.CLOSED, session.poll(new HeldPoll(), 0));
    }

    @Test
    void aPingFromTheClientBreaksTheProtocol() {
        session.post("2", 10);
        assertEquals(List.of("transport error"), closes);
    }

    @Test
    void theUpgradeProbesThenMovesTheSessionToTheWebSocket() {
        HeldPoll poll = new HeldPoll();
        session.poll(poll, 0);
        Socket socket = new Socket();
        session.webSocketText(socket, "2probe", 10);
        assertEquals(List.of("3probe"), socket.sent);
        assertEquals("6", poll.body, "the pending poll ends so that the client can upgrade");

        session.send("2[\"while upgrading\"]");
        session.webSocketText(socket, "5", 20);
        assertEquals(List.of("3probe", "42[\"while upgrading\"]"), socket.sent, "what waited goes on the socket");
        assertTrue(session.isOnWebSocket());
        assertEquals(Refusal.CLOSED, session.poll(new HeldPoll(), 0), "no more polling once upgraded");

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
        session.poll(late, 0);
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
