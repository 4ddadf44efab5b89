package io.github.privatenumber.simulator;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * A fault to inject into the platform API: which requests it matches (exact path, optionally a method),
 * what it does, and how many times. Immutable; create with the factories and refine with the withers:
 * <pre>{@code
 * sim.faults().add(Fault.answerLost("/rest/omp/xyrelationnumber/v1.0").onMethod("POST"));      // once
 * sim.faults().add(Fault.latency("/rest/omp/xyrelationnumber/v1.0", Duration.ofMillis(300)).unlimited());
 * }</pre>
 * Admin endpoints under {@code /simulator/} are never affected. When several rules match a request, the
 * first matching latency rule and the first matching rule of another kind are applied (so a slow 500 is
 * two rules).
 *
 * @param path the exact request path, e.g. {@code /rest/omp/xyrelationnumber/v1.0}; not under {@code /simulator/}
 * @param method {@code GET}, {@code POST}, {@code DELETE}, {@code PUT} or {@code HEAD} (any case), or {@code null}
 *     or {@code "*"} for any
 * @param kind what happens
 * @param latency the delay for {@link FaultKind#LATENCY} (positive, at most {@link #MAX_LATENCY}), {@link Duration#ZERO}
 *     for other kinds
 * @param times how many requests it applies to; {@link #UNLIMITED} for all
 */
public record Fault(String path, String method, FaultKind kind, Duration latency, int times) {

    /** {@link #times()} value for "every matching request". */
    public static final int UNLIMITED = -1;
    /** The methods a rule may name ({@code "*"} or {@code null} means any). */
    public static final java.util.Set<String> METHODS = java.util.Set.of("GET", "POST", "DELETE", "PUT", "HEAD");
    /** The longest latency a rule may add: 60 seconds. */
    public static final Duration MAX_LATENCY = Duration.ofSeconds(60);

    /** Validates the rule. */
    public Fault {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(latency, "latency");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with /");
        }
        if (path.equals("/simulator") || path.startsWith("/simulator/")) {
            throw new IllegalArgumentException("the admin API under /simulator/ is never faulted");
        }
        if (method != null) {
            method = method.toUpperCase(Locale.ROOT);
            if (method.equals("*")) {
                method = null;
            } else if (!METHODS.contains(method)) {
                throw new IllegalArgumentException("method must be GET, POST, DELETE, PUT, HEAD or * (any)");
            }
        }
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative");
        }
        if (latency.compareTo(MAX_LATENCY) > 0) {
            throw new IllegalArgumentException("latency must be at most 60 seconds");
        }
        if (kind == FaultKind.LATENCY && latency.isZero()) {
            throw new IllegalArgumentException("a latency fault needs a positive latency");
        }
        if (times < 1 && times != UNLIMITED) {
            throw new IllegalArgumentException("times must be at least 1, or UNLIMITED");
        }
    }

    /**
     * @param path exact path
     * @param delay how long to wait before processing
     * @return a latency rule for the next matching request
     */
    public static Fault latency(String path, Duration delay) {
        return new Fault(path, null, FaultKind.LATENCY, delay, 1);
    }

    /**
     * @param path exact path
     * @return a rule answering the next matching request with HTTP 500 / {@code 1010001}
     */
    public static Fault serverError(String path) {
        return new Fault(path, null, FaultKind.SERVER_ERROR, Duration.ZERO, 1);
    }

    /**
     * @param path exact path
     * @return a rule resetting the connection (TCP RST) of the next matching request without processing it
     */
    public static Fault connectionReset(String path) {
        return new Fault(path, null, FaultKind.CONNECTION_RESET, Duration.ZERO, 1);
    }

    /**
     * @param path exact path
     * @return a rule processing the next matching request, then closing the connection (FIN) without an answer
     */
    public static Fault answerLost(String path) {
        return new Fault(path, null, FaultKind.ANSWER_LOST, Duration.ZERO, 1);
    }

    /**
     * @param httpMethod e.g. {@code POST}; {@code null} for any
     * @return a copy restricted to that method
     */
    public Fault onMethod(String httpMethod) {
        return new Fault(path, httpMethod, kind, latency, times);
    }

    /**
     * @param count how many matching requests it applies to, at least 1
     * @return a copy with that count
     */
    public Fault times(int count) {
        return new Fault(path, method, kind, latency, count);
    }

    /** @return a copy that applies to every matching request until removed */
    public Fault unlimited() {
        return new Fault(path, method, kind, latency, UNLIMITED);
    }
}
