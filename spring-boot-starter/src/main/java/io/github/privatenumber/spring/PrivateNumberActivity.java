package io.github.privatenumber.spring;

import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the starter has seen of the platform lately: the outcome of every HTTP attempt the client made (recorded by
 * a thin wrapper around the transport) and the status of every push the webhook answered. The health indicator
 * reads it; it never calls the platform itself, so a health probe costs nothing and cannot be throttled.
 *
 * <p>Thread-safe; recording is lock-free. Nothing recorded holds a phone number, a secret or a body: only counts,
 * times, HTTP statuses and result codes.
 */
public final class PrivateNumberActivity {

    /** After this many failed attempts in a row the health indicator reports DOWN. */
    public static final int DOWN_AFTER_CONSECUTIVE_FAILURES = 3;

    /** How one HTTP attempt to the platform ended. */
    public enum Outcome {
        /** The platform answered 2xx or 3xx (a recording URL is a 301). */
        SUCCESS(false),
        /**
         * The platform answered and said no for a reason of the request (e.g. {@code 1016001} no such binding,
         * {@code 1011003} too many X): the platform is reachable and accepts our credentials.
         */
        REFUSED(false),
        /**
         * The platform refused the credentials or the signature: 401, a malformed-header 400 ({@code 10230xx}),
         * or 403 with {@code 1010003} (unknown app key), {@code 1010040} (wrong mode) or {@code 1020176}
         * (blocked). Usually a wrong app key or secret, or a clock far off.
         */
        AUTHENTICATION_FAILED(true),
        /** The platform answered 5xx. */
        SERVER_ERROR(true),
        /** No answer: refused connection, timeout, reset, TLS failure. */
        TRANSPORT_ERROR(true);

        private final boolean failure;

        Outcome(boolean failure) {
            this.failure = failure;
        }

        /**
         * @return whether this outcome counts against health
         */
        public boolean isFailure() {
            return failure;
        }
    }

    /**
     * The last failed attempt.
     *
     * @param at when it ended
     * @param outcome how
     * @param detail a short description without personal data, e.g. {@code HTTP 401 resultcode 1010010}
     */
    public record Failure(Instant at, Outcome outcome, String detail) {
    }

    /**
     * A copy of the counters (each value is exact; they are read one after another). Immutable.
     */
    public static final class Snapshot {
        private final String transport;
        private final Map<Outcome, Long> attempts;
        private final int consecutiveFailures;
        private final Instant lastSuccess;
        private final Failure lastFailure;
        private final long pushesAcknowledged;
        private final long pushesRejected;
        private final Instant lastPush;
        private final int lastPushStatus;

        private Snapshot(PrivateNumberActivity a) {
            Map<Outcome, Long> counts = new EnumMap<>(Outcome.class);
            a.attempts.forEach((k, v) -> counts.put(k, v.sum()));
            this.transport = a.transport.get();
            this.attempts = Collections.unmodifiableMap(counts);
            this.consecutiveFailures = a.consecutiveFailures.get();
            this.lastSuccess = a.lastSuccess.get();
            this.lastFailure = a.lastFailure.get();
            this.pushesAcknowledged = a.pushesAcknowledged.sum();
            this.pushesRejected = a.pushesRejected.sum();
            this.lastPush = a.lastPush.get();
            this.lastPushStatus = a.lastPushStatus;
        }

        /**
         * @return the transport in use (e.g. {@code httpclient}, {@code jdk}), once the client made one
         */
        public Optional<String> transport() {
            return Optional.ofNullable(transport);
        }

        /**
         * @return attempts per outcome since startup, every outcome present
         */
        public Map<Outcome, Long> attempts() {
            return attempts;
        }

        /**
         * @return attempts of every outcome since startup
         */
        public long totalAttempts() {
            return attempts.values().stream().mapToLong(Long::longValue).sum();
        }

        /**
         * @return failed attempts since the last one that was not a failure
         */
        public int consecutiveFailures() {
            return consecutiveFailures;
        }

        /**
         * @return when the platform last answered with a success or a refusal
         */
        public Optional<Instant> lastSuccess() {
            return Optional.ofNullable(lastSuccess);
        }

        /**
         * @return the last failed attempt
         */
        public Optional<Failure> lastFailure() {
            return Optional.ofNullable(lastFailure);
        }

        /**
         * @return pushes the webhook answered 200
         */
        public long pushesAcknowledged() {
            return pushesAcknowledged;
        }

        /**
         * @return pushes the webhook answered with anything but 200
         */
        public long pushesRejected() {
            return pushesRejected;
        }

        /**
         * @return when the webhook last answered a push
         */
        public Optional<Instant> lastPush() {
            return Optional.ofNullable(lastPush);
        }

        /**
         * @return the status of the last push's answer, 0 before the first push
         */
        public int lastPushStatus() {
            return lastPushStatus;
        }

        /**
         * @return whether fewer than {@value PrivateNumberActivity#DOWN_AFTER_CONSECUTIVE_FAILURES} attempts in a
         *     row failed
         */
        public boolean healthy() {
            return consecutiveFailures < DOWN_AFTER_CONSECUTIVE_FAILURES;
        }
    }

    private final Clock clock;
    private final Map<Outcome, LongAdder> attempts = new EnumMap<>(Outcome.class);
    private final AtomicInteger consecutiveFailures = new AtomicInteger();
    private final AtomicReference<Instant> lastSuccess = new AtomicReference<>();
    private final AtomicReference<Failure> lastFailure = new AtomicReference<>();
    private final AtomicReference<String> transport = new AtomicReference<>();
    private final LongAdder pushesAcknowledged = new LongAdder();
    private final LongAdder pushesRejected = new LongAdder();
    private final AtomicReference<Instant> lastPush = new AtomicReference<>();
    private volatile int lastPushStatus;

    /**
     * Records with the system UTC clock.
     */
    public PrivateNumberActivity() {
        this(Clock.systemUTC());
    }

    /**
     * @param clock where times come from (tests)
     */
    public PrivateNumberActivity(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        for (Outcome o : Outcome.values()) {
            attempts.put(o, new LongAdder());
        }
    }

    /**
     * @param name the transport the client uses
     */
    public void transportInUse(String name) {
        transport.set(name);
    }

    /**
     * Records one attempt.
     *
     * @param outcome how it ended
     * @param detail a short description without personal data; used for failures only
     */
    public void recordAttempt(Outcome outcome, String detail) {
        Objects.requireNonNull(outcome, "outcome");
        attempts.get(outcome).increment();
        Instant now = clock.instant();
        if (outcome.isFailure()) {
            consecutiveFailures.incrementAndGet();
            lastFailure.set(new Failure(now, outcome, detail == null ? outcome.name() : detail));
        } else {
            consecutiveFailures.set(0);
            lastSuccess.set(now);
        }
    }

    /**
     * Records the answer the webhook gave a push.
     *
     * @param status the HTTP status
     */
    public void recordPush(int status) {
        (status == 200 ? pushesAcknowledged : pushesRejected).increment();
        lastPushStatus = status;
        lastPush.set(clock.instant());
    }

    /**
     * @return the counters now
     */
    public Snapshot snapshot() {
        return new Snapshot(this);
    }

    @Override
    public String toString() {
        Snapshot s = snapshot();
        return "PrivateNumberActivity[attempts=" + s.attempts() + ", consecutiveFailures=" + s.consecutiveFailures()
                + ", pushesAcknowledged=" + s.pushesAcknowledged() + ", pushesRejected=" + s.pushesRejected() + "]";
    }
}
