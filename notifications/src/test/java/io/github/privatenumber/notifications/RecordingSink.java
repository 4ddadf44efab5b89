package io.github.privatenumber.notifications;

import io.github.privatenumber.core.notification.CallDetailRecord;
import io.github.privatenumber.core.notification.CallEvent;
import io.github.privatenumber.core.notification.NotificationSink;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/** A sink that keeps what it accepted, with switchable failures and delay. Thread-safe. */
class RecordingSink implements NotificationSink {

    final List<CallEvent> events = new CopyOnWriteArrayList<>();
    final List<CallDetailRecord> cdrs = new CopyOnWriteArrayList<>();
    final AtomicInteger calls = new AtomicInteger();
    volatile Predicate<CallDetailRecord> failCdr = r -> false;
    volatile Predicate<CallEvent> failEvent = e -> false;
    volatile long delayMillis;

    @Override
    public void onCallEvent(CallEvent event) {
        calls.incrementAndGet();
        pause();
        if (failEvent.test(event)) {
            throw new IllegalStateException("sink down for event of +8613800000001");
        }
        events.add(event);
    }

    @Override
    public void onCallDetailRecord(CallDetailRecord record) {
        calls.incrementAndGet();
        pause();
        if (failCdr.test(record)) {
            throw new IllegalStateException("database down while storing a CDR of +8613800000001");
        }
        cdrs.add(record);
    }

    private void pause() {
        if (delayMillis > 0) {
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    List<String> icids() {
        return cdrs.stream().map(CallDetailRecord::icid).toList();
    }
}
