package io.peershare.internal.inbound;

import java.util.ArrayDeque;

/**
 * Marks the threads that are inside the engine, so that a close a transport reports from inside one of the
 * engine's sends waits until the engine call that made the send has returned.
 *
 * <p>Why: the engine sends while holding a network's or a transfer's monitor, and a peer leaving takes
 * network monitors and then transfer monitors. A close run inline from a send made under a transfer's monitor
 * would take them in the opposite order and could deadlock with another thread. Deferred to the end of the
 * outermost engine call, the leave runs with no engine lock held. The deferral is per thread and lasts only
 * until that call returns, so the peer still leaves at once.
 */
public final class EngineCall {

    private static final ThreadLocal<EngineCall> CURRENT = new ThreadLocal<>();

    private int depth;
    private final ArrayDeque<Runnable> deferred = new ArrayDeque<>();

    private EngineCall() {
    }

    /** Runs one engine entry point (a frame, a close, a periodic task, shutdown) and then what it deferred. */
    public static void run(Runnable body) {
        EngineCall call = CURRENT.get();
        if (call == null) {
            call = new EngineCall();
            CURRENT.set(call);
        }
        call.depth++;
        try {
            body.run();
        } finally {
            call.depth--;
        }
        if (call.depth == 0) {
            // Outside every engine lock now; a deferred close may defer more (its broadcasts), so loop.
            Runnable next;
            while ((next = call.deferred.poll()) != null) {
                call.depth++;
                try {
                    next.run();
                } finally {
                    call.depth--;
                }
            }
        }
    }

    /** Runs {@code close} now as an entry point, or after the current engine call when inside one. */
    public static void closeSoon(Runnable close) {
        EngineCall call = CURRENT.get();
        if (call != null && call.depth > 0) {
            call.deferred.add(close);
        } else {
            run(close);
        }
    }
}
