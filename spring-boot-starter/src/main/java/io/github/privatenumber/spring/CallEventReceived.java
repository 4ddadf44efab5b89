package io.github.privatenumber.spring;

import io.github.privatenumber.core.notification.CallEvent;
import java.util.Objects;

/**
 * Published as a Spring application event for every new call event the webhook accepted, after the
 * {@link io.github.privatenumber.core.notification.NotificationSink} beans took it. Listen with
 * {@code @EventListener void on(CallEventReceived e)}. Listeners run on the request's thread before the platform
 * gets its answer: one that throws rejects the push (the platform pushes again), so keep them quick and let them
 * throw only when the event could not be handled.
 *
 * @param event the call event
 */
public record CallEventReceived(CallEvent event) {

    /**
     * @throws NullPointerException if {@code event} is {@code null}
     */
    public CallEventReceived {
        Objects.requireNonNull(event, "event");
    }
}
