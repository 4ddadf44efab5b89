package io.github.privatenumber.simulator.internal.push;

import io.github.privatenumber.core.Masking;
import io.github.privatenumber.signing.AkskSigner;
import io.github.privatenumber.signing.SignedHeaders;
import io.github.privatenumber.signing.Signer;
import io.github.privatenumber.signing.WsseSigner;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the simulator's pushes, the platform's side of SPEC section 10: call events and CDR batches as
 * signed JSON POSTs, re-pushed on failure.
 *
 * <p><b>Delivery.</b> Every attempt is a POST with {@code Content-Type: application/json;charset=UTF-8},
 * the body's UTF-8 bytes, and {@code Authorization} plus {@code X-AKSK} (or {@code X-WSSE}) from a fresh
 * signer call, so each attempt has its own nonce and {@code Created}. Only HTTP 200 counts as delivered;
 * any other status (redirects are not followed), a timeout or an I/O or TLS error is a failure.
 *
 * <p><b>Re-push schedule.</b> After a failure a push is sent again after 1, 4, 9, 106, 203 and 300
 * minutes, each multiplied by {@link PushSettings#repushTimeScale()}. This class reads the schedule as
 * <em>intervals</em>: each delay is measured from the moment the previous attempt was seen to fail, so
 * the seventh and last attempt comes about 623 minutes after the first. After six re-pushes the push is
 * {@link PushRecord.State#GAVE_UP}; a push made with {@code repushOnFailure = false} ({@code callin}, which
 * may not be re-pushed) is {@link PushRecord.State#NOT_REPUSHED} after its one failed attempt. Re-pushes
 * go to the URL the push was created with, even if {@link #setUrls} changed it since.
 *
 * <p><b>Order.</b> Events pushed with the same order key (a call's sessionId) are sent one after the
 * other, in the order they were pushed (callin, callout, alerting, answer, disconnect): each one's first
 * attempt starts when the previous one's first attempt has ended, delivered or failed. Re-pushes after a
 * failure run on their own schedule and never hold up the call's later events.
 *
 * <p><b>CDRs.</b> {@link #queueCdr} collects records; a batch of at most 50 goes out when 50 are queued
 * or when {@link PushSettings#cdrBatchWindow()} has passed since the oldest queued record.
 *
 * <p><b>Connections.</b> Every attempt is one HTTP/1.1 exchange on a connection of its own, sent with
 * {@code Connection: close} ({@link PushConnection}); nothing is pooled. A pooled connection that the
 * receiver closed after its answer (Python's {@code http.server} answers HTTP/1.0 and closes) would make the
 * next push fail although the receiver is fine, and {@code callin} gets no second chance.
 *
 * <p><b>Threads.</b> Thread-safe. Callers never wait for the network. A fixed set of daemon threads does
 * all the work: one timer thread (re-push delays, the CDR window, a watchdog per attempt) and
 * {@value #SENDERS} sender threads that sign and send, so at most {@value #SENDERS} attempts are in flight
 * and the rest wait in line. The whole exchange of an attempt (connect, TLS, request, the complete answer)
 * must finish within {@link PushSettings#requestTimeout()}, else it counts as a timeout; a watchdog closes
 * the socket of an attempt stuck in a write. The {@code Clock} only stamps
 * {@link PushRecord.Attempt#at()}; delays run on real time. At most {@value #MAX_RETAINED} records are
 * kept: beyond that the oldest settled ones are forgotten.
 *
 * <p><b>Logs.</b> INFO for re-pushed, abandoned and given-up pushes, DEBUG per attempt; URLs and errors go through
 * {@link Masking#maskText}, bodies and headers are never logged.
 *
 * <p>Arguments must not be {@code null} unless stated otherwise.
 */
public final class PushDispatcher implements AutoCloseable {

    /** The re-push schedule in minutes (SPEC section 10), read as intervals between attempts. */
    public static final List<Integer> REPUSH_DELAYS_MINUTES = List.of(1, 4, 9, 106, 203, 300);
    /** Most CDRs in one push. */
    public static final int MAX_CDRS_PER_PUSH = 50;
    /** Most push records kept for {@link #pushes()}. */
    public static final int MAX_RETAINED = 10_000;
    /** Sender threads, and so the most attempts in flight at once. */
    public static final int SENDERS = 4;

    private static final Logger LOG = LoggerFactory.getLogger(PushDispatcher.class);
    private static final String CONTENT_TYPE = "application/json;charset=UTF-8";

    private final PushSettings settings;
    private final Clock clock;
    private final Signer signer;
    private final ScheduledThreadPoolExecutor timer;
    private final ThreadPoolExecutor senders;

    /** Sockets of attempts in flight, closed by {@link #close()}. */
    private final Map<Socket, Boolean> inFlight = new java.util.concurrent.ConcurrentHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    // everything below is guarded by lock
    private URI eventUrl;
    private URI cdrUrl;
    private final Map<Long, Push> pushes = new LinkedHashMap<>();
    private final ArrayDeque<QueuedCdr> cdrQueue = new ArrayDeque<>();
    /** Per call (sessionId): its events waiting for the previous one's first attempt; present while one is out. */
    private final Map<String, ArrayDeque<Push>> chains = new java.util.HashMap<>();
    private ScheduledFuture<?> cdrTimer;
    private long nextId = 1;
    private int pending;
    private boolean closed;

    /** One push's mutable state; guarded by the dispatcher's lock except the immutable fields. */
    private static final class Push {
        final long id;
        final PushRecord.Kind kind;
        final URI url;
        final String body;
        final byte[] bytes;
        final boolean repushOnFailure;
        /** Events of one call share a key and are sent one after the other; {@code null} for no order. */
        final String orderKey;
        final List<PushRecord.Attempt> attempts = new ArrayList<>();
        PushRecord.State state = PushRecord.State.PENDING;

        Push(long id, PushRecord.Kind kind, URI url, String body, boolean repushOnFailure, String orderKey) {
            this.orderKey = orderKey;
            this.id = id;
            this.kind = kind;
            this.url = url;
            this.body = body;
            this.bytes = body.getBytes(StandardCharsets.UTF_8);
            this.repushOnFailure = repushOnFailure;
        }

        PushRecord snapshot() {
            return new PushRecord(id, kind, url.toString(), body, state, attempts);
        }
    }

    private record QueuedCdr(String json, long queuedAtNanos) {
    }

    /**
     * Starts a dispatcher; its threads start with the first push and end with {@link #close()}.
     *
     * @param settings delivery settings
     * @param clock stamps attempts
     */
    public PushDispatcher(PushSettings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.eventUrl = settings.eventUrl();
        this.cdrUrl = settings.cdrUrl();
        this.signer = settings.scheme() == PushScheme.WSSE
                ? WsseSigner.of(settings.credentials())
                : AkskSigner.of(settings.credentials());
        String prefix = "sim-push-" + Integer.toHexString(System.identityHashCode(this)) + "-";
        this.timer = new ScheduledThreadPoolExecutor(1, threads(prefix + "timer"));
        timer.setRemoveOnCancelPolicy(true);
        timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.senders = fixedPool(SENDERS, threads(prefix + "send"));
    }

    private static ThreadFactory threads(String name) {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private static ThreadPoolExecutor fixedPool(int size, ThreadFactory factory) {
        return new ThreadPoolExecutor(size, size, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), factory);
    }

    /**
     * Changes the callback URLs, as a console edit would. Pushes already made keep their URL; queued CDRs
     * go to the CDR URL valid when their batch is sent, or are dropped if it is then {@code null}.
     *
     * @param eventUrl the call-status URL, {@code null} for none
     * @param cdrUrl the CDR URL, {@code null} for none
     * @throws IllegalArgumentException if a URL is not absolute http(s) with a host
     */
    public void setUrls(URI eventUrl, URI cdrUrl) {
        PushSettings.checkUrl("eventUrl", eventUrl);
        PushSettings.checkUrl("cdrUrl", cdrUrl);
        lock.lock();
        try {
            this.eventUrl = eventUrl;
            this.cdrUrl = cdrUrl;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Pushes one call event to the event URL, without waiting for it.
     *
     * @param eventJsonBody the complete JSON body, sent as given
     * @param repushOnFailure {@code false} for {@code callin}, which may not be re-pushed
     * @return the push id, or -1 if no event URL is set (then nothing is sent or recorded)
     * @throws IllegalStateException after {@link #close()}
     */
    public long pushEvent(String eventJsonBody, boolean repushOnFailure) {
        return pushEvent(eventJsonBody, repushOnFailure, null);
    }

    /**
     * Pushes one call event, in order with the other events of the same call: its first attempt starts only
     * when the first attempt of the call's previous event has ended, delivered or not. Re-pushes are
     * scheduled independently and hold nothing up (the platform does not stall a call's later events behind
     * a failing earlier one).
     *
     * @param eventJsonBody the complete JSON body, sent as given
     * @param repushOnFailure {@code false} for {@code callin}, which may not be re-pushed
     * @param orderKey the call's sessionId; {@code null} for no ordering
     * @return the push id, or -1 if no event URL is set
     * @throws IllegalStateException after {@link #close()}
     */
    public long pushEvent(String eventJsonBody, boolean repushOnFailure, String orderKey) {
        Objects.requireNonNull(eventJsonBody, "eventJsonBody");
        Push push;
        lock.lock();
        try {
            ensureOpen();
            if (eventUrl == null) {
                LOG.debug("no event URL set: event not pushed");
                return -1;
            }
            push = register(PushRecord.Kind.EVENT, eventUrl, eventJsonBody, repushOnFailure, orderKey);
            if (orderKey != null) {
                ArrayDeque<Push> waiting = chains.get(orderKey);
                if (waiting != null) {
                    waiting.add(push); // sent when the call's previous event has had its first attempt
                    return push.id;
                }
                chains.put(orderKey, new ArrayDeque<>());
            }
        } finally {
            lock.unlock();
        }
        submit(push);
        return push.id;
    }

    /**
     * Queues one CDR for the next batch to the CDR URL; dropped if no CDR URL is set.
     *
     * @param cdrRecordJson one CDR as a JSON object, put into {@code feeLst} as given
     * @throws IllegalStateException after {@link #close()}
     */
    public void queueCdr(String cdrRecordJson) {
        Objects.requireNonNull(cdrRecordJson, "cdrRecordJson");
        List<Push> batches;
        lock.lock();
        try {
            ensureOpen();
            if (cdrUrl == null) {
                LOG.debug("no CDR URL set: CDR dropped");
                return;
            }
            cdrQueue.add(new QueuedCdr(cdrRecordJson, System.nanoTime()));
            batches = cdrQueue.size() >= MAX_CDRS_PER_PUSH ? drainCdrs(false) : List.of();
            if (!batches.isEmpty() || cdrTimer == null) {
                armCdrTimer();
            }
        } finally {
            lock.unlock();
        }
        batches.forEach(this::submit);
    }

    /** Sends every queued CDR now, in batches of at most 50. Does nothing after {@link #close()}. */
    public void flushCdrs() {
        List<Push> batches;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            batches = drainCdrs(true);
            armCdrTimer();
        } finally {
            lock.unlock();
        }
        batches.forEach(this::submit);
    }

    /**
     * @return a snapshot of every retained push, oldest first
     */
    public List<PushRecord> pushes() {
        lock.lock();
        try {
            List<PushRecord> out = new ArrayList<>(pushes.size());
            for (Push p : pushes.values()) {
                out.add(p.snapshot());
            }
            return out;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until no push is {@link PushRecord.State#PENDING} and no CDR is queued.
     *
     * @param timeout the longest wait
     * @return {@code true} if settled; {@code false} on timeout, interrupt (the flag is restored), or when
     *     pushes were left pending by {@link #close()}
     */
    public boolean awaitSettled(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (pending > 0 || !cdrQueue.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (closed || left <= 0) {
                    return false;
                }
                changed.awaitNanos(left);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops at once: queued CDRs are dropped, scheduled re-pushes cancelled, attempts in flight abandoned
     * (their pushes stay {@link PushRecord.State#PENDING}). Idempotent.
     */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            if (cdrTimer != null) {
                cdrTimer.cancel(false);
                cdrTimer = null;
            }
            if (!cdrQueue.isEmpty()) {
                LOG.info("closing: {} queued CDR(s) dropped", cdrQueue.size());
                cdrQueue.clear();
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        timer.shutdownNow();
        senders.shutdownNow();
        for (Socket s : inFlight.keySet()) {
            try {
                s.close(); // ends blocked sends at once
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            for (ThreadPoolExecutor pool : List.of(timer, senders)) {
                if (!pool.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    LOG.debug("push threads still busy after close");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- internals ----

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("push dispatcher is closed");
        }
    }

    /** Creates and records a push; caller holds the lock. */
    private Push register(PushRecord.Kind kind, URI url, String body, boolean repushOnFailure, String orderKey) {
        Push push = new Push(nextId++, kind, url, body, repushOnFailure, orderKey);
        pushes.put(push.id, push);
        pending++;
        if (pushes.size() > MAX_RETAINED) {
            Iterator<Push> it = pushes.values().iterator();
            while (pushes.size() > MAX_RETAINED && it.hasNext()) {
                if (it.next().state != PushRecord.State.PENDING) {
                    it.remove();
                }
            }
        }
        return push;
    }

    /** Takes full batches (or, with {@code all}, everything) off the queue; caller holds the lock. */
    private List<Push> drainCdrs(boolean all) {
        List<Push> batches = new ArrayList<>();
        while (cdrQueue.size() >= MAX_CDRS_PER_PUSH || (all && !cdrQueue.isEmpty())) {
            StringBuilder body = new StringBuilder("{\"eventType\":\"fee\",\"feeLst\":[");
            int n = Math.min(MAX_CDRS_PER_PUSH, cdrQueue.size());
            for (int i = 0; i < n; i++) {
                if (i > 0) {
                    body.append(',');
                }
                body.append(cdrQueue.poll().json());
            }
            body.append("]}");
            if (cdrUrl == null) {
                LOG.debug("no CDR URL set: batch of {} CDR(s) dropped", n);
                continue;
            }
            batches.add(register(PushRecord.Kind.CDR, cdrUrl, body.toString(), true, null));
        }
        if (!batches.isEmpty() || cdrQueue.isEmpty()) {
            changed.signalAll();
        }
        return batches;
    }

    /**
     * Keeps the batch timer aimed at "oldest queued CDR + window"; caller holds the lock. Re-aimed after
     * every drain, since a full batch may have taken the record the timer was set for.
     */
    private void armCdrTimer() {
        if (cdrTimer != null) {
            cdrTimer.cancel(false);
            cdrTimer = null;
        }
        QueuedCdr oldest = cdrQueue.peek();
        if (oldest == null) {
            return;
        }
        long due = oldest.queuedAtNanos() + settings.cdrBatchWindow().toNanos() - System.nanoTime();
        try {
            cdrTimer = timer.schedule(this::flushCdrs, Math.max(0, due), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // closing
        }
    }

    private void submit(Push push) {
        try {
            senders.execute(() -> attempt(push));
        } catch (RejectedExecutionException e) {
            LOG.debug("push {} not sent: dispatcher closed", push.id);
        }
    }

    /** One attempt; runs on a sender thread and blocks it for at most the request timeout. */
    private void attempt(Push push) {
        lock.lock();
        try {
            if (closed) {
                return;
            }
        } finally {
            lock.unlock();
        }
        Instant at = clock.instant();
        long timeout = settings.requestTimeout().toNanos();
        Watchdog watchdog = new Watchdog();
        int status = -1;
        String error;
        try {
            SignedHeaders signed = signer.sign(); // fresh nonce and Created for every attempt
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", CONTENT_TYPE);
            headers.put("Authorization", signed.authorization());
            headers.put(signed.tokenHeaderName(), signed.tokenHeaderValue());
            headers.put("User-Agent", "privatenumber-simulator");
            // the deadline bounds every read; the watchdog also ends a write that the receiver never takes
            watchdog.arm(timer, timeout + TimeUnit.MILLISECONDS.toNanos(50));
            status = PushConnection.post(push.url, headers, push.bytes, settings.sslContext(), System.nanoTime() + timeout,
                    watchdog::watch);
            error = status == 200 ? null : "HTTP " + status;
        } catch (SocketTimeoutException e) {
            error = "timeout after " + settings.requestTimeout().toMillis() + " ms (no complete answer)";
        } catch (IOException | RuntimeException e) {
            error = watchdog.fired() ? "timeout after " + settings.requestTimeout().toMillis() + " ms (no complete answer)"
                    : describe(e);
        } finally {
            watchdog.disarm();
        }
        finish(push, at, status, error);
    }

    /** Closes the socket of an attempt that is still running when the deadline passes, and only then. */
    private final class Watchdog {
        private Socket socket;
        private boolean done;
        private boolean fired;
        private ScheduledFuture<?> task;

        synchronized void watch(Socket s) {
            socket = s;
            inFlight.put(s, Boolean.TRUE);
            if (done || closed) {
                closeQuietly(s);
            }
        }

        synchronized void arm(ScheduledExecutorService t, long nanos) {
            try {
                task = t.schedule(this::fire, nanos, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                // closing: close() closes the sockets itself
            }
        }

        private synchronized void fire() {
            if (!done && socket != null) {
                fired = true;
                closeQuietly(socket);
            }
        }

        synchronized boolean fired() {
            return fired;
        }

        synchronized void disarm() {
            done = true;
            if (task != null) {
                task.cancel(false);
            }
            if (socket != null) {
                inFlight.remove(socket);
            }
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private void finish(Push push, Instant at, int status, String error) {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            push.attempts.add(new PushRecord.Attempt(at, status, error));
            int attemptNo = push.attempts.size();
            if (attemptNo == 1 && push.orderKey != null) {
                releaseNext(push.orderKey);
            }
            if (LOG.isDebugEnabled()) {
                LOG.debug("push {} ({}) attempt {} to {}: {}", push.id, push.kind, attemptNo,
                        Masking.maskText(push.url.toString()), error == null ? "HTTP 200" : error);
            }
            if (error == null) {
                settle(push, PushRecord.State.DELIVERED);
                if (attemptNo == 1) {
                    LOG.debug("push {} ({}, {} bytes) delivered", push.id, push.kind, push.bytes.length);
                } else {
                    LOG.info("push {} ({}, {} bytes) delivered on attempt {}", push.id, push.kind, push.bytes.length, attemptNo);
                }
            } else if (!push.repushOnFailure) {
                settle(push, PushRecord.State.NOT_REPUSHED);
                LOG.info("push {} ({}) failed and may not be re-pushed: {}", push.id, push.kind, error);
            } else if (attemptNo > REPUSH_DELAYS_MINUTES.size()) {
                settle(push, PushRecord.State.GAVE_UP);
                LOG.info("push {} ({}) gave up after {} attempts: {}", push.id, push.kind, attemptNo, error);
            } else {
                long delayNanos = Math.round(REPUSH_DELAYS_MINUTES.get(attemptNo - 1) * 60e9 * settings.repushTimeScale());
                try {
                    timer.schedule(() -> submit(push), delayNanos, TimeUnit.NANOSECONDS);
                } catch (RejectedExecutionException e) {
                    return; // closing
                }
                LOG.debug("push {} re-push {} in {} ms", push.id, attemptNo, delayNanos / 1_000_000);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Starts the next waiting event of a call, or ends its chain; caller holds the lock. */
    private void releaseNext(String orderKey) {
        ArrayDeque<Push> waiting = chains.get(orderKey);
        Push next = waiting == null ? null : waiting.poll();
        if (next == null) {
            chains.remove(orderKey);
        } else {
            submit(next);
        }
    }

    /** Caller holds the lock. */
    private void settle(Push push, PushRecord.State state) {
        push.state = state;
        pending--;
        changed.signalAll();
    }

    private String describe(Throwable error) {
        Throwable e = error;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        if (e instanceof ConnectException && e.getMessage() == null) {
            return "ConnectException: connection refused";
        }
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + Masking.maskText(message));
    }
}
