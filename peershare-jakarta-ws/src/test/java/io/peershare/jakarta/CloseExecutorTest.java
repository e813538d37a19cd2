package io.peershare.jakarta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CloseExecutorTest {

    @Test
    void closeRunsWhatWasHandedInAndReturnsWithEveryThreadEnded() throws Exception {
        CloseExecutor executor = new CloseExecutor("close-executor-test");
        List<Thread> ran = new CopyOnWriteArrayList<>();
        CountDownLatch started = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        for (int i = 0; i < 2; i++) {
            executor.execute(() -> {
                ran.add(Thread.currentThread());
                started.countDown();
                try {
                    release.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        assertTrue(started.await(5, TimeUnit.SECONDS));
        executor.execute(() -> ran.add(Thread.currentThread())); // queued behind the two
        release.countDown();
        executor.close();

        assertEquals(3, ran.size(), "every close handed in ran");
        assertTrue(ran.stream().allMatch(t -> t.isDaemon() && t.getName().startsWith("close-executor-test-")));
        assertTrue(ran.stream().noneMatch(Thread::isAlive), "no thread is left when close returns");
        assertThrows(RejectedExecutionException.class, () -> executor.execute(() -> { }));
        executor.close(); // idempotent
    }
}
