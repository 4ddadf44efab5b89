package io.github.privatenumber.core.notification;

/**
 * Where the notification receiver hands verified, parsed and de-duplicated pushes: the application's
 * side of SPEC §10. A port: applications implement it.
 *
 * <p><b>Delivery.</b> The receiver calls each method at most once per distinct record it has seen (CDRs by
 * {@code icid}, call events by {@link CallEvent#deduplicationKey()}), but its memory of what was delivered
 * is bounded and local to one process: after a restart, or on a cluster of receivers, the same record can
 * arrive again. Implementations should therefore be idempotent-friendly, for example by storing CDRs keyed
 * by {@code icid}.
 *
 * <p><b>Failure.</b> Returning normally accepts the record. Throwing any exception rejects it: the receiver
 * answers the push with HTTP 5xx, does not mark the record as delivered, and the platform pushes it again
 * (up to six times, after 1, 4, 9, 106, 203 and 300 minutes, about 10.4 hours in all; {@code callin} events may not be re-pushed). Throw only when the
 * record could not be stored or handled, never to drop an unwanted record.
 *
 * <p><b>Threads.</b> Pushes arrive concurrently, so implementations must be thread-safe. They should be
 * quick: the platform waits for the answer.
 */
public interface NotificationSink {

    /**
     * Accepts one call-status event, of a known type or not.
     *
     * @param event the event
     * @throws RuntimeException any exception, to have the push answered with 5xx and pushed again
     */
    void onCallEvent(CallEvent event);

    /**
     * Accepts one call detail record.
     *
     * @param record the record
     * @throws RuntimeException any exception, to have the push answered with 5xx and pushed again
     */
    void onCallDetailRecord(CallDetailRecord record);
}
