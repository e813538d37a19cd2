package io.peershare.defaults;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ExecutorSchedulerTest {

    @Test
    void closeReturnsOnlyOnceItsThreadHasEnded() throws Exception {
        ExecutorScheduler scheduler = new ExecutorScheduler();
        CompletableFuture<Thread> ran = new CompletableFuture<>();
        scheduler.scheduleAtFixedRate(() -> ran.complete(Thread.currentThread()), Duration.ofMillis(1));
        Thread thread = ran.get(5, TimeUnit.SECONDS);
        assertTrue(thread.isDaemon());
        scheduler.close();
        assertFalse(thread.isAlive(), "a servlet container checks for leftover threads right after undeploy");
    }

    @Test
    void closeFromItsOwnThreadDoesNotWaitForItself() throws Exception {
        ExecutorScheduler scheduler = new ExecutorScheduler();
        CompletableFuture<Long> closedIn = new CompletableFuture<>();
        scheduler.scheduleAtFixedRate(() -> {
            long started = System.nanoTime();
            scheduler.close();
            closedIn.complete(System.nanoTime() - started);
        }, Duration.ofMillis(1));
        assertTrue(closedIn.get(5, TimeUnit.SECONDS) < TimeUnit.SECONDS.toNanos(1));
    }
}
