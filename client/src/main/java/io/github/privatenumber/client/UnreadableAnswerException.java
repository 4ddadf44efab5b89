package io.github.privatenumber.client;

import io.github.privatenumber.core.TransportException;

/**
 * An answer arrived but could not be read as the platform's: the body is not UTF-8 JSON, has no
 * {@code resultcode}, or a success lacks what it must carry (for example a bind answer without
 * {@code subscriptionId}, a recording answer without {@code Location}). Typical causes are a proxy or load balancer
 * answering in the platform's place (an HTML 502 page) or a wrong endpoint path.
 *
 * <p>It is a {@link TransportException} whose request <em>may have been sent</em>: nobody can tell from such an
 * answer whether the platform acted, so an AX bind that gets one fails with
 * {@link io.github.privatenumber.core.OutcomeUnknownException}, and the idempotent operations retry it only when its
 * HTTP status is 5xx. The message carries the HTTP status, the content type and the body length, never the body.
 */
public class UnreadableAnswerException extends TransportException {

    private final int httpStatus;

    /**
     * @param message what could not be read; free of phone numbers and secrets
     * @param httpStatus the HTTP status of the answer
     * @param cause the parse failure, may be {@code null}
     */
    public UnreadableAnswerException(String message, int httpStatus, Throwable cause) {
        super(message, cause, true);
        this.httpStatus = httpStatus;
    }

    /**
     * @return the HTTP status of the unreadable answer
     */
    public int httpStatus() {
        return httpStatus;
    }
}
