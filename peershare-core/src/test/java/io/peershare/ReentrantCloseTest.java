package io.peershare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.peershare.spi.Connection;
import io.peershare.testing.FakeTransport;
import io.peershare.testing.TestClient;
import jakarta.json.Json;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Transports may report a close from inside the engine's send (containers that run onClose on the sending
 * thread). The engine sends under a transfer's monitor and under a network's monitor; a close handled inline
 * in both places at once would take those monitors in opposite orders.
 */
class ReentrantCloseTest {

    /** Reports its connection closed from inside the send of the first frame containing {@code trigger}. */
    private static final class ClosingTransport extends FakeTransport {
        private final String trigger;
        private final CyclicBarrier meet;
        private final AtomicBoolean armed;
        private final AtomicReference<Connection> connection = new AtomicReference<>();
        private final AtomicBoolean fired = new AtomicBoolean();

        ClosingTransport(String trigger, CyclicBarrier meet, AtomicBoolean armed) {
            super("192.168.1.10");
            this.trigger = trigger;
            this.meet = meet;
            this.armed = armed;
        }

        @Override
        public void send(io.peershare.protocol.OutboundFrame frame) {
            super.send(frame);
            if (armed.get() && frame.text().contains(trigger) && fired.compareAndSet(false, true)) {
                try {
                    // Both threads are now inside a send, each holding the engine lock its event needs.
                    meet.await(5, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException("the two sends never met", e);
                }
                connection.get().closed();
            }
        }
    }

    @Test
    void closesReportedInsideSendsMadeUnderATransferAndUnderANetworkDoNotDeadlock() {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            // No resume grace: the leave, which takes network and transfer monitors, runs from inside the sends.
            try (EngineFixture fx = new EngineFixture(c -> c.resumeGrace(Duration.ZERO))) {
                CyclicBarrier meet = new CyclicBarrier(2);
                AtomicBoolean armed = new AtomicBoolean();
                ClosingTransport aliceTransport = new ClosingTransport("file-transfer-accepted", meet, armed);
                ClosingTransport bobTransport = new ClosingTransport("\"text\":\"trigger\"", meet, armed);
                TestClient alice = new TestClient(fx.engine, aliceTransport);
                aliceTransport.connection.set(alice.connection());
                TestClient bob = new TestClient(fx.engine, bobTransport);
                bobTransport.connection.set(bob.connection());
                alice.join("Home", "Alice");
                bob.join("Home", "Bob");
                TestClient carol = fx.client().join("Home", "Carol");
                alice.send("initiate-file-transfer", Json.createObjectBuilder().add("to", bob.peerId())
                        .add("fileName", "a.bin").add("fileSize", 10));
                String transferId = alice.last("file-transfer-initiated").getJsonObject("data").getString("transferId");
                armed.set(true);

                // Accepting sends under the transfer's monitor; Alice's transport closes inside that send, and her
                // leaving needs the network's monitor.
                Thread accept = new Thread(() -> bob.send("accept-file-transfer",
                        Json.createObjectBuilder().add("transferId", transferId)));
                // Chat is broadcast under the network's monitor; Bob's transport closes inside that send, and his
                // leaving fails his open transfer under the transfer's monitor.
                Thread chat = new Thread(() -> carol.chat("trigger"));
                accept.start();
                chat.start();
                accept.join();
                chat.join();

                assertEquals(List.of(carol.peerId()), carol.visiblePeers(), "both left, at once");
            }
        });
    }

    /**
     * A transport that refuses a frame (a slow reader) reports the close from inside the send, so the engine defers
     * it; the socket may then go, and be reported as a plain close from another thread, before the deferred close
     * runs. The close is still counted for the reason the transport gave.
     */
    @Test
    void aTransportCloseIsCountedEvenWhenTheSocketGoesBeforeTheDeferredCloseRuns() {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
        try (EngineFixture fx = new EngineFixture()) {
            AtomicReference<Connection> connection = new AtomicReference<>();
            AtomicReference<Thread> socketGone = new AtomicReference<>();
            FakeTransport refusing = new FakeTransport("192.168.1.10") {
                @Override
                public void send(io.peershare.protocol.OutboundFrame frame) {
                    if (!frame.text().contains("\"text\":\"overflow\"")) {
                        super.send(frame);
                        return;
                    }
                    connection.get().closedByTransport(io.peershare.protocol.CloseCodes.SLOW_CONSUMER);
                    // The socket goes on another thread; it waits for the network this send holds, having claimed
                    // the close first.
                    Thread gone = new Thread(() -> connection.get().closed());
                    socketGone.set(gone);
                    gone.start();
                    while (gone.isAlive() && gone.getState() != Thread.State.BLOCKED
                            && gone.getState() != Thread.State.WAITING) {
                        Thread.onSpinWait();
                    }
                }
            };
            TestClient slow = new TestClient(fx.engine, refusing);
            connection.set(slow.connection());
            slow.join("Home", "Slow");
            TestClient carol = fx.client().join("Home", "Carol");

            carol.chat("overflow");
            socketGone.get().join();
            fx.graceEnds();

            assertEquals(List.of(carol.peerId()), carol.visiblePeers(), "the slow reader left");
            assertEquals(1L, fx.engine.stats().closes().get("slowConsumer"), () -> "counted as a slow consumer: "
                    + fx.engine.stats().closes());
        }
        });
    }
}
