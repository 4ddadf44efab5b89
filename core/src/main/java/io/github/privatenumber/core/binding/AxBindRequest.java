package io.github.privatenumber.core.binding;

import io.github.privatenumber.core.InvalidValueException;
import io.github.privatenumber.core.number.AreaCode;
import io.github.privatenumber.core.number.PhoneNumber;
import java.util.Objects;
import java.util.Optional;

/**
 * The first bind step: bind A to a privacy number X (SPEC §4, the call without {@code subscriptionId}).
 * Immutable and thread-safe; build one with {@link #builder()}. Only {@code origNum} is required; an
 * absent optional value is left out of the request, so the platform's default applies.
 *
 * <p>{@link #toString()} masks the number and hides the user data.
 */
public final class AxBindRequest {

    /** The {@code duration} the platform applies when a request leaves it out: 7200 seconds (SPEC §4). */
    public static final BindDuration PLATFORM_DEFAULT_DURATION = BindDuration.ofSeconds(7200);

    private final PhoneNumber origNum;
    private final AreaCode areaCode;
    private final AreaMatchMode areaMatchMode;
    private final CallDirection callDirection;
    private final BindDuration duration;
    /** As set; {@link #ybDuration()} computes the value sent from it and {@link #duration}. */
    private final BindDuration requestedYbDuration;
    private final boolean recordFlag;
    private final VoicePrompt recordHintTone;
    private final VoicePrompt preVoiceX;
    private final UserData userData;

    private AxBindRequest(Builder b) {
        this.origNum = b.origNum;
        this.areaCode = b.areaCode;
        this.areaMatchMode = b.areaMatchMode;
        this.callDirection = b.callDirection;
        this.duration = b.duration;
        this.requestedYbDuration = b.ybDuration;
        this.recordFlag = b.recordFlag;
        this.recordHintTone = b.recordHintTone;
        this.preVoiceX = b.preVoiceX;
        this.userData = b.userData;
    }

    /**
     * The platform cuts a ybDuration longer than the binding's duration to that duration; so do we. Without a
     * duration the binding gets the platform's default, so that is the limit then.
     */
    private static BindDuration effectiveYbDuration(BindDuration duration, BindDuration ybDuration) {
        BindDuration limit = duration == null ? PLATFORM_DEFAULT_DURATION : duration;
        if (ybDuration == null || limit.isUnlimited() || ybDuration.isUnlimited()) {
            return ybDuration;
        }
        return ybDuration.seconds() > limit.seconds() ? limit : ybDuration;
    }

    /**
     * @return a new, empty builder; not thread-safe
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @return a builder holding this request's values
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.origNum = origNum;
        b.areaCode = areaCode;
        b.areaMatchMode = areaMatchMode;
        b.callDirection = callDirection;
        b.duration = duration;
        b.ybDuration = requestedYbDuration;
        b.recordFlag = recordFlag;
        b.recordHintTone = recordHintTone;
        b.preVoiceX = preVoiceX;
        b.userData = userData;
        return b;
    }

    /**
     * @return A, the number to bind ({@code origNum})
     */
    public PhoneNumber origNum() {
        return origNum;
    }

    /**
     * @return the city whose numbers X is taken from ({@code areaCode})
     */
    public Optional<AreaCode> areaCode() {
        return Optional.ofNullable(areaCode);
    }

    /**
     * @return how strictly {@link #areaCode()} is matched; absent means the platform default, strict
     */
    public Optional<AreaMatchMode> areaMatchMode() {
        return Optional.ofNullable(areaMatchMode);
    }

    /**
     * @return which calls are allowed; absent means the platform default, both ways
     */
    public Optional<CallDirection> callDirection() {
        return Optional.ofNullable(callDirection);
    }

    /**
     * @return how long AX and its YB live; absent means the platform default, 7200 seconds
     */
    public Optional<BindDuration> duration() {
        return Optional.ofNullable(duration);
    }

    /**
     * The {@code ybDuration} to send: the {@linkplain #requestedYbDuration() requested} value, cut to the
     * binding's duration when it is longer, as the platform would cut it. The binding's duration is
     * {@link #duration()} when set, else the platform's default of 7200 seconds
     * ({@link #PLATFORM_DEFAULT_DURATION}); a duration of {@code 0} (never expires) and a ybDuration of
     * {@code 0} (until AX ends) cut nothing. Computed on each call, so a request rebuilt with
     * {@link #toBuilder()} and a longer duration gets the requested value back.
     *
     * @return how long YB lives; absent means the platform default, until AX ends
     */
    public Optional<BindDuration> ybDuration() {
        return Optional.ofNullable(effectiveYbDuration(duration, requestedYbDuration));
    }

