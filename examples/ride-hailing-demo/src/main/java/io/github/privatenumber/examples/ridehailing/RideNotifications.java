package io.github.privatenumber.examples.ridehailing;

import io.github.privatenumber.core.call.SessionId;
import io.github.privatenumber.core.notification.CallDetailRecord;
import io.github.privatenumber.core.notification.CallEvent;
import io.github.privatenumber.core.notification.CallEventType;
import io.github.privatenumber.core.notification.NotificationSink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The ride service's sink: where the starter's webhook hands every verified, new call event and CDR. A real
 * service would store them (idempotently, by {@code icid} for CDRs) and update the order; the demo keeps them in
 * memory so the lifecycle can wait for them. Thread-safe.
 */
@Component
public class RideNotifications implements NotificationSink {

    private final List<CallEvent> events = new ArrayList<>();
    private final List<CallDetailRecord> cdrs = new ArrayList<>();

    @Override
    public synchronized void onCallEvent(CallEvent event) {
        events.add(event);
        notifyAll();
    }

    @Override
    public synchronized void onCallDetailRecord(CallDetailRecord record) {
        cdrs.add(record);
        notifyAll();
    }

    /**
     * @param session the call
     * @return the call's events so far, in arrival order
     */
    public synchronized List<CallEvent> events(SessionId session) {
        return events.stream().filter(e -> e.sessionId().filter(session::equals).isPresent()).toList();
    }

    /**
     * Waits until the call's {@code disconnect} event and its CDR have both arrived.
     *
     * @param session the call
     * @param timeout how long to wait at most
     * @return the CDR, or empty when the wait timed out (then {@link #events(SessionId)} tells what did arrive)
     * @throws InterruptedException if interrupted while waiting
     */
    public synchronized Optional<CallDetailRecord> awaitCallEnd(SessionId session, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<CallDetailRecord> cdr = cdrs.stream()
                    .filter(c -> c.sessionId().filter(session::equals).isPresent()).findFirst();
            boolean disconnected = events(session).stream().anyMatch(e -> e.type().equals(CallEventType.DISCONNECT));
            if (cdr.isPresent() && disconnected) {
                return cdr;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    /**
     * @return how many call events and CDRs arrived
     */
    public synchronized String counts() {
        return events.size() + " call events, " + cdrs.size() + " CDR" + (cdrs.size() == 1 ? "" : "s");
    }
}
