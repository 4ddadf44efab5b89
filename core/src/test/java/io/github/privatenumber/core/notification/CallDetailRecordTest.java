package io.github.privatenumber.core.notification;

import static io.github.privatenumber.core.InvalidValues.assertInvalid;
import static io.github.privatenumber.core.InvalidValues.assertNotRevealed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.privatenumber.core.call.SessionId;
import io.github.privatenumber.core.notification.CallDetailRecord.DirectionKind;
import io.github.privatenumber.core.number.ReportedNumber;
import io.github.privatenumber.core.recording.RecordingReference;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CallDetailRecordTest {

    private static final Instant IN = Instant.parse("2019-01-24T02:30:00Z");
    private static final Instant ANSWER = Instant.parse("2019-01-24T02:30:10Z");
    private static final Instant END = Instant.parse("2019-01-24T02:31:40Z");

    private static CallDetailRecord.Builder minimal() {
        return CallDetailRecord.builder().icid("CAE-20190124023000-1");
    }

    @Test
    void holdsEveryField() {
        SessionId session = SessionId.of("1200_1827_4294967295_20190124023003@callenabler246.huaweicaas.com");
        CallDetailRecord r = CallDetailRecord.builder()
                .direction(1).spId("sp-1").appKey("appKey123").icid("CAE-1")
                .bindNum(ReportedNumber.of("+8617000000022"))
                .sessionId(session).subscriptionId("sub-0001")
                .callerNum(ReportedNumber.of("+8613800000001"))
                .calleeNum(ReportedNumber.of("+8617000000022"))
                .fwdDisplayNum(ReportedNumber.of("+8617000000011"))
                .fwdDstNum(ReportedNumber.of("+8613900000002"))
                .callInTime(IN).fwdStartTime(IN.plusSeconds(1)).fwdAlertingTime(IN.plusSeconds(3))
                .fwdAnswerTime(ANSWER).callEndTime(END).failTime(null).recordStartTime(ANSWER)
                .fwdUnaswRsn(16).ulFailReason(HangupCode.NORMAL_RELEASE).sipStatusCode(200).callOutUnaswRsn(0)
                .recordFlag(true).recordDomain("ostor.example.com").recordBucketName("bucket")
                .recordObjectName("1200_366_0_20161228102743.wav")
                .ttsPlayTimes(2).ttsTransDuration(5).mptyId("mpty-1").serviceType("004").hostName("callenabler246")
                .userData("\u8ba2\u5355 42").recordFileDownloadUrl("https://obs.example.com/rec.wav?sig=1")
                .rawJson("{\"icid\":\"CAE-1\"}")
                .build();
        assertEquals(OptionalInt.of(1), r.direction());
        assertEquals(DirectionKind.CALLED_Y_A_TO_B, r.directionKind());
        assertEquals(Optional.of("sp-1"), r.spId());
        assertEquals(Optional.of("appKey123"), r.appKey());
        assertEquals("CAE-1", r.icid());
        assertEquals(Optional.of(ReportedNumber.of("+8617000000022")), r.bindNum());
        assertEquals(Optional.of(session), r.sessionId());
        assertEquals(Optional.of("sub-0001"), r.subscriptionId());
        assertEquals(Optional.of(ReportedNumber.of("+8613800000001")), r.callerNum());
        assertEquals(Optional.of(ReportedNumber.of("+8617000000022")), r.calleeNum());
        assertEquals(Optional.of(ReportedNumber.of("+8617000000011")), r.fwdDisplayNum());
        assertEquals(Optional.of(ReportedNumber.of("+8613900000002")), r.fwdDstNum());
        assertEquals(Optional.of(IN), r.callInTime());
        assertEquals(Optional.of(IN.plusSeconds(1)), r.fwdStartTime());
        assertEquals(Optional.of(IN.plusSeconds(3)), r.fwdAlertingTime());
        assertEquals(Optional.of(ANSWER), r.fwdAnswerTime());
        assertEquals(Optional.of(END), r.callEndTime());
        assertEquals(Optional.empty(), r.failTime());
        assertEquals(Optional.of(ANSWER), r.recordStartTime());
        assertEquals(OptionalInt.of(16), r.fwdUnaswRsn());
        assertEquals(Optional.of(HangupCode.NORMAL_RELEASE), r.ulFailReason());
        assertEquals(OptionalInt.of(200), r.sipStatusCode());
        assertEquals(OptionalInt.of(0), r.callOutUnaswRsn());
        assertTrue(r.recordFlag());
        assertEquals(Optional.of("ostor.example.com"), r.recordDomain());
        assertEquals(Optional.of("bucket"), r.recordBucketName());
        assertEquals(Optional.of("1200_366_0_20161228102743.wav"), r.recordObjectName());
        assertEquals(OptionalInt.of(2), r.ttsPlayTimes());
        assertEquals(OptionalInt.of(5), r.ttsTransDuration());
        assertEquals(Optional.of("mpty-1"), r.mptyId());
        assertEquals(Optional.of("004"), r.serviceType());
        assertEquals(Optional.of("callenabler246"), r.hostName());
        assertEquals(Optional.of("\u8ba2\u5355 42"), r.userData());
        assertEquals(Optional.of("https://obs.example.com/rec.wav?sig=1"), r.recordFileDownloadUrl());
        assertEquals("{\"icid\":\"CAE-1\"}", r.rawJson());
        assertTrue(r.isAnswered());
        assertEquals(Duration.ofSeconds(90), r.talkTime());
        assertEquals(Optional.of(RecordingReference.of("ostor.example.com", "1200_366_0_20161228102743.wav")),
                r.recordingReference());
    }

    @Test
    void onlyIcidIsRequired() {
        CallDetailRecord r = minimal().subscriptionId("").userData("").recordDomain("").build();
        assertEquals(OptionalInt.empty(), r.direction());
        assertEquals(DirectionKind.UNKNOWN, r.directionKind());
        assertEquals(Optional.empty(), r.subscriptionId());
        assertEquals(Optional.empty(), r.userData());
        assertEquals(Optional.empty(), r.recordDomain());
        assertEquals(Optional.empty(), r.callerNum());
        assertEquals(Optional.empty(), r.ulFailReason());
        assertEquals(OptionalInt.empty(), r.sipStatusCode());
        assertFalse(r.recordFlag());
        assertEquals("", r.rawJson());
        assertFalse(r.isAnswered());
        assertEquals(Duration.ZERO, r.talkTime());
        assertEquals(Optional.empty(), r.recordingReference());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  ", "CAE\n1", "\u0000"})
    void icidMustBeReadable(String icid) {
        assertInvalid("icid", () -> CallDetailRecord.builder().icid(icid));
    }

    @Test
    void icidLengthAndPresence() {
        assertInvalid("icid", () -> CallDetailRecord.builder().build());
        assertInvalid("icid", () -> CallDetailRecord.builder().icid("i".repeat(257)));
        assertEquals(256, CallDetailRecord.builder().icid("i".repeat(256)).build().icid().length());
    }

    @ParameterizedTest
    @CsvSource({"0, CALLED_X_B_TO_A", "1, CALLED_Y_A_TO_B", "2, ABNORMAL", "3, UNKNOWN", "-1, UNKNOWN", "99, UNKNOWN"})
    void directionKinds(int direction, DirectionKind kind) {
        CallDetailRecord r = minimal().direction(direction).build();
        assertEquals(OptionalInt.of(direction), r.direction());
        assertEquals(kind, r.directionKind());
    }

    @Test
    void directionKindWireValues() {
        assertEquals(OptionalInt.of(0), DirectionKind.CALLED_X_B_TO_A.wireValue());
        assertEquals(OptionalInt.of(2), DirectionKind.ABNORMAL.wireValue());
        assertEquals(OptionalInt.empty(), DirectionKind.UNKNOWN.wireValue());
    }

    @Test
    void talkTime() {
        assertEquals(Duration.ofSeconds(90), minimal().fwdAnswerTime(ANSWER).callEndTime(END).build().talkTime());
        assertEquals(Duration.ZERO, minimal().fwdAnswerTime(ANSWER).callEndTime(ANSWER).build().talkTime());
        // not answered: no talk time even though the call had an end
        assertEquals(Duration.ZERO, minimal().callInTime(IN).callEndTime(END).build().talkTime());
        // answered, but no end time reported
        CallDetailRecord noEnd = minimal().fwdAnswerTime(ANSWER).build();
        assertTrue(noEnd.isAnswered());
        assertEquals(Duration.ZERO, noEnd.talkTime());
        // clock trouble never gives a negative duration
        assertEquals(Duration.ZERO, minimal().fwdAnswerTime(END).callEndTime(ANSWER).build().talkTime());
    }

    @Test
    void recordingReferenceNeedsFlagDomainAndObjectName() {
        CallDetailRecord.Builder b = minimal().recordDomain("ostor.example.com").recordObjectName("rec.wav");
        assertEquals(Optional.empty(), b.recordFlag(false).build().recordingReference());
        assertEquals(Optional.of(RecordingReference.of("ostor.example.com", "rec.wav")),
                b.recordFlag(true).build().recordingReference());
        assertEquals(Optional.empty(), b.recordDomain(null).build().recordingReference());
        assertEquals(Optional.empty(), minimal().recordFlag(true).recordDomain("h.com").build().recordingReference());
        CallDetailRecord odd = minimal().recordFlag(true).recordDomain("h.com").recordObjectName("dir/rec.wav").build();
        assertEquals(Optional.empty(), odd.recordingReference());
        assertEquals(Optional.of("dir/rec.wav"), odd.recordObjectName());
    }

    @Test
    void downloadUrlIsAtMost1024Characters() {
        String url = "https://h/" + "a".repeat(1014);
        assertEquals(1024, url.length());
        assertEquals(Optional.of(url), minimal().recordFileDownloadUrl(url).build().recordFileDownloadUrl());
        assertInvalid("recordFileDownloadUrl", () -> minimal().recordFileDownloadUrl(url + "a"));
    }

    @Test
    void equality() {
        CallDetailRecord a = minimal().direction(0).callerNum(ReportedNumber.of("13800000001")).build();
        CallDetailRecord b = minimal().direction(0).callerNum(ReportedNumber.of("13800000001")).build();
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, minimal().direction(1).callerNum(ReportedNumber.of("13800000001")).build());
    }

    @Test
    void toStringHasNoNumberInClearNorUserDataNorUrl() {
        String s = minimal()
                .direction(0)
                .bindNum(ReportedNumber.of("+8617000000011"))
                .callerNum(ReportedNumber.of("+8613900000002"))
                .calleeNum(ReportedNumber.of("+8617000000011"))
                .fwdDisplayNum(ReportedNumber.of("+8617000000022"))
                .fwdDstNum(ReportedNumber.of("+8613800000001"))
                .userData("Zhao Liu 13500000005")
                .recordFileDownloadUrl("https://obs.example.com/rec.wav?Signature=SECRETSIG")
                .rawJson("{\"callerNum\":\"+8613900000002\"}")
                .fwdAnswerTime(ANSWER).callEndTime(END)
                .build()
                .toString();
        for (String digits : new String[] {"17000000011", "13900000002", "17000000022", "13800000001", "13500000005"}) {
            assertNotRevealed(digits, s);
        }
        assertFalse(s.contains("Zhao"), s);
        assertFalse(s.contains("SECRETSIG"), s);
        assertTrue(s.contains("CAE-20190124023000-1"), s);
        assertTrue(s.contains("CALLED_X_B_TO_A"), s);
        assertTrue(s.contains("PT1M30S"), s);
        assertTrue(s.contains("+86139****0002"), s);
    }
}