    /**
     * @return the {@code ybDuration} exactly as set on the builder, before any cut; absent when not set
     */
    public Optional<BindDuration> requestedYbDuration() {
        return Optional.ofNullable(requestedYbDuration);
    }

    /**
     * @return whether calls are recorded ({@code recordFlag}); {@code false} unless set
     */
    public boolean recordFlag() {
        return recordFlag;
    }

    /**
     * @return the announcement played before recording ({@code recordHintTone})
     */
    public Optional<VoicePrompt> recordHintTone() {
        return Optional.ofNullable(recordHintTone);
    }

    /**
     * @return the ring-back A hears when A dials Y ({@code preVoiceX})
     */
    public Optional<VoicePrompt> preVoiceX() {
        return Optional.ofNullable(preVoiceX);
    }

    /**
     * @return the text echoed in call events and CDRs ({@code userData})
     */
    public Optional<UserData> userData() {
        return Optional.ofNullable(userData);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof AxBindRequest)) {
            return false;
        }
        AxBindRequest other = (AxBindRequest) o;
        return recordFlag == other.recordFlag
                && origNum.equals(other.origNum)
                && Objects.equals(areaCode, other.areaCode)
                && areaMatchMode == other.areaMatchMode
                && callDirection == other.callDirection
                && Objects.equals(duration, other.duration)
                && Objects.equals(requestedYbDuration, other.requestedYbDuration)
                && Objects.equals(recordHintTone, other.recordHintTone)
                && Objects.equals(preVoiceX, other.preVoiceX)
                && Objects.equals(userData, other.userData);
    }

    @Override
    public int hashCode() {
        return Objects.hash(origNum, areaCode, areaMatchMode, callDirection, duration, requestedYbDuration, recordFlag,
                recordHintTone, preVoiceX, userData);
    }

    /**
     * @return the request with A masked and the user data hidden; a cut ybDuration shows the requested value
     *     too, e.g. {@code ybDuration=600s (requested 3600s)}
     */
    @Override
    public String toString() {
        BindDuration ybDuration = effectiveYbDuration(duration, requestedYbDuration);
        String yb = Objects.equals(ybDuration, requestedYbDuration) ? String.valueOf(ybDuration)
                : ybDuration + " (requested " + requestedYbDuration + ")";
        return "AxBindRequest[origNum=" + origNum
                + ", areaCode=" + areaCode
                + ", areaMatchMode=" + areaMatchMode
                + ", callDirection=" + callDirection
                + ", duration=" + duration
                + ", ybDuration=" + yb
                + ", recordFlag=" + recordFlag
                + ", recordHintTone=" + recordHintTone
                + ", preVoiceX=" + preVoiceX
                + ", userData=" + userData + "]";
    }

    /**
     * Builds an {@link AxBindRequest}. Not thread-safe; each setter validates its value at once and throws
     * {@link InvalidValueException} naming the field. Setters of optional values accept {@code null} to
     * clear the value.
     *
     * <p>{@code ybDuration} is never sent longer than the binding's duration: when {@code duration} is
     * limited and {@code ybDuration} is longer, the built request's {@link AxBindRequest#ybDuration()} is
     * {@code duration} (the value the platform would apply anyway). When {@code duration} is left unset the
     * binding gets the platform's default of 7200 seconds, and {@code ybDuration} is cut to that. A
     * {@code ybDuration} of {@code 0} (until AX ends) is kept as is. The value as set stays available as
     * {@link AxBindRequest#requestedYbDuration()} and is what {@link AxBindRequest#toBuilder()} carries over.
     */
    public static final class Builder {

        private PhoneNumber origNum;
        private AreaCode areaCode;
        private AreaMatchMode areaMatchMode;
        private CallDirection callDirection;
        private BindDuration duration;
        private BindDuration ybDuration;
        private boolean recordFlag;
        private VoicePrompt recordHintTone;
        private VoicePrompt preVoiceX;
        private UserData userData;

        private Builder() {
        }

        /**
         * @param origNum A, the number to bind; a fixed line is allowed (it can only receive calls)
         * @return this builder
         * @throws InvalidValueException naming {@code origNum} if {@code origNum} is {@code null}
         */
        public Builder origNum(PhoneNumber origNum) {
            if (origNum == null) {
                throw new InvalidValueException("origNum", "is required");
            }
            this.origNum = origNum;
            return this;
        }

        /**
         * @param origNum A in any form {@link PhoneNumber} accepts
         * @return this builder
         * @throws InvalidValueException naming {@code origNum} if it is not a valid number
         */
        public Builder origNum(String origNum) {
            this.origNum = PhoneNumber.of("origNum", origNum);
            return this;
        }

        /**
         * @param areaCode the city whose numbers X is taken from, or {@code null} to clear
         * @return this builder
         */
        public Builder areaCode(AreaCode areaCode) {
            this.areaCode = areaCode;
            return this;
        }

        /**
         * @param areaCode the city code, e.g. {@code 0755}
         * @return this builder
         * @throws InvalidValueException naming {@code areaCode} if it is not an area code
         */
        public Builder areaCode(String areaCode) {
            this.areaCode = AreaCode.of("areaCode", areaCode);
            return this;
        }

        /**
         * @param areaMatchMode how strictly the area is matched, or {@code null} for the platform default
         * @return this builder
         */
        public Builder areaMatchMode(AreaMatchMode areaMatchMode) {
            this.areaMatchMode = areaMatchMode;
            return this;
        }

        /**
         * @param callDirection which calls are allowed, or {@code null} for the platform default
         * @return this builder
         */
        public Builder callDirection(CallDirection callDirection) {
            this.callDirection = callDirection;
            return this;
        }

        /**
         * @param duration how long AX and its YB live, or {@code null} for the platform default (7200 s)
         * @return this builder
         */
        public Builder duration(BindDuration duration) {
            this.duration = duration;
            return this;
        }

        /**
         * @param seconds {@code 0} for never, or 60–7,776,000
         * @return this builder
         * @throws InvalidValueException naming {@code duration} when out of range
         */
        public Builder durationSeconds(long seconds) {
            this.duration = BindDuration.ofSeconds("duration", seconds);
            return this;
        }

        /**
         * @param ybDuration how long YB lives, or {@code null} for the platform default (until AX ends);
         *     cut to {@code duration} (or the platform's default duration) as the class documentation says
         * @return this builder
         */
        public Builder ybDuration(BindDuration ybDuration) {
            this.ybDuration = ybDuration;
            return this;
        }

        /**
         * @param seconds {@code 0} for until AX ends, or 60–7,776,000
         * @return this builder
         * @throws InvalidValueException naming {@code ybDuration} when out of range
         */
        public Builder ybDurationSeconds(long seconds) {
            this.ybDuration = BindDuration.ofSeconds("ybDuration", seconds);
            return this;
        }

        /**
         * @param recordFlag whether calls are recorded
         * @return this builder
         */
        public Builder recordFlag(boolean recordFlag) {
            this.recordFlag = recordFlag;
            return this;
        }

        /**
         * @param recordHintTone the announcement played before recording, or {@code null} to clear
         * @return this builder
         */
        public Builder recordHintTone(VoicePrompt recordHintTone) {
            this.recordHintTone = recordHintTone;
            return this;
        }

        /**
         * @param fileName the announcement's file name
         * @return this builder
         * @throws InvalidValueException naming {@code recordHintTone} if it is not a valid file name
         */
        public Builder recordHintTone(String fileName) {
            this.recordHintTone = VoicePrompt.of("recordHintTone", fileName);
            return this;
        }

        /**
         * @param preVoiceX the ring-back A hears when A dials Y, or {@code null} to clear
         * @return this builder
         */
        public Builder preVoiceX(VoicePrompt preVoiceX) {
            this.preVoiceX = preVoiceX;
            return this;
        }

        /**
         * @param fileName the ring-back's file name
         * @return this builder
         * @throws InvalidValueException naming {@code preVoiceX} if it is not a valid file name
         */
        public Builder preVoiceX(String fileName) {
            this.preVoiceX = VoicePrompt.of("preVoiceX", fileName);
            return this;
        }

        /**
         * @param userData text echoed in call events and CDRs, or {@code null} to clear
         * @return this builder
         */
        public Builder userData(UserData userData) {
            this.userData = userData;
            return this;
        }

        /**
         * @param userData text echoed in call events and CDRs
         * @return this builder
         * @throws InvalidValueException naming {@code userData} if it breaks {@link UserData}'s rules
         */
        public Builder userData(String userData) {
            this.userData = UserData.of("userData", userData);
            return this;
        }

        /**
         * @return the request
         * @throws InvalidValueException naming {@code origNum} if it was not set
         */
        public AxBindRequest build() {
            if (origNum == null) {
                throw new InvalidValueException("origNum", "is required");
            }
            return new AxBindRequest(this);
        }
    }
}
