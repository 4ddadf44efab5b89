package io.github.privatenumber.core.binding;

import io.github.privatenumber.core.InvalidValueException;
import io.github.privatenumber.core.number.AreaCode;
import io.github.privatenumber.core.number.PhoneNumber;
import java.util.Objects;
import java.util.Optional;

/**
 * The second bind step: bind B to a privacy number Y under an existing AX binding (SPEC §4, the call
 * with {@code subscriptionId}). Immutable and thread-safe; build one with {@link #builder()}.
 * {@code origNum} (B) and {@code subscriptionId} are required; an absent optional value is left out of
 * the request, so the platform's default applies.
 *
 * <p>{@link #toString()} masks the number.
 */
public final class YbBindRequest {

    private final PhoneNumber origNum;
    private final SubscriptionId subscriptionId;
    private final AreaCode areaCode;
    private final AreaMatchMode areaMatchMode;
    private final VoicePrompt preVoiceY;
    private final BindDuration ybDuration;

    private YbBindRequest(Builder b) {
        this.origNum = b.origNum;
        this.subscriptionId = b.subscriptionId;
        this.areaCode = b.areaCode;
        this.areaMatchMode = b.areaMatchMode;
        this.preVoiceY = b.preVoiceY;
        this.ybDuration = b.ybDuration;
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
        b.subscriptionId = subscriptionId;
        b.areaCode = areaCode;
        b.areaMatchMode = areaMatchMode;
        b.preVoiceY = preVoiceY;
        b.ybDuration = ybDuration;
        return b;
    }

    /**
     * @return B, the number to bind ({@code origNum})
     */
    public PhoneNumber origNum() {
        return origNum;
    }

    /**
     * @return the AX binding this YB belongs to
     */
    public SubscriptionId subscriptionId() {
        return subscriptionId;
    }

    /**
     * @return the city whose numbers Y is taken from; absent means the AX binding's area, loosely
     */
    public Optional<AreaCode> areaCode() {
        return Optional.ofNullable(areaCode);
    }

    /**
     * @return how strictly {@link #areaCode()} is matched; absent means the platform default
     */
    public Optional<AreaMatchMode> areaMatchMode() {
        return Optional.ofNullable(areaMatchMode);
    }

    /**
     * @return the ring-back B hears when B dials X ({@code preVoiceY})
     */
    public Optional<VoicePrompt> preVoiceY() {
        return Optional.ofNullable(preVoiceY);
    }

    /**
     * @return how long YB lives; absent means the platform default, until AX ends. The platform cuts a
     *     value longer than the AX binding's duration to that duration.
     */
    public Optional<BindDuration> ybDuration() {
        return Optional.ofNullable(ybDuration);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof YbBindRequest)) {
            return false;
        }
        YbBindRequest other = (YbBindRequest) o;
        return origNum.equals(other.origNum)
                && subscriptionId.equals(other.subscriptionId)
                && Objects.equals(areaCode, other.areaCode)
                && areaMatchMode == other.areaMatchMode
                && Objects.equals(preVoiceY, other.preVoiceY)
                && Objects.equals(ybDuration, other.ybDuration);
    }

    @Override
    public int hashCode() {
        return Objects.hash(origNum, subscriptionId, areaCode, areaMatchMode, preVoiceY, ybDuration);
    }

    /**
     * @return the request with B masked
     */
    @Override
    public String toString() {
        return "YbBindRequest[origNum=" + origNum
                + ", subscriptionId=" + subscriptionId
                + ", areaCode=" + areaCode
                + ", areaMatchMode=" + areaMatchMode
                + ", preVoiceY=" + preVoiceY
                + ", ybDuration=" + ybDuration + "]";
    }

    /**
     * Builds a {@link YbBindRequest}. Not thread-safe; each setter validates its value at once and throws
     * {@link InvalidValueException} naming the field. Setters of optional values accept {@code null} to
     * clear the value.
     */
    public static final class Builder {

        private PhoneNumber origNum;
        private SubscriptionId subscriptionId;
        private AreaCode areaCode;
        private AreaMatchMode areaMatchMode;
        private VoicePrompt preVoiceY;
        private BindDuration ybDuration;

        private Builder() {
        }

        /**
         * @param origNum B, the number to bind; a fixed line is allowed (it can only receive calls)
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
         * @param origNum B in any form {@link PhoneNumber} accepts
         * @return this builder
         * @throws InvalidValueException naming {@code origNum} if it is not a valid number
         */
        public Builder origNum(String origNum) {
            this.origNum = PhoneNumber.of("origNum", origNum);
            return this;
        }

        /**
         * @param subscriptionId the AX binding's id, as returned by the AX step
         * @return this builder
         * @throws InvalidValueException naming {@code subscriptionId} if it is {@code null}
         */
        public Builder subscriptionId(SubscriptionId subscriptionId) {
            if (subscriptionId == null) {
                throw new InvalidValueException("subscriptionId", "is required");
            }
            this.subscriptionId = subscriptionId;
            return this;
        }

        /**
         * @param subscriptionId the AX binding's id
         * @return this builder
         * @throws InvalidValueException naming {@code subscriptionId} if it is not a valid id
         */
        public Builder subscriptionId(String subscriptionId) {
            this.subscriptionId = SubscriptionId.of(subscriptionId);
            return this;
        }

        /**
         * @param areaCode the city whose numbers Y is taken from, or {@code null} to clear
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
         * @param preVoiceY the ring-back B hears when B dials X, or {@code null} to clear
         * @return this builder
         */
        public Builder preVoiceY(VoicePrompt preVoiceY) {
            this.preVoiceY = preVoiceY;
            return this;
        }

        /**
         * @param fileName the ring-back's file name
         * @return this builder
         * @throws InvalidValueException naming {@code preVoiceY} if it is not a valid file name
         */
        public Builder preVoiceY(String fileName) {
            this.preVoiceY = VoicePrompt.of("preVoiceY", fileName);
            return this;
        }

        /**
         * @param ybDuration how long YB lives, or {@code null} for the platform default (until AX ends)
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
         * @return the request
         * @throws InvalidValueException naming {@code origNum} or {@code subscriptionId} if it was not set
         */
        public YbBindRequest build() {
            if (origNum == null) {
                throw new InvalidValueException("origNum", "is required");
            }
            if (subscriptionId == null) {
                throw new InvalidValueException("subscriptionId", "is required");
            }
            return new YbBindRequest(this);
        }
    }
}
