package io.github.privatenumber.core.binding;

import io.github.privatenumber.core.InvalidValueException;
import io.github.privatenumber.core.Masking;
import io.github.privatenumber.core.internal.Checks;
import io.github.privatenumber.core.number.PhoneNumber;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One binding as a query reports it (an item of {@code xyRelationNumList}, SPEC §6): A and X, and B and Y
 * once the YB step is done. Immutable and thread-safe; built by the client with {@link #builder()}.
 *
 * <p>Values that only describe the binding ({@code recordHintTone}, {@code preVoiceX}, {@code preVoiceY},
 * {@code userData}) are kept as the platform reported them. {@link #toString()} masks every number and
 * hides the user data.
 */
public final class Relation {

    private final String bindId;
    private final PhoneNumber numA;
    private final PhoneNumber numX;
    private final PhoneNumber numY;
    private final PhoneNumber numB;
    private final boolean recordFlag;
    private final String recordHintTone;
    private final Instant subscribeTime;
    private final CallDirection callDirection;
    private final BindDuration duration;
    private final BindDuration ybDuration;
    private final String preVoiceX;
    private final String preVoiceY;
    private final String userData;
    private final SubscriptionId subscriptionId;

    private Relation(Builder b) {
        this.bindId = b.bindId;
        this.numA = b.numA;
        this.numX = b.numX;
        this.numY = b.numY;
        this.numB = b.numB;
        this.recordFlag = b.recordFlag;
        this.recordHintTone = b.recordHintTone;
        this.subscribeTime = b.subscribeTime;
        this.callDirection = b.callDirection;
        this.duration = b.duration;
        this.ybDuration = b.ybDuration;
        this.preVoiceX = b.preVoiceX;
        this.preVoiceY = b.preVoiceY;
        this.userData = b.userData;
        this.subscriptionId = b.subscriptionId;
    }

    /**
     * @return a new, empty builder; not thread-safe
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @return the platform's id of this relation ({@code bindId}), when reported
     */
    public Optional<String> bindId() {
        return Optional.ofNullable(bindId);
    }

    /**
     * @return A
     */
    public PhoneNumber numA() {
        return numA;
    }

    /**
     * @return X, A's privacy number
     */
    public PhoneNumber numX() {
        return numX;
    }

    /**
     * @return Y, B's privacy number; empty while the YB step is not done
     */
    public Optional<PhoneNumber> numY() {
        return Optional.ofNullable(numY);
    }

    /**
     * @return B; empty while the YB step is not done
     */
    public Optional<PhoneNumber> numB() {
        return Optional.ofNullable(numB);
    }

    /**
     * @return {@code true} once B and Y are both bound
     */
    public boolean isYbBound() {
        return numY != null && numB != null;
    }

    /**
     * @return whether calls are recorded
     */
    public boolean recordFlag() {
        return recordFlag;
    }

    /**
     * @return the announcement played before recording, as reported
     */
    public Optional<String> recordHintTone() {
        return Optional.ofNullable(recordHintTone);
    }

    /**
     * @return when the binding was made
     */
    public Optional<Instant> subscribeTime() {
        return Optional.ofNullable(subscribeTime);
    }

    /**
     * @return which calls are allowed; {@link CallDirection#BOTH} when the platform did not say
     */
    public CallDirection callDirection() {
        return callDirection;
    }

    /**
     * @return how long AX and its YB live, when reported
     */
    public Optional<BindDuration> duration() {
        return Optional.ofNullable(duration);
    }

    /**
     * @return how long YB lives, when reported
     */
    public Optional<BindDuration> ybDuration() {
        return Optional.ofNullable(ybDuration);
    }

    /**
     * @return the ring-back A hears when A dials Y, as reported
     */
    public Optional<String> preVoiceX() {
        return Optional.ofNullable(preVoiceX);
    }

    /**
     * @return the ring-back B hears when B dials X, as reported
     */
    public Optional<String> preVoiceY() {
        return Optional.ofNullable(preVoiceY);
    }

    /**
     * @return the user data given at bind time, as reported; may be personal, do not log it
     */
    public Optional<String> userData() {
        return Optional.ofNullable(userData);
    }

    /**
     * @return the subscription this relation belongs to, when reported
     */
    public Optional<SubscriptionId> subscriptionId() {
        return Optional.ofNullable(subscriptionId);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Relation)) {
            return false;
        }
        Relation other = (Relation) o;
        return recordFlag == other.recordFlag
                && Objects.equals(bindId, other.bindId)
                && numA.equals(other.numA)
                && numX.equals(other.numX)
                && Objects.equals(numY, other.numY)
                && Objects.equals(numB, other.numB)
                && Objects.equals(recordHintTone, other.recordHintTone)
                && Objects.equals(subscribeTime, other.subscribeTime)
                && callDirection == other.callDirection
                && Objects.equals(duration, other.duration)
                && Objects.equals(ybDuration, other.ybDuration)
                && Objects.equals(preVoiceX, other.preVoiceX)
                && Objects.equals(preVoiceY, other.preVoiceY)
                && Objects.equals(userData, other.userData)
                && Objects.equals(subscriptionId, other.subscriptionId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(bindId, numA, numX, numY, numB, recordFlag, recordHintTone, subscribeTime, callDirection,
                duration, ybDuration, preVoiceX, preVoiceY, userData, subscriptionId);
    }

    /**
     * @return the relation with every number masked and the user data hidden
     */
    @Override
    public String toString() {
        return "Relation[bindId=" + (bindId == null ? null : Masking.maskText(bindId))
                + ", subscriptionId=" + subscriptionId
                + ", numA=" + numA
                + ", numX=" + numX
                + ", numY=" + numY
                + ", numB=" + numB
                + ", recordFlag=" + recordFlag
                + ", subscribeTime=" + subscribeTime
                + ", callDirection=" + callDirection
                + ", duration=" + duration
                + ", ybDuration=" + ybDuration
                + ", userData=" + (userData == null ? null : "[" + userData.codePointCount(0, userData.length()) + " chars]")
                + "]";
    }

    /**
     * Builds a {@link Relation}. Not thread-safe. {@code numA} and {@code numX} are required; setters of
     * optional values accept {@code null} (and, for text, an empty string) to mean "not reported".
     */
    public static final class Builder {

        private String bindId;
        private PhoneNumber numA;
        private PhoneNumber numX;
        private PhoneNumber numY;
        private PhoneNumber numB;
        private boolean recordFlag;
        private String recordHintTone;
        private Instant subscribeTime;
        private CallDirection callDirection = CallDirection.BOTH;
        private BindDuration duration;
        private BindDuration ybDuration;
        private String preVoiceX;
        private String preVoiceY;
        private String userData;
        private SubscriptionId subscriptionId;

        private Builder() {
        }

        /**
         * @param bindId the relation's id, or {@code null}/empty when not reported
         * @return this builder
         */
        public Builder bindId(String bindId) {
            this.bindId = emptyToNull(bindId);
            return this;
        }

        /**
         * @param numA A
         * @return this builder
         * @throws InvalidValueException naming {@code numA} if {@code numA} is {@code null}
         */
        public Builder numA(PhoneNumber numA) {
            this.numA = Checks.required("numA", numA);
            return this;
        }

        /**
         * @param numX X
         * @return this builder
         * @throws InvalidValueException naming {@code numX} if {@code numX} is {@code null}
         */
        public Builder numX(PhoneNumber numX) {
            this.numX = Checks.required("numX", numX);
            return this;
        }

        /**
         * @param numY Y, or {@code null} while the YB step is not done
         * @return this builder
         */
        public Builder numY(PhoneNumber numY) {
            this.numY = numY;
            return this;
        }

        /**
         * @param numB B, or {@code null} while the YB step is not done
         * @return this builder
         */
        public Builder numB(PhoneNumber numB) {
            this.numB = numB;
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
         * @param recordHintTone the announcement's file name as reported, or {@code null}/empty
         * @return this builder
         */
        public Builder recordHintTone(String recordHintTone) {
            this.recordHintTone = emptyToNull(recordHintTone);
            return this;
        }

        /**
         * @param subscribeTime when the binding was made, or {@code null}
         * @return this builder
         */
        public Builder subscribeTime(Instant subscribeTime) {
            this.subscribeTime = subscribeTime;
            return this;
        }

        /**
         * @param callDirection which calls are allowed; {@code null} means {@link CallDirection#BOTH}, the
         *     platform default
         * @return this builder
         */
        public Builder callDirection(CallDirection callDirection) {
            this.callDirection = callDirection == null ? CallDirection.BOTH : callDirection;
            return this;
        }

        /**
         * @param duration how long AX and its YB live, or {@code null}
         * @return this builder
         */
        public Builder duration(BindDuration duration) {
            this.duration = duration;
            return this;
        }

        /**
         * @param ybDuration how long YB lives, or {@code null}
         * @return this builder
         */
        public Builder ybDuration(BindDuration ybDuration) {
            this.ybDuration = ybDuration;
            return this;
        }

        /**
         * @param preVoiceX the ring-back's file name as reported, or {@code null}/empty
         * @return this builder
         */
        public Builder preVoiceX(String preVoiceX) {
            this.preVoiceX = emptyToNull(preVoiceX);
            return this;
        }

        /**
         * @param preVoiceY the ring-back's file name as reported, or {@code null}/empty
         * @return this builder
         */
        public Builder preVoiceY(String preVoiceY) {
            this.preVoiceY = emptyToNull(preVoiceY);
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
         * @param subscriptionId the subscription, or {@code null}
         * @return this builder
         */
        public Builder subscriptionId(SubscriptionId subscriptionId) {
            this.subscriptionId = subscriptionId;
            return this;
        }

        /**
         * @return the relation
         * @throws InvalidValueException naming {@code numA} or {@code numX} if it was not set
         */
        public Relation build() {
            Checks.required("numA", numA);
            Checks.required("numX", numX);
            return new Relation(this);
        }

        private static String emptyToNull(String s) {
            return s == null || s.isEmpty() ? null : s;
        }
    }
}
