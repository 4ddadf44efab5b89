package io.github.privatenumber.spring;

import io.github.privatenumber.core.notification.CallDetailRecord;
import java.util.Objects;

/**
 * Published as a Spring application event for every new call detail record the webhook accepted, after the
 * {@link io.github.privatenumber.core.notification.NotificationSink} beans took it. Listen with
 * {@code @EventListener void on(CdrReceived e)}. Listeners run on the request's thread before the platform gets its
 * answer: one that throws rejects the push (the platform pushes again, and the record arrives again), so keep them
 * quick and idempotent by {@code icid}.
 *
 * @param record the call detail record
 */
public record CdrReceived(CallDetailRecord record) {

    /**
     * @throws NullPointerException if {@code record} is {@code null}
     */
    public CdrReceived {
        Objects.requireNonNull(record, "record");
    }
}
