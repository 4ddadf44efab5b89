package io.github.privatenumber.core.notification;

import io.github.privatenumber.core.InvalidValueException;
import io.github.privatenumber.core.Masking;
import io.github.privatenumber.core.call.SessionId;
import io.github.privatenumber.core.internal.Checks;
import io.github.privatenumber.core.number.ReportedNumber;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One call-status push (SPEC §10): its {@code eventType} and the fields of its {@code statusInfo}.
 * Immutable and thread-safe; built by the notification receiver with {@link #builder()}.
 *
 * <p>A push is never refused for an odd value, so every field but the type is optional, and the push's
 * original JSON is kept in {@link #rawJson()} for unknown event types and fields. {@link #toString()}
 * masks numbers and hides the user data and the raw JSON.
 */
public final class CallEvent {

    private final CallEventType type;
    private final SessionId sessionId;
    private final Instant timestamp;
    private final ReportedNumber caller;
    private final ReportedNumber called;
    private final String subscriptionId;
    private final String userData;
    private final HangupCode stateCode;
    private final String stateDesc;
    private final String rawJson;

    private CallEvent(Builder b) {
        this.type = b.type;
        this.sessionId = b.sessionId;
        this.timestamp = b.timestamp;
        this.caller = b.caller;
        this.called = b.called;
        this.subscriptionId = b.subscriptionId;
        this.userData = b.userData;
        this.stateCode = b.stateCode;
        this.stateDesc = b.stateDesc;
        this.rawJson = b.rawJson;
    }

    /**
     * @return a new, empty builder; not thread-safe
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @return the event type, known or not
     */
    public CallEventType type() {
        return type;
    }

    /**
     * @return the call's id
     */
    public Optional<SessionId> sessionId() {
        return Optional.ofNullable(sessionId);
    }

    /**
     * @return when the event happened (the platform's UTC text, read as UTC)
     */
    public Optional<Instant> timestamp() {
        return Optional.ofNullable(timestamp);
    }

    /**
     * @return the calling number as reported
     */
    public Optional<ReportedNumber> caller() {
        return Optional.ofNullable(caller);
    }

    /**
     * @return the called number as reported
     */
    public Optional<ReportedNumber> called() {
        return Optional.ofNullable(called);
    }

    /**
     * @return the binding's subscription id as reported; empty when absent or empty
     */
    public Optional<String> subscriptionId() {
        return Optional.ofNullable(subscriptionId);
    }

    /**
     * @return the binding's user data as reported; may be personal, do not log it
     */
    public Optional<String> userData() {
        return Optional.ofNullable(userData);
    }

    /**
     * @return why the call ended; sent with {@code disconnect} only
     */
    public Optional<HangupCode> stateCode() {
        return Optional.ofNullable(stateCode);
    }

    /**
     * @return the platform's description of {@link #stateCode()}
     */
    public Optional<String> stateDesc() {
        return Optional.ofNullable(stateDesc);
    }

    /**
     * @return the push's original JSON for this event, unknown fields included; empty text when the event
     *     was not read from a push. May hold numbers in clear: do not log it.
     */
    public String rawJson() {
        return rawJson;
    }

    /**
     * The key under which a re-pushed copy of this event is recognised: {@code sessionId|type|timestamp},
     * the timestamp as ISO-8601 text and an absent part as empty text. When the session id is absent the
     * raw JSON is appended, so that only byte-identical pushes of such events are taken as duplicates and
     * distinct events are never merged.
     *
     * @return the de-duplication key
     */
    public String deduplicationKey() {
        String session = sessionId == null ? "" : sessionId.value();
        String time = timestamp == null ? "" : iso(timestamp);
        return sessionId == null ? session + "|" + type.name() + "|" + time + "|" + rawJson
                : session + "|" + type.name() + "|" + time;
    }

    /**
     * {@link Instant#toString()}, written by hand for the whole-second times of the years 1000-9999 that the
     * platform reports (the formatter cost more than the rest of the key; this runs for every pushed event).
     */
    static String iso(Instant t) {
        long seconds = t.getEpochSecond();
        // 1000-01-01T00:00:00Z and 10000-01-01T00:00:00Z
        if (t.getNano() != 0 || seconds < -30_610_224_000L || seconds >= 253_402_300_800L) {
            return t.toString();
        }
        long days = Math.floorDiv(seconds, 86_400L);
        int secondOfDay = (int) (seconds - days * 86_400L);
        // the proleptic Gregorian date of an epoch day (civil_from_days, H. Hinnant), without LocalDate
        long z = days + 719_468L;
        long era = Math.floorDiv(z, 146_097L);
        long dayOfEra = z - era * 146_097L;
        long yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long shiftedMonth = (5 * dayOfYear + 2) / 153;
        int day = (int) (dayOfYear - (153 * shiftedMonth + 2) / 5 + 1);
        int month = (int) (shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9);
        int year = (int) (yearOfEra + era * 400 + (month <= 2 ? 1 : 0));
        byte[] c = {'0', '0', '0', '0', '-', '0', '0', '-', '0', '0', 'T', '0', '0', ':', '0', '0', ':', '0', '0', 'Z'};
        digits(c, 0, 4, year);
        digits(c, 5, 2, month);
        digits(c, 8, 2, day);
        digits(c, 11, 2, secondOfDay / 3_600);
        digits(c, 14, 2, secondOfDay / 60 % 60);
        digits(c, 17, 2, secondOfDay % 60);
        return new String(c, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static void digits(byte[] into, int at, int width, int value) {
        for (int i = at + width - 1; i >= at; i--) {
            into[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof CallEvent)) {
            return false;
        }
        CallEvent other = (CallEvent) o;
        return type.equals(other.type)
                && Objects.equals(sessionId, other.sessionId)
                && Objects.equals(timestamp, other.timestamp)
                && Objects.equals(caller, other.caller)
                && Objects.equals(called, other.called)
                && Objects.equals(subscriptionId, other.subscriptionId)
                && Objects.equals(userData, other.userData)
                && Objects.equals(stateCode, other.stateCode)
                && Objects.equals(stateDesc, other.stateDesc)
                && rawJson.equals(other.rawJson);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, sessionId, timestamp, caller, called, subscriptionId, userData, stateCode, stateDesc,
                rawJson);
    }

    /**
     * @return the event with numbers masked; user data and raw JSON are left out
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("CallEvent[type=").append(type)
                .append(", sessionId=").append(sessionId)
                .append(", timestamp=").append(timestamp)
                .append(", caller=").append(caller)
                .append(", called=").append(called)
                .append(", subscriptionId=").append(subscriptionId == null ? null : Masking.maskText(subscriptionId));
        if (userData != null) {
            sb.append(", userData=[").append(userData.codePointCount(0, userData.length())).append(" chars]");
        }
        if (stateCode != null) {
            sb.append(", stateCode=").append(stateCode);
        }
        if (stateDesc != null) {
            sb.append(", stateDesc=").append(Masking.maskText(stateDesc));
        }
        return sb.append(']').toString();
    }

    /**
     * Builds a {@link CallEvent}. Not thread-safe. Only the type is required; setters of optional values
     * accept {@code null} (and, for text, an empty string) to mean "not reported".
     */
    public static final class Builder {

        private CallEventType type;
        private SessionId sessionId;
        private Instant timestamp;
        private ReportedNumber caller;
        private ReportedNumber called;
        private String subscriptionId;
        private String userData;
        private HangupCode stateCode;
        private String stateDesc;
        private String rawJson = "";

        private Builder() {
        }

        /**
         * @param type the event type
         * @return this builder
         * @throws InvalidValueException naming {@code eventType} if {@code type} is {@code null}
         */
        public Builder type(CallEventType type) {
            this.type = Checks.required("eventType", type);
            return this;
        }

        /**
         * @param sessionId the call's id, or {@code null}
         * @return this builder
         */
        public Builder sessionId(SessionId sessionId) {
            this.sessionId = sessionId;
            return this;
        }

        /**
         * @param timestamp when the event happened, or {@code null}
         * @return this builder
         */
        public Builder timestamp(Instant timestamp) {
            this.timestamp = timestamp;
            return this;
        }

        /**
         * @param caller the calling number as reported, or {@code null}
         * @return this builder
         */
        public Builder caller(ReportedNumber caller) {
            this.caller = caller;
            return this;
        }

        /**
         * @param called the called number as reported, or {@code null}
         * @return this builder
         */
        public Builder called(ReportedNumber called) {
            this.called = called;
            return this;
        }

        /**
         * @param subscriptionId the subscription id as reported, or {@code null}/empty
         * @return this builder
         */
        public Builder subscriptionId(String subscriptionId) {
            this.subscriptionId = emptyToNull(subscriptionId);
            return this;
        }

        /**
         * @param userData the user data as reported, or {@code null}/empty
         * @return this builder
         */
        public Builder userData(String userData) {
            this.userData = emptyToNull(userData);
            return this;
        }

        /**
         * @param stateCode why the call ended, or {@code null}
         * @return this builder
         */
        public Builder stateCode(HangupCode stateCode) {
            this.stateCode = stateCode;
            return this;
        }

        /**
         * @param stateDesc the platform's description of the hang-up code, or {@code null}/empty
         * @return this builder
         */
        public Builder stateDesc(String stateDesc) {
            this.stateDesc = emptyToNull(stateDesc);
            return this;
        }

        /**
         * @param rawJson the push's original JSON for this event; {@code null} means none (empty text)
         * @return this builder
         */
        public Builder rawJson(String rawJson) {
            this.rawJson = rawJson == null ? "" : rawJson;
            return this;
        }

        /**
         * @return the event
         * @throws InvalidValueException naming {@code eventType} if the type was not set
         */
        public CallEvent build() {
            Checks.required("eventType", type);
            return new CallEvent(this);
        }

        private static String emptyToNull(String s) {
            return s == null || s.isEmpty() ? null : s;
        }
    }
}
