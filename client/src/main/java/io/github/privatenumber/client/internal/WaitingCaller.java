package io.github.privatenumber.client.internal;

import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An executor whose tasks run on the thread of a synchronous caller while it waits for its call: the transport can
 * run a blocking send and complete the answer right there, so a synchronous call costs no thread hand-off beyond
 * what the HTTP library itself makes.
 *
 * <p>Tasks run one at a time, in order, inside {@link #runUntilDone}. Once the caller stops waiting, tasks still
 * queued and tasks given later run on the common {@link ForkJoinPool}: nothing handed over is ever dropped.
 *
 * <p>The call being started reads the waiting caller of its thread through {@link #current()}; the client sets it
 * with {@link #start} around starting the call. One per synchronous call; not reusable.
 */
public final class WaitingCaller implements Executor {

    private static final Logger LOG = LoggerFactory.getLogger(WaitingCaller.class);
    private static final ThreadLocal<WaitingCaller> CURRENT = new ThreadLocal<>();

    private final Thread owner = Thread.currentThread();
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private volatile boolean waiting = true;

    /** A waiting caller for the current thread. */
    public WaitingCaller() {
    }

    /**
     * @return the waiting caller of a synchronous call being started on this thread, or {@code null}
     */
    public static WaitingCaller current() {
        return CURRENT.get();
    }

    /**
     * Starts a call with this caller as the thread's {@linkplain #current() current} one.
     *
     * @param start starts the call and returns its future
     * @param <T> the call's result
     * @return the call's future
     */
    public <T> CompletableFuture<T> start(java.util.function.Supplier<CompletableFuture<T>> start) {
        WaitingCaller before = CURRENT.get();
        CURRENT.set(this);
        try {
            return start.get();
        } finally {
            if (before == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(before);
            }
        }
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        if (waiting) {
            LockSupport.unpark(owner);
        } else {
            // the caller has stopped waiting (and may have missed this task): run what is left elsewhere
            handOffLeftovers();
        }
    }

    /**
     * Runs tasks on the calling thread (the owner) until {@code future} is done, then stops waiting.
     *
     * @param future the call's future
     * @throws InterruptedException if the thread is interrupted while it waits (the future is left as it is)
     */
    public void runUntilDone(CompletableFuture<?> future) throws InterruptedException {
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("only the thread that created a WaitingCaller can wait on it");
        }
        future.whenComplete((v, e) -> LockSupport.unpark(owner));
        try {
            while (!future.isDone()) {
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                Runnable task = tasks.poll();
                if (task != null) {
                    runQuietly(task);
                } else {
                    LockSupport.park(this);
                }
            }
        } finally {
            waiting = false;
            handOffLeftovers();
        }
    }

    private void handOffLeftovers() {
        Runnable task;
        while ((task = tasks.poll()) != null) {
            Runnable each = task;
            ForkJoinPool.commonPool().execute(() -> runQuietly(each));
        }
    }

    private static void runQuietly(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            // tasks complete futures themselves; one that throws must not end the caller's wait
            LOG.warn("a transport task failed on the waiting caller's thread: {}", e.getClass().getName());
        }
    }
}
