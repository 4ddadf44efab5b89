package io.github.privatenumber.client.internal;

import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An executor whose tasks run on the thread of a synchronous caller while it waits for its call: the transport can
 * run a blocking send and complete the answer right there, so a synchronous call costs no thread hand-off beyond
 * what the HTTP library itself makes.
 *
 * <p>Tasks run one at a time, in order, inside {@link #runUntilDone}. Once the caller {@linkplain #stopWaiting()
 * stops waiting} (after it has cancelled an unfinished call), tasks still queued and tasks given later run on
 * short-lived daemon threads of their own ({@code privatenumber-late-task}): nothing handed over is ever dropped, and
 * no shared pool is held up.
 *
 * <p>The call being started takes the waiting caller of its thread through {@link #claim()}; the client sets it
 * with {@link #start} around starting the call. One per synchronous call; not reusable.
 */
public final class WaitingCaller implements Executor {

    private static final Logger LOG = LoggerFactory.getLogger(WaitingCaller.class);
    private static final ThreadLocal<WaitingCaller> CURRENT = new ThreadLocal<>();
    private static final java.util.concurrent.atomic.AtomicInteger LATE_THREADS = new java.util.concurrent.atomic.AtomicInteger();
    /** Runs tasks given after the wait: rare and short (their call is over), so threads are made on demand. */
    private static final Executor LATE = new java.util.concurrent.ThreadPoolExecutor(0, Integer.MAX_VALUE, 10,
            java.util.concurrent.TimeUnit.SECONDS, new java.util.concurrent.SynchronousQueue<>(), r -> {
                Thread t = new Thread(r, "privatenumber-late-task-" + LATE_THREADS.incrementAndGet());
                t.setDaemon(true);
                return t;
            });

    private final Thread owner = Thread.currentThread();
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private volatile boolean waiting = true;

    /** A waiting caller for the current thread. */
    public WaitingCaller() {
    }

    /**
     * Takes the waiting caller of a synchronous call being started on this thread: only the call that is being
     * started gets it (anything else started on this thread meanwhile, for example by a transport, does not).
     *
     * @return the waiting caller, or {@code null} when no synchronous call is being started
     */
    public static WaitingCaller claim() {
        WaitingCaller caller = CURRENT.get();
        if (caller != null) {
            CURRENT.remove();
        }
        return caller;
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
     * Runs tasks on the calling thread (the owner) until {@code future} is done. Call {@link #stopWaiting()}
     * afterwards in any case.
     *
     * @param future the call's future
     * @throws InterruptedException if the thread is interrupted while it waits (the interrupt is consumed, as
     *     {@link Object#wait()} does; the future is left as it is)
     */
    public void runUntilDone(CompletableFuture<?> future) throws InterruptedException {
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("only the thread that created a WaitingCaller can wait on it");
        }
        future.whenComplete((v, e) -> LockSupport.unpark(owner));
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
    }

    /**
     * Ends the wait: what is still queued, and whatever comes later, runs on a late-task thread. Idempotent. The
     * client calls it only after it cancelled an unfinished call, so that no queued send starts for nothing.
     */
    public void stopWaiting() {
        waiting = false;
        handOffLeftovers();
    }

    private void handOffLeftovers() {
        Runnable task;
        while ((task = tasks.poll()) != null) {
            Runnable each = task;
            LATE.execute(() -> runQuietly(each));
        }
    }

    private static void runQuietly(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            // tasks complete futures themselves; one that throws must not end the caller's wait
            LOG.warn("a transport task failed on the waiting caller's thread: {}", e.getClass().getName());
            if (LOG.isDebugEnabled()) {
                LOG.debug("the failed task's exception: {}", io.github.privatenumber.core.Masking.maskedStackTrace(e));
            }
        }
    }
}
