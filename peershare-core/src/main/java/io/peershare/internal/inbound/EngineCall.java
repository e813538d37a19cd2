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
 * <p>Engine calls run on threads the host owns (a servlet container's, for one), which outlive a web
 * application. What a thread keeps here is therefore of JDK classes only, a depth counter and a queue that is
 * empty between calls: no value of the engine's classes pins the application's class loader after an undeploy,
 * and no call pays for setting and removing a mark (measured: about 60 ns a frame).
 */
public final class EngineCall {

    /** How many engine calls the thread is in: one {@code int}, kept. */
    private static final ThreadLocal<int[]> DEPTH = new ThreadLocal<>();
    /** Closes waiting for the outermost call to return; made on a thread's first deferral. */
    private static final ThreadLocal<ArrayDeque<Runnable>> DEFERRED = new ThreadLocal<>();

    private EngineCall() {
    }

    /** Runs one engine entry point (a frame, a close, a periodic task, shutdown) and then what it deferred. */
    public static void run(Runnable body) {
        int[] depth = DEPTH.get();
        if (depth == null) {
            depth = new int[1];
            DEPTH.set(depth);
        }
        if (depth[0] > 0) {
            runNested(depth, body);
            return;
        }
        try {
            runNested(depth, body);
        } finally {
            runDeferred(depth);
        }
    }

    /**
     * Outside every engine lock now; a deferred close may defer more (its broadcasts), so loop. Every close runs
     * even if one before it throws, so that the queue is empty when the outermost call returns.
     */
    private static void runDeferred(int[] depth) {
        ArrayDeque<Runnable> deferred = DEFERRED.get();
        if (deferred == null) {
            return;
        }
        RuntimeException failure = null;
        Runnable next;
        while ((next = deferred.poll()) != null) {
            try {
                runNested(depth, next);
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

    private static void runNested(int[] depth, Runnable body) {
        depth[0]++;
        try {
            body.run();
        } finally {
            depth[0]--;
        }
    }

    /** Runs {@code close} now as an entry point, or after the current engine call when inside one. */
    public static void closeSoon(Runnable close) {
        int[] depth = DEPTH.get();
        if (depth != null && depth[0] > 0) {
            ArrayDeque<Runnable> deferred = DEFERRED.get();
            if (deferred == null) {
                deferred = new ArrayDeque<>();
                DEFERRED.set(deferred);
            }
            deferred.add(close);
        } else {
            run(close);
        }
    }
}
