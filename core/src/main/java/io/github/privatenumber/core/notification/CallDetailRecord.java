package io.github.privatenumber.core.notification;

import io.github.privatenumber.core.InvalidValueException;
import io.github.privatenumber.core.Masking;
import io.github.privatenumber.core.call.SessionId;
import io.github.privatenumber.core.internal.Checks;
import io.github.privatenumber.core.number.ReportedNumber;
import io.github.privatenumber.core.recording.RecordingReference;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One call detail record of a {@code fee} push (an item of {@code feeLst}, SPEC §10), with every
 * documented field. Immutable and thread-safe; built by the notification receiver with
 * {@link #builder()}.
 *
 * <p>Only {@link #icid()}, the record's unique id and de-duplication key, is required; a push is never
 * refused because another field is absent or odd, and the original JSON is kept in {@link #rawJson()}.
 * Times are the platform's UTC text read as UTC. {@link #toString()} masks every number and leaves out the
 * user data, the download URL and the raw JSON.
 */
public final class CallDetailRecord {

    /** The longest accepted {@code icid}. */
    public static final int MAX_ICID_LENGTH = 256;
    /** The longest accepted {@code recordFileDownloadUrl}. */
    public static final int MAX_DOWNLOAD_URL_LENGTH = 1024;

    /** The meaning of {@link #direction()} in AXYB mode. */
    public enum DirectionKind {
        /** {@code 0}: the call was placed to X, so B called A. */
        CALLED_X_B_TO_A(0),
        /** {@code 1}: the call was placed to Y, so A called B. */
        CALLED_Y_A_TO_B(1),
        /** {@code 2}: an abnormal call. */
        ABNORMAL(2),
        /** Absent, or a value not documented. */
        UNKNOWN(-1);

        private final int wireValue;

        DirectionKind(int wireValue) {
            this.wireValue = wireValue;
        }

        /**
         * @return the value on the wire; empty for {@link #UNKNOWN}
         */
        public OptionalInt wireValue() {
            return wireValue < 0 ? OptionalInt.empty() : OptionalInt.of(wireValue);
        }

        /**
         * @param wireValue the CDR's {@code direction}
         * @return its meaning; {@link #UNKNOWN} for an undocumented value
         */
        public static DirectionKind fromWire(int wireValue) {
            for (DirectionKind kind : values()) {
                if (kind.wireValue >= 0 && kind.wireValue == wireValue) {
                    return kind;
                }
            }
            return UNKNOWN;
        }
    }

    private final Integer direction;
    private final String spId;
    private final String appKey;
    private final String icid;
    private final ReportedNumber bindNum;
    private final SessionId sessionId;
    private final String subscriptionId;
    private final ReportedNumber callerNum;
    private final ReportedNumber calleeNum;
    private final ReportedNumber fwdDisplayNum;
    private final ReportedNumber fwdDstNum;
    private final Instant callInTime;
    private final Instant fwdStartTime;
    private final Instant fwdAlertingTime;
    private final Instant fwdAnswerTime;
    private final Instant callEndTime;
    private final Instant failTime;
    private final Instant recordStartTime;
    private final Integer fwdUnaswRsn;
    private final HangupCode ulFailReason;
    private final Integer sipStatusCode;
    private final Integer callOutUnaswRsn;
    private final boolean recordFlag;
    private final String recordDomain;
    private final String recordBucketName;
    private final String recordObjectName;
    private final Integer ttsPlayTimes;
    private final Integer ttsTransDuration;
    private final String mptyId;
    private final String serviceType;
    private final String hostName;
    private final String userData;
    private final String recordFileDownloadUrl;
    private final String rawJson;

    private CallDetailRecord(Builder b) {
        this.direction = b.direction;
        this.spId = b.spId;
        this.appKey = b.appKey;
        this.icid = b.icid;
        this.bindNum = b.bindNum;
        this.sessionId = b.sessionId;
        this.subscriptionId = b.subscriptionId;
        this.callerNum = b.callerNum;
        this.calleeNum = b.calleeNum;
        this.fwdDisplayNum = b.fwdDisplayNum;
        this.fwdDstNum = b.fwdDstNum;
        this.callInTime = b.callInTime;
        this.fwdStartTime = b.fwdStartTime;
        this.fwdAlertingTime = b.fwdAlertingTime;
        this.fwdAnswerTime = b.fwdAnswerTime;
        this.callEndTime = b.callEndTime;
        this.failTime = b.failTime;
        this.recordStartTime = b.recordStartTime;
        this.fwdUnaswRsn = b.fwdUnaswRsn;
        this.ulFailReason = b.ulFailReason;
        this.sipStatusCode = b.sipStatusCode;
        this.callOutUnaswRsn = b.callOutUnaswRsn;
        this.recordFlag = b.recordFlag;
        this.recordDomain = b.recordDomain;
        this.recordBucketName = b.recordBucketName;
        this.recordObjectName = b.recordObjectName;
        this.ttsPlayTimes = b.ttsPlayTimes;
        this.ttsTransDuration = b.ttsTransDuration;
        this.mptyId = b.mptyId;
        this.serviceType = b.serviceType;
        this.hostName = b.hostName;
        this.userData = b.userData;
        this.recordFileDownloadUrl = b.recordFileDownloadUrl;
        this.rawJson = b.rawJson;
    }

    /**
     * @return a new, empty builder; not thread-safe
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @return the call's direction as sent ({@code direction}); see {@link #directionKind()}
     */
    public OptionalInt direction() {
        return optionalInt(direction);
    }

    /**
     * @return the meaning of {@link #direction()}; {@link DirectionKind#UNKNOWN} when absent or undocumented
     */
    public DirectionKind directionKind() {
        return direction == null ? DirectionKind.UNKNOWN : DirectionKind.fromWire(direction);
    }

    /**
     * @return the service provider's id ({@code spId})
     */
    public Optional<String> spId() {
        return Optional.ofNullable(spId);
    }

    /**
     * @return the app the call belongs to ({@code appKey})
     */
    public Optional<String> appKey() {
        return Optional.ofNullable(appKey);
    }

    /**
     * @return the record's unique id ({@code icid}), the de-duplication key
     */
    public String icid() {
        return icid;
    }

    /**
     * @return the privacy number the call went through ({@code bindNum})
     */
    public Optional<ReportedNumber> bindNum() {
        return Optional.ofNullable(bindNum);
    }

    /**
     * @return the call's id ({@code sessionId})
     */
    public Optional<SessionId> sessionId() {
        return Optional.ofNullable(sessionId);
    }

    /**
     * @return the binding's subscription id as reported; empty when absent or empty (no binding matched)
     */
    public Optional<String> subscriptionId() {
        return Optional.ofNullable(subscriptionId);
    }

    /**
     * @return the calling number ({@code callerNum})
     */
    public Optional<ReportedNumber> callerNum() {
        return Optional.ofNullable(callerNum);
    }

    /**
     * @return the number called ({@code calleeNum})
     */
    public Optional<ReportedNumber> calleeNum() {
        return Optional.ofNullable(calleeNum);
    }

    /**
     * @return the number shown to the party the call was forwarded to ({@code fwdDisplayNum})
     */
    public Optional<ReportedNumber> fwdDisplayNum() {
        return Optional.ofNullable(fwdDisplayNum);
    }

    /**
     * @return the number the call was forwarded to ({@code fwdDstNum})
     */
    public Optional<ReportedNumber> fwdDstNum() {
        return Optional.ofNullable(fwdDstNum);
    }

    /**
     * @return when the call reached the platform ({@code callInTime})
     */
    public Optional<Instant> callInTime() {
        return Optional.ofNullable(callInTime);
    }

    /**
     * @return when the platform started forwarding ({@code fwdStartTime})
     */
    public Optional<Instant> fwdStartTime() {
        return Optional.ofNullable(fwdStartTime);
    }

    /**
     * @return when the forwarded call started ringing ({@code fwdAlertingTime})
     */
    public Optional<Instant> fwdAlertingTime() {
        return Optional.ofNullable(fwdAlertingTime);
    }

    /**
     * @return when the forwarded call was answered ({@code fwdAnswerTime}); absent means not answered
     */
    public Optional<Instant> fwdAnswerTime() {
        return Optional.ofNullable(fwdAnswerTime);
    }

    /**
     * @return when the call ended ({@code callEndTime})
     */
    public Optional<Instant> callEndTime() {
        return Optional.ofNullable(callEndTime);
    }

    /**
     * @return when the call failed ({@code failTime})
     */
    public Optional<Instant> failTime() {
        return Optional.ofNullable(failTime);
    }

    /**
     * @return when recording started ({@code recordStartTime})
     */
    public Optional<Instant> recordStartTime() {
        return Optional.ofNullable(recordStartTime);
    }

    /**
     * @return why the forwarded call was not answered, a Q.850 cause ({@code fwdUnaswRsn})
     */
    public OptionalInt fwdUnaswRsn() {
        return optionalInt(fwdUnaswRsn);
    }

    /**
     * @return why the call failed, in the hang-up code space ({@code ulFailReason})
     */
    public Optional<HangupCode> ulFailReason() {
        return Optional.ofNullable(ulFailReason);
    }

    /**
     * @return the SIP status of the forwarded call ({@code sipStatusCode})
     */
    public OptionalInt sipStatusCode() {
        return optionalInt(sipStatusCode);
    }

    /**
     * @return why the outgoing leg was not answered ({@code callOutUnaswRsn})
     */
    public OptionalInt callOutUnaswRsn() {
        return optionalInt(callOutUnaswRsn);
    }

    /**
     * @return whether the call was recorded ({@code recordFlag} 1)
     */
    public boolean recordFlag() {
        return recordFlag;
    }

    /**
     * @return the recording's storage host ({@code recordDomain})
     */
    public Optional<String> recordDomain() {
        return Optional.ofNullable(recordDomain);
    }

    /**
     * @return the recording's bucket ({@code recordBucketName})
     */
    public Optional<String> recordBucketName() {
        return Optional.ofNullable(recordBucketName);
    }

    /**
     * @return the recording's file name ({@code recordObjectName})
     */
    public Optional<String> recordObjectName() {
        return Optional.ofNullable(recordObjectName);
    }

    /**
     * @return how often a TTS announcement was played ({@code ttsPlayTimes})
     */
    public OptionalInt ttsPlayTimes() {
        return optionalInt(ttsPlayTimes);
    }

    /**
     * @return the TTS conversion time as reported ({@code ttsTransDuration})
     */
    public OptionalInt ttsTransDuration() {
        return optionalInt(ttsTransDuration);
    }

    /**
     * @return the conference id ({@code mptyId})
     */
    public Optional<String> mptyId() {
        return Optional.ofNullable(mptyId);
    }

    /**
     * @return the service type, as sent ({@code serviceType})
     */
    public Optional<String> serviceType() {
        return Optional.ofNullable(serviceType);
    }

    /**
     * @return the platform host that handled the call ({@code hostName})
     */
    public Optional<String> hostName() {
        return Optional.ofNullable(hostName);
    }

    /**
     * @return the binding's user data as reported; may be personal, do not log it
     */
    public Optional<String> userData() {
        return Optional.ofNullable(userData);
    }

    /**
     * @return the recording's download URL when the platform sent one ({@code recordFileDownloadUrl}); a
     *     bearer credential, do not log it
     */
    public Optional<String> recordFileDownloadUrl() {
        return Optional.ofNullable(recordFileDownloadUrl);
    }

    /**
     * @return the push's original JSON for this record, unknown fields included; empty text when the
     *     record was not read from a push. Holds numbers in clear: do not log it.
     */
    public String rawJson() {
        return rawJson;
    }

    /**
     * @return {@code true} when the forwarded call was answered ({@code fwdAnswerTime} present)
     */
    public boolean isAnswered() {
        return fwdAnswerTime != null;
    }

    /**
     * @return {@code callEndTime − fwdAnswerTime}; {@link Duration#ZERO} when not answered, when the end
     *     time is absent, and instead of a negative value
     */
    public Duration talkTime() {
        if (fwdAnswerTime == null || callEndTime == null || callEndTime.isBefore(fwdAnswerTime)) {
            return Duration.ZERO;
        }
        return Duration.between(fwdAnswerTime, callEndTime);
    }

    /**
     * @return what to pass to {@code RecordingGateway.downloadUrl}: present when the call was recorded and
     *     both {@code recordDomain} and {@code recordObjectName} are present and valid for a
     *     {@link RecordingReference}; empty otherwise
     */
    public Optional<RecordingReference> recordingReference() {
        if (!recordFlag || recordDomain == null || recordObjectName == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new RecordingReference(recordDomain, recordObjectName));
        } catch (InvalidValueException e) {
            // a value we cannot send back to the platform: the raw fields are still available
            return Optional.empty();
        }
    }

    private Object[] fields() {
        return new Object[] {direction, spId, appKey, icid, bindNum, sessionId, subscriptionId, callerNum, calleeNum,
            fwdDisplayNum, fwdDstNum, callInTime, fwdStartTime, fwdAlertingTime, fwdAnswerTime, callEndTime, failTime,
            recordStartTime, fwdUnaswRsn, ulFailReason, sipStatusCode, callOutUnaswRsn, recordFlag, recordDomain,
            recordBucketName, recordObjectName, ttsPlayTimes, ttsTransDuration, mptyId, serviceType, hostName, userData,
            recordFileDownloadUrl, rawJson};
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof CallDetailRecord && Arrays.equals(fields(), ((CallDetailRecord) o).fields()));
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(fields());
    }

    /**
     * @return the record's id, direction, masked numbers, key times and outcome; never a number in clear,
     *     the user data, the download URL or the raw JSON
     */
    @Override
    public String toString() {
        return "CallDetailRecord[icid=" + icid
                + ", direction=" + directionKind()
                + ", sessionId=" + sessionId
                + ", subscriptionId=" + (subscriptionId == null ? null : Masking.maskText(subscriptionId))
                + ", bindNum=" + bindNum
                + ", callerNum=" + callerNum
                + ", calleeNum=" + calleeNum
                + ", fwdDisplayNum=" + fwdDisplayNum
                + ", fwdDstNum=" + fwdDstNum
                + ", callInTime=" + callInTime
                + ", fwdAnswerTime=" + fwdAnswerTime
                + ", callEndTime=" + callEndTime
                + ", talkTime=" + talkTime()
                + ", ulFailReason=" + ulFailReason
                + ", recordFlag=" + recordFlag
                + "]";
    }

    private static OptionalInt optionalInt(Integer value) {
        return value == null ? OptionalInt.empty() : OptionalInt.of(value);
    }

    /**
     * Builds a {@link CallDetailRecord}. Not thread-safe. Only {@code icid} is required; setters of optional
     * values accept {@code null} (and, for text, an empty string) to mean "not reported".
     */
    public static final class Builder {

        private Integer direction;
        private String spId;
        private String appKey;
        private String icid;
        private ReportedNumber bindNum;
        private SessionId sessionId;
        private String subscriptionId;
        private ReportedNumber callerNum;
        private ReportedNumber calleeNum;
        private ReportedNumber fwdDisplayNum;
        private ReportedNumber fwdDstNum;
        private Instant callInTime;
        private Instant fwdStartTime;
        private Instant fwdAlertingTime;
        private Instant fwdAnswerTime;
        private Instant callEndTime;
        private Instant failTime;
        private Instant recordStartTime;
        private Integer fwdUnaswRsn;
        private HangupCode ulFailReason;
        private Integer sipStatusCode;
        private Integer callOutUnaswRsn;
        private boolean recordFlag;
        private String recordDomain;
        private String recordBucketName;
        private String recordObjectName;
        private Integer ttsPlayTimes;
        private Integer ttsTransDuration;
        private String mptyId;
        private String serviceType;
        private String hostName;
        private String userData;
        private String recordFileDownloadUrl;
        private String rawJson = "";

        private Builder() {
        }

        /**
         * @param direction {@code direction} as sent, or {@code null}
         * @return this builder
         */
        public Builder direction(Integer direction) {
            this.direction = direction;
            return this;
        }

        /**
         * @param spId {@code spId}, or {@code null}/empty
         * @return this builder
         */
        public Builder spId(String spId) {
            this.spId = emptyToNull(spId);
            return this;
        }

        /**
         * @param appKey {@code appKey}, or {@code null}/empty
         * @return this builder
         */
        public Builder appKey(String appKey) {
            this.appKey = emptyToNull(appKey);
            return this;
        }

        /**
         * @param icid the record's unique id: 1–256 characters, not blank, no control characters
         * @return this builder
         * @throws InvalidValueException naming {@code icid} when the rule is broken
         */
        public Builder icid(String icid) {
            this.icid = Checks.printable("icid", icid, MAX_ICID_LENGTH);
            return this;
        }

        /**
         * @param bindNum {@code bindNum}, or {@code null}
         * @return this builder
         */
        public Builder bindNum(ReportedNumber bindNum) {
            this.bindNum = bindNum;
            return this;
        }

        /**
         * @param sessionId {@code sessionId}, or {@code null}
         * @return this builder
         */
        public Builder sessionId(SessionId sessionId) {
            this.sessionId = sessionId;
            return this;
        }

        /**
         * @param subscriptionId {@code subscriptionId} as sent, or {@code null}/empty (no binding matched)
         * @return this builder
         */
        public Builder subscriptionId(String subscriptionId) {
            this.subscriptionId = emptyToNull(subscriptionId);
            return this;
        }

        /**
         * @param callerNum {@code callerNum}, or {@code null}
         * @return this builder
         */
        public Builder callerNum(ReportedNumber callerNum) {
            this.callerNum = callerNum;
            return this;
        }

        /**
         * @param calleeNum {@code calleeNum}, or {@code null}
         * @return this builder
         */
        public Builder calleeNum(ReportedNumber calleeNum) {
            this.calleeNum = calleeNum;
            return this;
        }

        /**
         * @param fwdDisplayNum {@code fwdDisplayNum}, or {@code null}
         * @return this builder
         */
        public Builder fwdDisplayNum(ReportedNumber fwdDisplayNum) {
            this.fwdDisplayNum = fwdDisplayNum;
            return this;
        }

        /**
         * @param fwdDstNum {@code fwdDstNum}, or {@code null}
         * @return this builder
         */
        public Builder fwdDstNum(ReportedNumber fwdDstNum) {
            this.fwdDstNum = fwdDstNum;
            return this;
        }

        /**
         * @param callInTime {@code callInTime}, or {@code null}
         * @return this builder
         */
        public Builder callInTime(Instant callInTime) {
            this.callInTime = callInTime;
            return this;
        }

        /**
         * @param fwdStartTime {@code fwdStartTime}, or {@code null}
         * @return this builder
         */
        public Builder fwdStartTime(Instant fwdStartTime) {
            this.fwdStartTime = fwdStartTime;
            return this;
        }

        /**
         * @param fwdAlertingTime {@code fwdAlertingTime}, or {@code null}
         * @return this builder
         */
        public Builder fwdAlertingTime(Instant fwdAlertingTime) {
            this.fwdAlertingTime = fwdAlertingTime;
            return this;
        }

        /**
         * @param fwdAnswerTime {@code fwdAnswerTime}, or {@code null} when not answered
         * @return this builder
         */
        public Builder fwdAnswerTime(Instant fwdAnswerTime) {
            this.fwdAnswerTime = fwdAnswerTime;
            return this;
        }

        /**
         * @param callEndTime {@code callEndTime}, or {@code null}
         * @return this builder
         */
        public Builder callEndTime(Instant callEndTime) {
            this.callEndTime = callEndTime;
            return this;
        }

        /**
         * @param failTime {@code failTime}, or {@code null}
         * @return this builder
         */
        public Builder failTime(Instant failTime) {
            this.failTime = failTime;
            return this;
        }

        /**
         * @param recordStartTime {@code recordStartTime}, or {@code null}
         * @return this builder
         */
        public Builder recordStartTime(Instant recordStartTime) {
            this.recordStartTime = recordStartTime;
            return this;
        }

        /**
         * @param fwdUnaswRsn {@code fwdUnaswRsn} (a Q.850 cause), or {@code null}
         * @return this builder
         */
        public Builder fwdUnaswRsn(Integer fwdUnaswRsn) {
            this.fwdUnaswRsn = fwdUnaswRsn;
            return this;
        }

        /**
         * @param ulFailReason {@code ulFailReason}, or {@code null}
         * @return this builder
         */
        public Builder ulFailReason(HangupCode ulFailReason) {
            this.ulFailReason = ulFailReason;
            return this;
        }

        /**
         * @param sipStatusCode {@code sipStatusCode}, or {@code null}
         * @return this builder
         */
        public Builder sipStatusCode(Integer sipStatusCode) {
            this.sipStatusCode = sipStatusCode;
            return this;
        }

        /**
         * @param callOutUnaswRsn {@code callOutUnaswRsn}, or {@code null}
         * @return this builder
         */
        public Builder callOutUnaswRsn(Integer callOutUnaswRsn) {
            this.callOutUnaswRsn = callOutUnaswRsn;
            return this;
        }

        /**
         * @param recordFlag {@code recordFlag} ({@code 1} is {@code true})
         * @return this builder
         */
        public Builder recordFlag(boolean recordFlag) {
            this.recordFlag = recordFlag;
            return this;
        }

        /**
         * @param recordDomain {@code recordDomain}, or {@code null}/empty
         * @return this builder
         */
        public Builder recordDomain(String recordDomain) {
            this.recordDomain = emptyToNull(recordDomain);
            return this;
        }

        /**
         * @param recordBucketName {@code recordBucketName}, or {@code null}/empty
         * @return this builder
         */
        public Builder recordBucketName(String recordBucketName) {
            this.recordBucketName = emptyToNull(recordBucketName);
            return this;
        }

        /**
         * @param recordObjectName {@code recordObjectName}, or {@code null}/empty
         * @return this builder
         */
        public Builder recordObjectName(String recordObjectName) {
            this.recordObjectName = emptyToNull(recordObjectName);
            return this;
        }

        /**
         * @param ttsPlayTimes {@code ttsPlayTimes}, or {@code null}
         * @return this builder
         */
        public Builder ttsPlayTimes(Integer ttsPlayTimes) {
            this.ttsPlayTimes = ttsPlayTimes;
            return this;
        }

        /**
         * @param ttsTransDuration {@code ttsTransDuration}, or {@code null}
         * @return this builder
         */
        public Builder ttsTransDuration(Integer ttsTransDuration) {
            this.ttsTransDuration = ttsTransDuration;
            return this;
        }

        /**
         * @param mptyId {@code mptyId}, or {@code null}/empty
         * @return this builder
         */
        public Builder mptyId(String mptyId) {
            this.mptyId = emptyToNull(mptyId);
            return this;
        }

        /**
         * @param serviceType {@code serviceType} as sent, or {@code null}/empty
         * @return this builder
         */
        public Builder serviceType(String serviceType) {
            this.serviceType = emptyToNull(serviceType);
            return this;
        }

        /**
         * @param hostName {@code hostName}, or {@code null}/empty
         * @return this builder
         */
        public Builder hostName(String hostName) {
            this.hostName = emptyToNull(hostName);
            return this;
        }

        /**
         * @param userData {@code userData} as sent, or {@code null}/empty
         * @return this builder
         */
        public Builder userData(String userData) {
            this.userData = emptyToNull(userData);
            return this;
        }

        /**
         * @param recordFileDownloadUrl {@code recordFileDownloadUrl}, at most 1024 characters, or
         *     {@code null}/empty
         * @return this builder
         * @throws InvalidValueException naming {@code recordFileDownloadUrl} if it is longer than 1024
         *     characters
         */
        public Builder recordFileDownloadUrl(String recordFileDownloadUrl) {
            String url = emptyToNull(recordFileDownloadUrl);
            if (url != null) {
                Checks.maxLength("recordFileDownloadUrl", url, MAX_DOWNLOAD_URL_LENGTH);
            }
            this.recordFileDownloadUrl = url;
            return this;
        }

        /**
         * @param rawJson the push's original JSON for this record; {@code null} means none (empty text)
         * @return this builder
         */
        public Builder rawJson(String rawJson) {
            this.rawJson = rawJson == null ? "" : rawJson;
            return this;
        }

        /**
         * @return the record
         * @throws InvalidValueException naming {@code icid} if it was not set
         */
        public CallDetailRecord build() {
            Checks.required("icid", icid);
            return new CallDetailRecord(this);
        }

        private static String emptyToNull(String s) {
            return s == null || s.isEmpty() ? null : s;
        }
    }
}
