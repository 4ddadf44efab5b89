package io.github.privatenumber.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WaitingCallerTest {

    @Test
    void tasksGivenWhileTheCallerWaitsRunOnItsThreadInOrder() throws Exception {
        WaitingCaller caller = new WaitingCaller();
        CompletableFuture<String> future = new CompletableFuture<>();
        List<String> ran = new CopyOnWriteArrayList<>();
        Thread self = Thread.currentThread();
        Thread other = new Thread(() -> {
            for (int i = 0; i < 100; i++) {
                int n = i;
                caller.execute(() -> ran.add(Thread.currentThread() == self ? "caller-" + n : "elsewhere-" + n));
            }
            caller.execute(() -> future.complete("done"));
        });
        other.start();
        caller.runUntilDone(future);
        other.join();
        assertEquals("done", future.get());
        assertEquals(100, ran.size());
        for (int i = 0; i < 100; i++) {
            assertEquals("caller-" + i, ran.get(i));
        }
    }

    @Test
    void aFutureCompletedElsewhereEndsTheWait() throws Exception {
        WaitingCaller caller = new WaitingCaller();
        CompletableFuture<String> future = new CompletableFuture<>();
        CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS).execute(() -> future.complete("x"));
        caller.runUntilDone(future);
        assertTrue(future.isDone());
    }

    @Test
    void tasksGivenAfterTheWaitRunElsewhereAndAreNotLost() throws Exception {
        WaitingCaller caller = new WaitingCaller();
        CountDownLatch queued = new CountDownLatch(1);
        caller.execute(queued::countDown); // queued, never run by the caller: the future is already done
        caller.runUntilDone(CompletableFuture.completedFuture("already"));
        assertEquals(1, queued.getCount());
        caller.stopWaiting();
        assertTrue(queued.await(5, TimeUnit.SECONDS), "a queued task was dropped");
        CountDownLatch ran = new CountDownLatch(1);
        Thread[] on = new Thread[1];
        caller.execute(() -> {
            on[0] = Thread.currentThread();
            ran.countDown();
        });
        assertTrue(ran.await(5, TimeUnit.SECONDS), "a late task was dropped");
        assertNotEquals(Thread.currentThread(), on[0]);
    }

    @Test
    void anInterruptEndsTheWaitWithInterruptedException() {
        WaitingCaller caller = new WaitingCaller();
        CompletableFuture<String> never = new CompletableFuture<>();
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, () -> caller.runUntilDone(never));
        assertTrue(!Thread.currentThread().isInterrupted(), "consumed, as Object.wait does; the client restores it");
    }

    @Test
    void aTaskThatThrowsDoesNotEndTheWait() throws Exception {
        WaitingCaller caller = new WaitingCaller();
        CompletableFuture<String> future = new CompletableFuture<>();
        caller.execute(() -> {
            throw new IllegalStateException("boom");
        });
        caller.execute(() -> future.complete("after"));
        caller.runUntilDone(future);
        assertEquals("after", future.get());
    }

    @Test
    void onlyTheCreatingThreadMayWait() throws Exception {
        WaitingCaller caller = new WaitingCaller();
        Throwable[] thrown = new Throwable[1];
        Thread other = new Thread(() -> {
            try {
                caller.runUntilDone(new CompletableFuture<>());
            } catch (Throwable e) {
                thrown[0] = e;
            }
        });
        other.start();
        other.join();
        assertTrue(thrown[0] instanceof IllegalStateException, String.valueOf(thrown[0]));
    }

    @Test
    void onlyTheCallBeingStartedClaimsTheCaller() {
        WaitingCaller caller = new WaitingCaller();
        assertNull(WaitingCaller.claim());
        WaitingCaller[] seen = new WaitingCaller[2];
        caller.start(() -> {
            seen[0] = WaitingCaller.claim();
            seen[1] = WaitingCaller.claim(); // e.g. another call started by a transport meanwhile
            return CompletableFuture.completedFuture(1);
        });
        assertSame(caller, seen[0]);
        assertNull(seen[1]);
        assertNull(WaitingCaller.claim());
    }
}
