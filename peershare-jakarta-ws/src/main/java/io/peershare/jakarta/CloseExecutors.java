package io.peershare.jakarta;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The default home of session closes, which block in some containers (Tomcat writes the close frame with a
 * blocking write) and so must never run on a thread of the engine's, which may hold a network's lock.
 */
final class CloseExecutors {

    private CloseExecutors() {
    }

    /** Two daemon threads named {@code prefix-N}, which end after 30 idle seconds. */
    static Executor daemon(String prefix) {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor executor = new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, prefix + "-" + count.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }
}
