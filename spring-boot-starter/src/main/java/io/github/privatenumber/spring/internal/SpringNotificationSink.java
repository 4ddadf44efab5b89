package io.github.privatenumber.spring.internal;

import io.github.privatenumber.core.notification.CallDetailRecord;
import io.github.privatenumber.core.notification.CallEvent;
import io.github.privatenumber.core.notification.NotificationSink;
import io.github.privatenumber.spring.CallEventReceived;
import io.github.privatenumber.spring.CdrReceived;
import java.util.List;
import java.util.Objects;
import org.springframework.context.ApplicationEventPublisher;

/**
 * The receiver's sink in a Spring application: hands each new record to every {@link NotificationSink} bean in
 * order, then publishes it as {@link CallEventReceived} / {@link CdrReceived}. The first failure (a sink or a
 * synchronous listener that throws) propagates, so the push is answered 5xx and comes again; the sinks that took it
 * already see it again then, which is why sinks are idempotent (by {@code icid} for CDRs). Thread-safe when the
 * sinks are.
 */
public final class SpringNotificationSink implements NotificationSink {

    private final List<NotificationSink> sinks;
    private final ApplicationEventPublisher publisher;

    /**
     * @param sinks the application's sinks, in order
     * @param publisher where the events go
     */
    public SpringNotificationSink(List<NotificationSink> sinks, ApplicationEventPublisher publisher) {
        this.sinks = List.copyOf(sinks);
        this.publisher = Objects.requireNonNull(publisher, "publisher");
    }

    @Override
    public void onCallEvent(CallEvent event) {
        for (NotificationSink sink : sinks) {
            sink.onCallEvent(event);
        }
        publisher.publishEvent(new CallEventReceived(event));
    }

    @Override
    public void onCallDetailRecord(CallDetailRecord record) {
        for (NotificationSink sink : sinks) {
            sink.onCallDetailRecord(record);
        }
        publisher.publishEvent(new CdrReceived(record));
    }

    @Override
    public String toString() {
        return "SpringNotificationSink[sinks=" + sinks.size() + " + application events]";
    }
}
