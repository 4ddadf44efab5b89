package io.github.privatenumber.notifications;

import io.github.privatenumber.core.InvalidValueException;
import io.github.privatenumber.core.notification.CallDetailRecord;
import io.github.privatenumber.core.notification.CallEvent;
import io.github.privatenumber.core.notification.CallEventType;
import io.github.privatenumber.core.notification.NotificationSink;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link NotificationSink} made of lambdas, dispatching by kind and event type:
 * <pre>{@code
 * NotificationSink sink = NotificationHandlers.builder()
 *         .onCdr(cdr -> billing.record(cdr.icid(), cdr.talkTime()))
 *         .on(CallEventType.ANSWER, e -> calls.answered(e))
 *         .on(CallEventType.DISCONNECT, e -> calls.ended(e, e.stateCode()))
 *         .onUnknownEvent(e -> audit.keep(e.type(), e.rawJson()))
 *         .onCallEvent(e -> log.debug("{}", e))          // every other event
 *         .build();
 * }</pre>
 *
 * <p><b>Which handler runs.</b> Exactly one handler per record, the most specific: for a call event the handler
 * registered with {@link Builder#on} for its type; else, for a type outside the five documented ones, the
 * {@link Builder#onUnknownEvent} handler; else the {@link Builder#onCallEvent} handler. A record without a handler is
 * accepted and dropped (DEBUG log for events; a WARN on the first CDR dropped, since CDRs are billing data).
 *
 * <p><b>Failures.</b> A handler that throws rejects the record: the receiver answers 5xx and the platform pushes it
 * again (see {@link NotificationSink}). Immutable and thread-safe when the handlers are.
 */
public final class NotificationHandlers implements NotificationSink {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationHandlers.class);

    private final Map<CallEventType, Consumer<? super CallEvent>> byType;
    private final Consumer<? super CallEvent> unknown;
    private final Consumer<? super CallEvent> anyEvent;
    private final Consumer<? super CallDetailRecord> cdr;
    private final AtomicBoolean warnedNoCdrHandler = new AtomicBoolean();

    private NotificationHandlers(Builder b) {
        this.byType = Map.copyOf(b.byType);
        this.unknown = b.unknown;
        this.anyEvent = b.anyEvent;
        this.cdr = b.cdr;
    }

    /**
     * @return a builder without handlers
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs the most specific handler for the event (see the class description).
     *
     * @param event the event
     * @throws RuntimeException whatever the handler throws
     */
    @Override
    public void onCallEvent(CallEvent event) {
        Consumer<? super CallEvent> handler = byType.get(event.type());
        if (handler == null && !event.type().isKnown()) {
            handler = unknown;
        }
        if (handler == null) {
            handler = anyEvent;
        }
        if (handler == null) {
            LOG.debug("no handler for call event type {}: accepted and dropped", event.type());
            return;
        }
        handler.accept(event);
    }

    /**
     * Runs the CDR handler.
     *
     * @param record the record
     * @throws RuntimeException whatever the handler throws
     */
    @Override
    public void onCallDetailRecord(CallDetailRecord record) {
        if (cdr == null) {
            if (warnedNoCdrHandler.compareAndSet(false, true)) {
                LOG.warn("a CDR arrived but no onCdr handler is registered: it is acknowledged and dropped"
                        + " (further drops are logged at DEBUG)");
            } else {
                LOG.debug("no CDR handler: CDR {} dropped", record.icid());
            }
            return;
        }
        cdr.accept(record);
    }

    @Override
    public String toString() {
        return "NotificationHandlers[types=" + byType.keySet() + ", unknown=" + (unknown != null) + ", anyEvent="
                + (anyEvent != null) + ", cdr=" + (cdr != null) + "]";
    }

    /** Collects the handlers. Not thread-safe; each kind may be given once. */
    public static final class Builder {

        private final Map<CallEventType, Consumer<? super CallEvent>> byType = new HashMap<>();
        private Consumer<? super CallEvent> unknown;
        private Consumer<? super CallEvent> anyEvent;
        private Consumer<? super CallDetailRecord> cdr;

        private Builder() {
        }

        /**
         * @param type the event type, e.g. {@link CallEventType#DISCONNECT}, or any other, e.g.
         *     {@code CallEventType.of("xStatus")}
         * @param handler runs for events of exactly that type
         * @return this builder
         * @throws NullPointerException if an argument is {@code null}
         * @throws InvalidValueException (field {@code on}) if that type already has a handler
         */
        public Builder on(CallEventType type, Consumer<? super CallEvent> handler) {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(handler, "handler");
            if (byType.putIfAbsent(type, handler) != null) {
                throw new InvalidValueException("on", "the event type " + type + " already has a handler");
            }
            return this;
        }

        /**
         * @param handler runs for event types outside the five documented ones that have no {@link #on} handler
         * @return this builder
         * @throws NullPointerException if {@code handler} is {@code null}
         * @throws InvalidValueException (field {@code onUnknownEvent}) if given twice
         */
        public Builder onUnknownEvent(Consumer<? super CallEvent> handler) {
            unknown = once("onUnknownEvent", unknown, handler);
            return this;
        }

        /**
         * @param handler runs for every call event no more specific handler takes
         * @return this builder
         * @throws NullPointerException if {@code handler} is {@code null}
         * @throws InvalidValueException (field {@code onCallEvent}) if given twice
         */
        public Builder onCallEvent(Consumer<? super CallEvent> handler) {
            anyEvent = once("onCallEvent", anyEvent, handler);
            return this;
        }

        /**
         * @param handler runs for every new CDR; make it idempotent by {@code icid} (see {@link NotificationSink})
         * @return this builder
         * @throws NullPointerException if {@code handler} is {@code null}
         * @throws InvalidValueException (field {@code onCdr}) if given twice
         */
        public Builder onCdr(Consumer<? super CallDetailRecord> handler) {
            cdr = once("onCdr", cdr, handler);
            return this;
        }

        private static <T> T once(String field, T before, T handler) {
            Objects.requireNonNull(handler, "handler");
            if (before != null) {
                throw new InvalidValueException(field, "is already set");
            }
            return handler;
        }

        /**
         * @return the sink
         */
        public NotificationHandlers build() {
            return new NotificationHandlers(this);
        }
    }
}
