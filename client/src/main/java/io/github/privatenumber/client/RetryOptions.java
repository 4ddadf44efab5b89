package io.github.privatenumber.client;

import io.github.privatenumber.core.InvalidValueException;
import io.github.privatenumber.core.result.ResultCode;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * How the client retries an operation: how many attempts, how long it waits between them (exponential backoff with
 * jitter) and which failures count as transient. Immutable and thread-safe; build with {@link #builder()}.
 *
 * <p>Defaults: 3 attempts; waits of 200 ms, then 400 ms, …, each randomised by ±50 % and capped at 5 s (before
 * the randomisation); transient failures are transport failures (no answer), HTTP 5xx answers and the result codes
 * {@code 1010001}, {@code 1023001} and {@code 1023002}.
 *
 * <p>These options say <em>how</em> and <em>on what</em> to retry; <em>whether</em> an operation may be retried at
 * all is fixed per operation and cannot be widened here (see {@link PrivateNumberClient}): an AX bind is retried only
 * when its request surely never left this process, whatever these options say.
 */
public final class RetryOptions {

    /** Default number of attempts, the first included. */
    public static final int DEFAULT_MAX_ATTEMPTS = 3;
    /** Default wait before the second attempt. */
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(200);
    /** Default growth of the wait from one retry to the next. */
    public static final double DEFAULT_MULTIPLIER = 2.0;
    /** Default randomisation of each wait: ±50 %. */
    public static final double DEFAULT_JITTER = 0.5;
    /** Default cap on a wait, before randomisation. */
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(5);
    /** The platform's own transient failures, which it says may be retried. */
    public static final Set<ResultCode> DEFAULT_RETRYABLE_RESULT_CODES =
            Set.of(ResultCode.INTERNAL_ERROR, ResultCode.INTERNAL_TIMEOUT, ResultCode.INTERNAL_TIMEOUT_2);

    private static final int MAX_ATTEMPTS_LIMIT = 10;

    private final int maxAttempts;
    private final Duration initialBackoff;
    private final double multiplier;
    private final double jitter;
    private final Duration maxBackoff;
    private final Set<ResultCode> retryableResultCodes;
    private final boolean retryOnServerErrors;
    private final boolean retryOnTransportFailures;

    private RetryOptions(Builder b) {
        this.maxAttempts = b.maxAttempts;
        this.initialBackoff = b.initialBackoff;
        this.multiplier = b.multiplier;
        this.jitter = b.jitter;
        this.maxBackoff = b.maxBackoff;
        this.retryableResultCodes = Set.copyOf(b.retryableResultCodes);
        this.retryOnServerErrors = b.retryOnServerErrors;
        this.retryOnTransportFailures = b.retryOnTransportFailures;
    }

    /**
     * @return the defaults described on the class
     */
    public static RetryOptions defaults() {
        return builder().build();
    }

    /**
     * @return options that never retry: one attempt per call
     */
    public static RetryOptions none() {
        return builder().maxAttempts(1).build();
    }

    /**
     * @return a builder holding the defaults; not thread-safe
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @return a builder holding these options
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.maxAttempts = maxAttempts;
        b.initialBackoff = initialBackoff;
        b.multiplier = multiplier;
        b.jitter = jitter;
        b.maxBackoff = maxBackoff;
        b.maxBackoffSet = true;
        b.retryableResultCodes = new LinkedHashSet<>(retryableResultCodes);
        b.retryOnServerErrors = retryOnServerErrors;
        b.retryOnTransportFailures = retryOnTransportFailures;
        return b;
    }

    /**
     * @return attempts per call, the first included; 1 means no retry
     */
    public int maxAttempts() {
        return maxAttempts;
    }

    /**
     * @return the wait before the second attempt, before randomisation
     */
    public Duration initialBackoff() {
        return initialBackoff;
    }

    /**
     * @return the factor by which each wait grows
     */
    public double multiplier() {
        return multiplier;
    }

    /**
     * @return the randomisation of each wait: a wait {@code w} becomes a uniform pick from
     *     {@code [w·(1−jitter), w·(1+jitter)]}
     */
    public double jitter() {
        return jitter;
    }

    /**
     * @return the cap on a wait, applied before randomisation
     */
    public Duration maxBackoff() {
        return maxBackoff;
    }

    /**
     * @return result codes treated as transient, whatever the HTTP status
     */
    public Set<ResultCode> retryableResultCodes() {
        return retryableResultCodes;
    }

    /**
     * @return whether an HTTP 5xx answer counts as transient
     */
    public boolean retryOnServerErrors() {
        return retryOnServerErrors;
    }

    /**
     * @return whether a transport failure (no answer: refused, reset, timed out) counts as transient
     */
    public boolean retryOnTransportFailures() {
        return retryOnTransportFailures;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RetryOptions other && maxAttempts == other.maxAttempts
                && initialBackoff.equals(other.initialBackoff) && multiplier == other.multiplier
                && jitter == other.jitter && maxBackoff.equals(other.maxBackoff)
                && retryableResultCodes.equals(other.retryableResultCodes)
                && retryOnServerErrors == other.retryOnServerErrors
                && retryOnTransportFailures == other.retryOnTransportFailures;
    }

    @Override
    public int hashCode() {
        return Objects.hash(maxAttempts, initialBackoff, multiplier, jitter, maxBackoff, retryableResultCodes,
                retryOnServerErrors, retryOnTransportFailures);
    }

    @Override
    public String toString() {
        return "RetryOptions[maxAttempts=" + maxAttempts + ", initialBackoff=" + initialBackoff + ", multiplier="
                + multiplier + ", jitter=" + jitter + ", maxBackoff=" + maxBackoff + ", retryableResultCodes="
                + retryableResultCodes + ", retryOnServerErrors=" + retryOnServerErrors
                + ", retryOnTransportFailures=" + retryOnTransportFailures + "]";
    }

    /**
     * Builds {@link RetryOptions}. Not thread-safe; every setter validates at once and throws
     * {@link InvalidValueException} naming the option ({@code retry.maxAttempts} …).
     */
    public static final class Builder {
        private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
        private Duration initialBackoff = DEFAULT_INITIAL_BACKOFF;
        private double multiplier = DEFAULT_MULTIPLIER;
        private double jitter = DEFAULT_JITTER;
        private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
        private boolean maxBackoffSet;
        private Set<ResultCode> retryableResultCodes = new LinkedHashSet<>(DEFAULT_RETRYABLE_RESULT_CODES);
        private boolean retryOnServerErrors = true;
        private boolean retryOnTransportFailures = true;

        private Builder() {
        }

        /**
         * @param attempts attempts per call, the first included: 1 (no retry) to 10
         * @return this builder
         * @throws InvalidValueException naming {@code retry.maxAttempts} when out of range
         */
        public Builder maxAttempts(int attempts) {
            if (attempts < 1 || attempts > MAX_ATTEMPTS_LIMIT) {
                throw new InvalidValueException("retry.maxAttempts", "must be 1-" + MAX_ATTEMPTS_LIMIT + ", got " + attempts);
            }
            this.maxAttempts = attempts;
            return this;
        }

        /**
         * @param backoff the wait before the second attempt: 1 ms to 1 minute
         * @return this builder
         * @throws InvalidValueException naming {@code retry.initialBackoff} when out of range
         */
        public Builder initialBackoff(Duration backoff) {
            this.initialBackoff = checkBackoff("retry.initialBackoff", backoff, Duration.ofMinutes(1));
            return this;
        }

        /**
         * @param factor growth of the wait from one retry to the next: 1.0 (constant) to 10.0
         * @return this builder
         * @throws InvalidValueException naming {@code retry.multiplier} when out of range
         */
        public Builder multiplier(double factor) {
            if (!(factor >= 1.0 && factor <= 10.0)) {
                throw new InvalidValueException("retry.multiplier", "must be 1.0-10.0, got " + factor);
            }
            this.multiplier = factor;
            return this;
        }

        /**
         * @param randomisation 0 (none) up to, but excluding, 1
         * @return this builder
         * @throws InvalidValueException naming {@code retry.jitter} when out of range
         */
        public Builder jitter(double randomisation) {
            if (!(randomisation >= 0.0 && randomisation < 1.0)) {
                throw new InvalidValueException("retry.jitter", "must be at least 0 and less than 1, got " + randomisation);
            }
            this.jitter = randomisation;
            return this;
        }

        /**
         * @param backoff the cap on a wait, before randomisation: 1 ms to 5 minutes; not below the initial backoff
         *     (checked by {@link #build()}). Left unset, it is 5 s or the initial backoff, whichever is larger.
         * @return this builder
         * @throws InvalidValueException naming {@code retry.maxBackoff} when out of range
         */
        public Builder maxBackoff(Duration backoff) {
            this.maxBackoff = checkBackoff("retry.maxBackoff", backoff, Duration.ofMinutes(5));
            this.maxBackoffSet = true;
            return this;
        }

        /**
         * @param codes result codes to treat as transient (replacing the default set); may be empty
         * @return this builder
         * @throws InvalidValueException naming {@code retry.retryableResultCodes} if the collection or a code is
         *     {@code null}, or it contains the success code {@code 0}
         */
        public Builder retryableResultCodes(Collection<ResultCode> codes) {
            if (codes == null) {
                throw new InvalidValueException("retry.retryableResultCodes", "is required (may be empty)");
            }
            Set<ResultCode> copy = new LinkedHashSet<>();
            for (ResultCode c : codes) {
                if (c == null) {
                    throw new InvalidValueException("retry.retryableResultCodes", "must not contain null");
                }
                if (c.isSuccess()) {
                    throw new InvalidValueException("retry.retryableResultCodes", "must not contain the success code 0");
                }
                copy.add(c);
            }
            this.retryableResultCodes = copy;
            return this;
        }

        /**
         * @param retry whether an HTTP 5xx answer counts as transient (default {@code true})
         * @return this builder
         */
        public Builder retryOnServerErrors(boolean retry) {
            this.retryOnServerErrors = retry;
            return this;
        }

        /**
         * @param retry whether a transport failure counts as transient (default {@code true})
         * @return this builder
         */
        public Builder retryOnTransportFailures(boolean retry) {
            this.retryOnTransportFailures = retry;
            return this;
        }

        /**
         * @return the options
         * @throws InvalidValueException naming {@code retry.maxBackoff} if it is below the initial backoff
         */
        public RetryOptions build() {
            if (!maxBackoffSet && maxBackoff.compareTo(initialBackoff) < 0) {
                maxBackoff = initialBackoff;
            }
            if (maxBackoff.compareTo(initialBackoff) < 0) {
                throw new InvalidValueException("retry.maxBackoff", "must not be below retry.initialBackoff ("
                        + initialBackoff + "), got " + maxBackoff);
            }
            return new RetryOptions(this);
        }

        private static Duration checkBackoff(String field, Duration d, Duration max) {
            if (d == null) {
                throw new InvalidValueException(field, "is required");
            }
            if (d.compareTo(Duration.ofMillis(1)) < 0 || d.compareTo(max) > 0) {
                throw new InvalidValueException(field, "must be 1 ms to " + max + ", got " + d);
            }
            return d;
        }
    }
}
