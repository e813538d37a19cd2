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
 *
 * <p>The mark is removed when the outermost call returns: engine calls run on threads the host owns (a servlet
 * container's, for one), which must not keep a value of the engine's classes after its application is gone.
 */
public final class EngineCall {

    private static final ThreadLocal<EngineCall> CURRENT = new ThreadLocal<>();

    private int depth;
    /** Made on the first deferral: most calls defer nothing. */
    private ArrayDeque<Runnable> deferred;

    private EngineCall() {
    }

    /** Runs one engine entry point (a frame, a close, a periodic task, shutdown) and then what it deferred. */
    public static void run(Runnable body) {
        EngineCall call = CURRENT.get();
        if (call != null) {
            call.runNested(body);
            return;
        }
        call = new EngineCall();
        CURRENT.set(call);
        try {
            try {
                call.runNested(body);
            } finally {
                call.runDeferred();
            }
        } finally {
            CURRENT.remove();
        }
    }

    /**
     * Outside every engine lock now; a deferred close may defer more (its broadcasts), so loop. Every close runs
     * even if one before it throws, since the thread's mark, and so its queue, goes when this call returns.
     */
    private void runDeferred() {
        RuntimeException failure = null;
        Runnable next;
        while (deferred != null && (next = deferred.poll()) != null) {
            try {
                runNested(next);
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void runNested(Runnable body) {
        depth++;
        try {
            body.run();
        } finally {
            depth--;
        }
    }

    /** Runs {@code close} now as an entry point, or after the current engine call when inside one. */
    public static void closeSoon(Runnable close) {
        EngineCall call = CURRENT.get();
        if (call != null && call.depth > 0) {
            if (call.deferred == null) {
                call.deferred = new ArrayDeque<>();
            }
            call.deferred.add(close);
        } else {
            run(close);
        }
    }
}
