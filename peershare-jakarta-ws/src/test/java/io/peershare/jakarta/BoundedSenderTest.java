package io.peershare.jakarta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peershare.OutboundBudget;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Jakarta outbound queue, deterministically: a fake wire the test completes inline or later. */
class BoundedSenderTest {

    /** 32 bytes per connection, 40 in all. */
    private final OutboundBudget budget = new OutboundBudget(40, 32);
    private final List<Object> written = new ArrayList<>();
    private final List<SendHandler> inFlight = new ArrayList<>();
    private final List<String> told = new ArrayList<>();
    private boolean completeInline;
    private int depth;
    private int maxDepth;

    private final BoundedSender.Wire wire = (frame, done) -> {
        depth++;
        maxDepth = Math.max(maxDepth, depth);
        try {
            written.add(frame instanceof BoundedSender.Text t ? t.text() : ((BoundedSender.Binary) frame).data());
            if (completeInline) {
                done.onResult(new SendResult());
            } else {
                inFlight.add(done);
            }
        } finally {
            depth--;
        }
    };

    private final BoundedSender sender = new BoundedSender(wire, budget.account(), new BoundedSender.Owner() {
        @Override
        public void overflow() {
            told.add("overflow");
        }

        @Override
        public void failed(String why) {
            told.add("failed");
        }
    });

    private static BoundedSender.Text text(String s) {
        return BoundedSender.Text.of(s);
    }

    private void completeOne() {
        inFlight.remove(0).onResult(new SendResult());
    }

    @Test
    void oneSendIsInFlightAndTheRestWaitInOrder() {
        sender.send(text("a"));
        sender.send(text("b"));
        sender.send(text("c"));
        assertEquals(List.of("a"), written);
        completeOne();
        assertEquals(List.of("a", "b"), written);
        completeOne();
        completeOne();
        assertEquals(List.of("a", "b", "c"), written);
        assertEquals(0, sender.pendingBytes());
        assertEquals(0, budget.used());
    }

    @Test
    void inlineCompletionsSendTheQueueFromTheLoopNotByRecursion() {
        for (int i = 0; i < 5; i++) {
            sender.send(text("f" + i)); // the first is in flight, four wait
        }
        completeInline = true;
        completeOne(); // from a container thread: the four waiting go out, each completing inline
        assertEquals(List.of("f0", "f1", "f2", "f3", "f4"), written);
        assertEquals(1, maxDepth, "a completion inside a send must not start the next send");
        sender.send(text("f5"));
        assertEquals(6, written.size());
        assertEquals(1, maxDepth);
        assertEquals(0, budget.used());
    }

    @Test
    void theWaitingBytesAreChargedAndReleasedAsTheClientReads() {
        sender.send(text("1234567")); // in flight, outside the budget
        sender.send(text("1234567"));
        assertEquals(14, budget.used());
        completeOne();
        assertEquals(7, budget.used());
        completeOne();
        assertEquals(0, budget.used());
    }

    @Test
    void aFrameTheBudgetRefusesClosesOnceAsASlowReaderAndGivesTheBytesBack() {
        for (int i = 0; i < 4; i++) {
            sender.send(text("1234567")); // 28 bytes waiting
        }
        sender.send(text("1234567")); // 35 > 32
        sender.send(text("x"));
        assertEquals(List.of("overflow"), told);
        assertTrue(sender.isClosed());
        assertEquals(0, budget.used());
        completeOne(); // the send in flight ends; nothing more goes out
        assertEquals(1, written.size());
    }

    @Test
    void sizesAreUtf8Bytes() {
        assertEquals(5, text("é€").size());
        assertEquals("😀".getBytes(StandardCharsets.UTF_8).length, text("😀").size());
        assertEquals("a😀é€".getBytes(StandardCharsets.UTF_8).length, BoundedSender.utf8Length("a😀é€"));
    }

    @Test
    void binaryFramesTakeTheSamePath() {
        sender.send(text("t"));
        sender.send(new BoundedSender.Binary(ByteBuffer.wrap(new byte[] {1, 2, 3})));
        assertEquals(4, budget.used());
        completeOne();
        completeOne();
        assertEquals(ByteBuffer.wrap(new byte[] {1, 2, 3}), written.get(1));
        assertEquals(0, budget.used());
    }

    @Test
    void aFailedSendClosesAndTellsTheOwnerOnce() {
        sender.send(text("a"));
        sender.send(text("b"));
        inFlight.remove(0).onResult(new SendResult(new IOException("reset")));
        assertEquals(List.of("failed"), told);
        assertTrue(sender.isClosed());
        assertEquals(0, budget.used());
        sender.send(text("c"));
        assertEquals(List.of("a"), written);
    }

    @Test
    void aSendTheContainerRefusesClosesLikeAFailedOne() {
        BoundedSender refusing = new BoundedSender((frame, done) -> {
            throw new IllegalStateException("closed");
        }, budget.account(), new BoundedSender.Owner() {
            @Override
            public void overflow() {
                told.add("overflow");
            }

            @Override
            public void failed(String why) {
                told.add("failed");
            }
        });
        refusing.send(text("a"));
        assertEquals(List.of("failed"), told);
        assertTrue(refusing.isClosed());
        assertFalse(sender.isClosed());
    }

    @Test
    void closeDropsWhatWaitsAndIsIdempotent() {
        sender.send(text("a"));
        sender.send(text("bb"));
        assertTrue(sender.close());
        assertFalse(sender.close());
        assertEquals(0, budget.used());
        completeOne();
        assertEquals(List.of("a"), written);
        assertTrue(told.isEmpty());
    }
}
