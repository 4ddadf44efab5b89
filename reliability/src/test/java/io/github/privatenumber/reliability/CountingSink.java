package io.github.privatenumber.reliability;

import io.github.privatenumber.core.notification.CallDetailRecord;
import io.github.privatenumber.core.notification.CallEvent;
import io.github.privatenumber.core.notification.NotificationSink;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * A test sink: counts every accepted record by key ({@code cdr:<icid>}; events by {@code session:<sessionId>} and by
 * {@code event:<deduplicationKey>}), fails on the records the given rule picks (to make the receiver answer 500 and
 * the platform push again), and scans every record's {@code toString()} for leaks. Thread-safe.
 */
final class CountingSink implements NotificationSink {

    /** A number the sink's failures echo, registered as sensitive. */
    static final String SINK_DECOY = "+8613766665555";

    static {
        Sensitive.number(SINK_DECOY);
    }


    private final Map<String, AtomicInteger> accepted = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> offered = new ConcurrentHashMap<>();
    private final Predicate<String> failNow;
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong deliveries = new AtomicLong();
    private final List<String> leaks = new CopyOnWriteArrayList<>();
    private final boolean scanToString;

    /**
     * @param failNow given a record's key and told nothing else, answers whether to throw this time
     * @param scanToString whether to scan each record's {@code toString()} (costly at high rates)
     */
    CountingSink(Predicate<String> failNow, boolean scanToString) {
        this.failNow = failNow;
        this.scanToString = scanToString;
    }

    /** @return a rule that fails the first delivery of every CDR whose icid starts with {@code FAILONCE-} */
    static Predicate<String> failOnceMarked(CountingSink[] self) {
        return key -> key.startsWith("cdr:FAILONCE-") && self[0].offered(key) == 1;
    }

    @Override
    public void onCallEvent(CallEvent event) {
        String key = event.sessionId().map(s -> "session:" + s.value()).orElse("event:" + event.deduplicationKey());
        take(key, event);
        if (event.sessionId().isPresent()) {
            accepted.computeIfAbsent("event:" + event.deduplicationKey(), k -> new AtomicInteger()).incrementAndGet();
        }
    }

    @Override
    public void onCallDetailRecord(CallDetailRecord record) {
        take("cdr:" + record.icid(), record);
    }

    private void take(String key, Object record) {
        offered.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        if (scanToString) {
            // ids (icid, sessionId) are shown as received, by design; the number fields must be masked
            String text = record.toString();
            String session = null;
            if (record instanceof CallDetailRecord cdr) {
                text = text.replace(cdr.icid(), "<icid>");
                session = cdr.sessionId().map(s -> s.value()).orElse(null);
            } else if (record instanceof CallEvent e) {
                session = e.sessionId().map(s -> s.value()).orElse(null);
            }
            if (session != null) {
                text = text.replace(session, "<sessionId>");
            }
            leaks.addAll(Sensitive.leaks("a delivered record's toString (" + record.getClass().getSimpleName() + ")",
                    text));
        }
        if (failNow.test(key)) {
            failures.incrementAndGet();
            // like a database error that echoes the row: the number must not reach the logs in clear, not even at
            // DEBUG, where the receiver writes the failure's stack trace
            throw new IllegalStateException("test sink: storage unavailable for this record (injected), duplicate key "
                    + "for callee " + SINK_DECOY + " / " + SINK_DECOY.substring(3));
        }
        accepted.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        deliveries.incrementAndGet();
    }

    /** @return how often the record was handed to the sink, failed attempts included */
    int offered(String key) {
        AtomicInteger n = offered.get(key);
        return n == null ? 0 : n.get();
    }

    /** @return how often the record was accepted */
    int accepted(String key) {
        AtomicInteger n = accepted.get(key);
        return n == null ? 0 : n.get();
    }

    Map<String, AtomicInteger> acceptedCounts() {
        return accepted;
    }

    long failures() {
        return failures.get();
    }

    long deliveries() {
        return deliveries.get();
    }

    List<String> leaks() {
        return leaks;
    }
}
