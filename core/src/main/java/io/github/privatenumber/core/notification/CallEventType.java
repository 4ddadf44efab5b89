package io.github.privatenumber.core.notification;

import io.github.privatenumber.core.InvalidValueException;
import io.github.privatenumber.core.internal.Checks;
import java.util.Set;

/**
 * The {@code eventType} of a call-status push. An open type: besides the documented call events the
 * platform sends others (for example an X-number status push whose fields are not published); those are
 * kept, not refused. Immutable and thread-safe; equal when the names are equal (case-sensitive, as on the
 * wire).
 *
 * @param name the event type as sent, 1–64 visible ASCII characters, e.g. {@code disconnect}
 */
public record CallEventType(String name) {

    /** The longest accepted name. */
    public static final int MAX_LENGTH = 64;

    /** {@code callin}: a call reached the privacy number. */
    public static final CallEventType CALLIN = new CallEventType("callin");
    /** {@code callout}: the platform placed the forwarded call. */
    public static final CallEventType CALLOUT = new CallEventType("callout");
    /** {@code alerting}: the called party is ringing. */
    public static final CallEventType ALERTING = new CallEventType("alerting");
    /** {@code answer}: the called party answered. */
    public static final CallEventType ANSWER = new CallEventType("answer");
    /** {@code disconnect}: the call ended; the event carries a hang-up code. */
    public static final CallEventType DISCONNECT = new CallEventType("disconnect");

    private static final Set<String> KNOWN = Set.of("callin", "callout", "alerting", "answer", "disconnect");

    /**
     * @param name as documented on the record
     * @throws InvalidValueException naming {@code eventType} if {@code name} is {@code null}, empty, blank,
     *     longer than 64 characters or not visible ASCII
     */
    public CallEventType {
        Checks.visibleAscii("eventType", name, MAX_LENGTH);
    }

    /**
     * @param name the event type as sent
     * @return the event type
     * @throws InvalidValueException as the constructor
     */
    public static CallEventType of(String name) {
        return new CallEventType(name);
    }

    /**
     * @return {@code true} for the five documented call events
     */
    public boolean isKnown() {
        return KNOWN.contains(name);
    }

    @Override
    public String toString() {
        return name;
    }
}
