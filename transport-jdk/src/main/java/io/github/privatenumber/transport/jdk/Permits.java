package io.github.privatenumber.transport.jdk;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;

/**
 * An asynchronous semaphore: at most {@code max} requests in flight, the others wait in line without holding a
 * thread. A waiter that gives up (its future cancelled) leaves the line. Thread-safe.
 */
final class Permits {

    private final int max;
    private int used;
    private final ArrayDeque<CompletableFuture<Void>> waiters = new ArrayDeque<>();

    Permits(int max) {
        this.max = max;
    }

    /**
     * @return a future completed when a permit is granted; cancel it to give up waiting
     */
    CompletableFuture<Void> acquire() {
        CompletableFuture<Void> waiter;
        synchronized (this) {
            if (used < max) {
                used++;
                return CompletableFuture.completedFuture(null);
            }
            waiter = new CompletableFuture<>();
            waiters.add(waiter);
        }
        waiter.whenComplete((v, e) -> {
            if (e != null) {
                synchronized (this) {
                    waiters.remove(waiter);
                }
            }
        });
        return waiter;
    }

    /** Returns a permit: hands it to the next waiter that still wants it, or frees it. */
    void release() {
        while (true) {
            CompletableFuture<Void> next;
            synchronized (this) {
                next = waiters.poll();
                if (next == null) {
                    used--;
                    return;
                }
            }
            if (next.complete(null)) {
                return;
            }
        }
    }

    synchronized int inUse() {
        return used;
    }

    synchronized int waiting() {
        return waiters.size();
    }
}
