package io.github.privatenumber.client.internal;

import io.github.privatenumber.client.RetryOptions;
import io.github.privatenumber.client.UnreadableAnswerException;
import io.github.privatenumber.core.OutcomeUnknownException;
import io.github.privatenumber.core.PlatformException;
import io.github.privatenumber.core.TransportException;
import io.github.privatenumber.core.result.ResultCode;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;

/**
 * Which failures each operation retries (the static part of the rules; {@link CallRunner} adds the per-call part:
 * the overall deadline, cancellation and the once-only retry of {@code 1010010}).
 *
 * <ul>
 *   <li>AX bind: only a {@link TransportException} whose request surely never left this process. Nothing else,
 *       whatever the options say: not a lost answer (that becomes {@link OutcomeUnknownException}), not a 5xx, not
 *       {@code 1010001} — those are answers, or may hide a binding that was made.</li>
 *   <li>Every other operation: transport failures (if {@link RetryOptions#retryOnTransportFailures()}), HTTP 5xx
 *       answers (if {@link RetryOptions#retryOnServerErrors()}, unreadable 5xx answers included) and the
 *       {@link RetryOptions#retryableResultCodes()}.</li>
 *   <li>GET and DELETE operations also retry {@code 1010010} (nonce already used / invalid digest), once per call:
 *       an HTTP stack or proxy may re-send such a request with the same signature by itself (the JDK client does for
 *       GET), and the platform then refuses the copy as a replay. A wrong secret fails on the retry too.</li>
 * </ul>
 */
public final class RetryRules {

    private RetryRules() {
    }

    /**
     * @param op the operation
     * @param options the client's retry options
     * @return the predicate handed to resilience4j: {@code true} means "retry after this failure"
     */
    public static Predicate<Throwable> forOperation(Operation op, RetryOptions options) {
        if (op == Operation.BIND_AX) {
            return t -> {
                if (isStop(t)) {
                    return false;
                }
                Throwable c = unwrap(t);
                return options.retryOnTransportFailures() && c instanceof TransportException te
                        && !te.requestMayHaveBeenSent();
            };
        }
        boolean replay = op.mayBeResentByHttpStack();
        return t -> !isStop(t) && (isTransient(unwrap(t), options) || (replay && isReplayRefusal(unwrap(t))));
    }

    /** A failure the runner marked final (deadline, cancellation, second 1010010): never retried. */
    private static boolean isStop(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c instanceof CallRunner.Stop;
    }

    /**
     * @param t a failure, unwrapped
     * @param options the retry options
     * @return {@code true} for the failures the options call transient
     */
    static boolean isTransient(Throwable t, RetryOptions options) {
        if (t instanceof OutcomeUnknownException) {
            return false;
        }
        if (t instanceof UnreadableAnswerException u) {
            return options.retryOnServerErrors() && u.httpStatus() >= 500;
        }
        if (t instanceof TransportException) {
            return options.retryOnTransportFailures();
        }
        if (t instanceof PlatformException p) {
            return (options.retryOnServerErrors() && p.httpStatus() >= 500)
                    || options.retryableResultCodes().contains(p.resultCode());
        }
        return false;
    }

    /**
     * @param t a failure, unwrapped
     * @return {@code true} for the platform's {@code 1010010}
     */
    static boolean isReplayRefusal(Throwable t) {
        return t instanceof PlatformException p && p.resultCode().equals(ResultCode.INVALID_DIGEST);
    }

    /**
     * A failure after which the platform's state is unknown: no (readable) answer to a request that may have been
     * sent, an HTTP 5xx or one of the platform's transient codes (an internal error does not promise that nothing
     * happened), or {@code 1010010} on a request an HTTP stack may have re-sent.
     *
     * @param op the operation
     * @param t a failure, unwrapped
     * @return whether the attempt may have taken effect
     */
    static boolean mayHaveTakenEffect(Operation op, Throwable t) {
        if (t instanceof TransportException te) {
            return te.requestMayHaveBeenSent();
        }
        if (t instanceof PlatformException p) {
            return p.httpStatus() >= 500 || p.resultCode().isTransientPlatformFailure()
                    || (op.mayBeResentByHttpStack() && isReplayRefusal(p));
        }
        return false;
    }

    /**
     * @param t a failure as it came out of a future
     * @return the failure without {@link CompletionException}, {@link ExecutionException} and {@link CallRunner}'s
     *     internal wrappers
     */
    public static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof ExecutionException || c instanceof CallRunner.Stop)
                && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }
}
