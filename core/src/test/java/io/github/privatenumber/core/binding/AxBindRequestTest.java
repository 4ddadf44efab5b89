package io.github.privatenumber.core.binding;

import static io.github.privatenumber.core.InvalidValues.assertInvalid;
import static io.github.privatenumber.core.InvalidValues.assertNotRevealed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.privatenumber.core.InvalidValueException;
import io.github.privatenumber.core.number.AreaCode;
import io.github.privatenumber.core.number.PhoneNumber;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AxBindRequestTest {

    private static final PhoneNumber A = PhoneNumber.of("+8613800000001");

    @Test
    void onlyOrigNumIsRequired() {
        AxBindRequest r = AxBindRequest.builder().origNum(A).build();
        assertEquals(A, r.origNum());
        assertEquals(Optional.empty(), r.areaCode());
        assertEquals(Optional.empty(), r.areaMatchMode());
        assertEquals(Optional.empty(), r.callDirection());
        assertEquals(Optional.empty(), r.duration());
        assertEquals(Optional.empty(), r.ybDuration());
        assertFalse(r.recordFlag());
        assertEquals(Optional.empty(), r.recordHintTone());
        assertEquals(Optional.empty(), r.preVoiceX());
        assertEquals(Optional.empty(), r.userData());
    }

    @Test
    void missingOrigNumIsRejected() {
        assertInvalid("origNum", () -> AxBindRequest.builder().build());
        assertInvalid("origNum", () -> AxBindRequest.builder().origNum((PhoneNumber) null));
        assertInvalid("origNum", () -> AxBindRequest.builder().origNum((String) null));
    }

    @Test
    void origNumTextIsParsedWithItsFieldName() {
        assertEquals(A, AxBindRequest.builder().origNum("138 0000 0001").build().origNum());
        InvalidValueException e = assertInvalid("origNum", () -> AxBindRequest.builder().origNum("+86+8613800000001"));
        assertNotRevealed("8613800000001", e.getMessage());
    }

    @Test
    void aFixedLineAIsAllowed() {
        AxBindRequest r = AxBindRequest.builder().origNum("0755-28000001").build();
        assertTrue(r.origNum().isFixedLine());
    }

    @Test
    void holdsEveryOptionalValue() {
        AxBindRequest r = AxBindRequest.builder()
                .origNum(A)
                .areaCode("0755")
                .areaMatchMode(AreaMatchMode.LOOSE)
                .callDirection(CallDirection.A_TO_B)
                .durationSeconds(3600)
                .ybDurationSeconds(1800)
                .recordFlag(true)
                .recordHintTone("hint.wav")
                .preVoiceX("ring_x.wav")
                .userData("\u8ba2\u5355 42")
                .build();
        assertEquals(Optional.of(AreaCode.of("0755")), r.areaCode());
        assertEquals(Optional.of(AreaMatchMode.LOOSE), r.areaMatchMode());
        assertEquals(Optional.of(CallDirection.A_TO_B), r.callDirection());
        assertEquals(Optional.of(BindDuration.ofSeconds(3600)), r.duration());
        assertEquals(Optional.of(BindDuration.ofSeconds(1800)), r.ybDuration());
        assertTrue(r.recordFlag());
        assertEquals(Optional.of(VoicePrompt.of("hint.wav")), r.recordHintTone());
        assertEquals(Optional.of(VoicePrompt.of("ring_x.wav")), r.preVoiceX());
        assertEquals(Optional.of(UserData.of("\u8ba2\u5355 42")), r.userData());
        assertEquals(r, r.toBuilder().build());
        assertEquals(r.hashCode(), r.toBuilder().build().hashCode());
        assertNotEquals(r, r.toBuilder().recordFlag(false).build());
    }

    @Test
    void nullClearsAnOptionalValue() {
        AxBindRequest r = AxBindRequest.builder().origNum(A).areaCode("010").areaCode((AreaCode) null)
                .duration(BindDuration.NEVER).duration(null).userData("x").userData((UserData) null).build();
        assertEquals(Optional.empty(), r.areaCode());
        assertEquals(Optional.empty(), r.duration());
        assertEquals(Optional.empty(), r.userData());
    }

    @ParameterizedTest
    @CsvSource({"59, false", "60, true", "7776000, true", "7776001, false", "0, true", "-1, false"})
    void durationRange(long seconds, boolean accepted) {
        AxBindRequest.Builder b = AxBindRequest.builder().origNum(A);
        if (accepted) {
            assertEquals(seconds, b.durationSeconds(seconds).build().duration().orElseThrow().seconds());
            assertEquals(seconds, b.ybDurationSeconds(seconds).build().ybDuration().orElseThrow().seconds());
        } else {
            assertInvalid("duration", () -> b.durationSeconds(seconds));
            assertInvalid("ybDuration", () -> b.ybDurationSeconds(seconds));
        }
    }

    @ParameterizedTest
    @CsvSource({
        // duration, ybDuration, effective ybDuration
        "600, 3600, 600",
        "600, 600, 600",
        "3600, 600, 600",
        "600, 0, 0",
        "0, 3600, 3600",
        "0, 0, 0",
    })
    void ybDurationIsCutToDuration(long duration, long ybDuration, long effective) {
        AxBindRequest r = AxBindRequest.builder().origNum(A)
                .duration(BindDuration.ofSeconds(duration))
                .ybDuration(BindDuration.ofSeconds(ybDuration))
                .build();
        assertEquals(BindDuration.ofSeconds(duration), r.duration().orElseThrow());
        assertEquals(BindDuration.ofSeconds(effective), r.ybDuration().orElseThrow());
    }

    @ParameterizedTest
    @CsvSource({
        // ybDuration without duration: cut to the platform's default duration, 7200 s
        "9000, 7200",
        "7201, 7200",
        "7200, 7200",
        "3600, 3600",
        "60, 60",
        "0, 0",
    })
    void withoutDurationYbDurationIsCutToThePlatformDefault(long ybDuration, long effective) {
        AxBindRequest r = AxBindRequest.builder().origNum(A).ybDurationSeconds(ybDuration).build();
        assertEquals(Optional.empty(), r.duration());
        assertEquals(Optional.of(BindDuration.ofSeconds(effective)), r.ybDuration());
        assertEquals(Optional.of(BindDuration.ofSeconds(ybDuration)), r.requestedYbDuration());
        assertEquals(7200, AxBindRequest.PLATFORM_DEFAULT_DURATION.seconds());
        AxBindRequest day = AxBindRequest.builder().origNum(A).ybDuration(BindDuration.of(Duration.ofDays(1))).build();
        assertEquals(Optional.of(BindDuration.ofSeconds(7200)), day.ybDuration());
    }

    @Test
    void theRequestedYbDurationSurvivesToBuilder() {
        AxBindRequest short10min = AxBindRequest.builder().origNum(A).durationSeconds(600).ybDurationSeconds(3600).build();
        assertEquals(Optional.of(BindDuration.ofSeconds(600)), short10min.ybDuration());
        assertEquals(Optional.of(BindDuration.ofSeconds(3600)), short10min.requestedYbDuration());
        // raising duration afterwards restores what was asked for
        AxBindRequest longer = short10min.toBuilder().durationSeconds(86_400).build();
        assertEquals(Optional.of(BindDuration.ofSeconds(3600)), longer.ybDuration());
        AxBindRequest never = short10min.toBuilder().duration(BindDuration.NEVER).build();
        assertEquals(Optional.of(BindDuration.ofSeconds(3600)), never.ybDuration());
        AxBindRequest platformDefault = short10min.toBuilder().duration(null).build();
        assertEquals(Optional.of(BindDuration.ofSeconds(3600)), platformDefault.ybDuration());
        // equality follows the values as set: the same settings, the same request
        assertEquals(short10min, longer.toBuilder().durationSeconds(600).build());
        assertNotEquals(short10min, AxBindRequest.builder().origNum(A).durationSeconds(600).ybDurationSeconds(600).build());
        assertTrue(short10min.toString().contains("ybDuration=600s (requested 3600s)"), short10min.toString());
        assertEquals(Optional.empty(), AxBindRequest.builder().origNum(A).build().requestedYbDuration());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ring tone.wav", "../ring.wav", "\u94c3\u58f0.wav"})
    void voicePromptsAreValidatedWithTheirFieldNames(String name) {
        assertInvalid("recordHintTone", () -> AxBindRequest.builder().recordHintTone(name));
        assertInvalid("preVoiceX", () -> AxBindRequest.builder().preVoiceX(name));
    }

    @Test
    void otherValuesAreValidatedWithTheirFieldNames() {
        assertInvalid("areaCode", () -> AxBindRequest.builder().areaCode("755"));
        assertInvalid("userData", () -> AxBindRequest.builder().userData(""));
        assertInvalid("userData", () -> AxBindRequest.builder().userData("x".repeat(257)));
    }

    @Test
    void toStringMasksTheNumberAndHidesUserData() {
        String s = AxBindRequest.builder().origNum(A).userData("Zhang San, 13900000009").areaCode("0755").build().toString();
        assertTrue(s.contains("+86138****0001"), s);
        assertTrue(s.contains("0755"), s);
        assertNotRevealed("13800000001", s);
        assertNotRevealed("13900000009", s);
        assertFalse(s.contains("Zhang"), s);
    }
}
