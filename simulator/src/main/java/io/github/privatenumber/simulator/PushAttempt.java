package io.github.privatenumber.simulator;

import java.time.Instant;

/**
 * One delivery attempt of a {@link Push}.
 *
 * @param at when it was made
 * @param httpStatus the receiver's HTTP status, -1 when no answer arrived
 * @param error what went wrong when no answer arrived (connection refused, timeout), else {@code null}
 */
public record PushAttempt(Instant at, int httpStatus, String error) {
}
