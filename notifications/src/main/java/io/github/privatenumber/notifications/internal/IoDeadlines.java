package io.github.privatenumber.notifications.internal;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Bounds the time a request thread may spend waiting on its client: while a {@link Guard} is armed and its deadline
 * passes, the thread is interrupted. The JDK's HTTP server reads and writes through blocking socket channels, which
 * are interruptible: a thread blocked in such a read or write is released at once (the channel is closed, so the
 * connection is dropped). A client that sends its request line, headers or body slowly, or reads its answer slowly,
 * so holds a request thread for at most one deadline.
 *
 * <p>A guard is armed only while the thread talks to the client, never while the application's sink runs: an
 * interrupt can only reach the thread while it waits on the network. Thread-safe; one timer thread for all guards.
 */
public final class IoDeadlines implements AutoCloseable {

    private final long timeoutNanos;
    private final ScheduledThreadPoolExecutor timer;

    /**
     * @param timeout how long one phase of talking to the client may take
     * @param name the timer thread's name
     */
    public IoDeadlines(Duration timeout, String name) {
        this.timeoutNanos = Objects.requireNonNull(timeout, "timeout").toNanos();
        this.timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
        // keeps a deadline from being the queue's earliest task (which would wake the timer on every request)
        timer.scheduleAtFixedRate(() -> { }, 1, 1, TimeUnit.SECONDS);
    }

    /**
     * @return a guard for the calling thread, armed
     */
    public Guard start() {
        Guard g = new Guard(Thread.currentThread());
        g.arm();
        return g;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** One request's guard. */
    public final class Guard {
        private final Thread thread;
        private ScheduledFuture<?> due;
        private boolean armed;
        private boolean expired;

        private Guard(Thread thread) {
            this.thread = thread;
        }

        /** Starts a phase of talking to the client: the deadline runs from now. */
        public synchronized void arm() {
            disarmQuietly();
            armed = true;
            try {
                due = timer.schedule(this::expire, timeoutNanos, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException closing) {
                due = null;
            }
        }

        /**
         * Ends a phase of talking to the client.
         *
         * @return {@code false} if the deadline passed during it (the thread's interrupt is then cleared: what the
         *     thread was reading or writing is lost, and its caller must not go on as if it had arrived)
         */
        public synchronized boolean disarm() {
            disarmQuietly();
            if (expired) {
                Thread.interrupted();
                return false;
            }
            return true;
        }

        /** @return whether a deadline of this guard ever passed */
        public synchronized boolean hasExpired() {
            return expired;
        }

        /** Ends the guard for good; clears an interrupt it caused. */
        public synchronized void end() {
            disarmQuietly();
            if (expired) {
                Thread.interrupted();
            }
        }

        private void disarmQuietly() {
            armed = false;
            if (due != null) {
                due.cancel(false);
                due = null;
            }
        }

        private synchronized void expire() {
            if (armed) {
                expired = true;
                armed = false;
                thread.interrupt();
            }
        }

        /**
         * @param in a request body
         * @return the body, ending this guard's reading phase at its end: if the deadline passed while it was read,
         *     the end reads as an {@link IOException} instead
         */
        public InputStream body(InputStream in) {
            return new InputStream() {
                private boolean done;

                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    int n = read(one, 0, 1);
                    return n < 0 ? -1 : one[0] & 0xFF;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n;
                    try {
                        n = in.read(b, off, len);
                    } catch (IOException e) {
                        finish();
                        throw e;
                    }
                    if (n < 0) {
                        finish();
                    }
                    return n;
                }

                private void finish() throws IOException {
                    if (!done) {
                        done = true;
                        if (!disarm()) {
                            throw new IOException("the request did not arrive within the read timeout");
                        }
                    }
                }

                @Override
                public void close() throws IOException {
                    in.close();
                }
            };
        }
    }
}
