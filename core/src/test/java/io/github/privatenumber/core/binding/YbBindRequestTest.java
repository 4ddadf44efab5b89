package io.github.privatenumber.core.binding;

import static io.github.privatenumber.core.InvalidValues.assertInvalid;
import static io.github.privatenumber.core.InvalidValues.assertNotRevealed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.privatenumber.core.number.AreaCode;
import io.github.privatenumber.core.number.PhoneNumber;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class YbBindRequestTest {

    private static final PhoneNumber B = PhoneNumber.of("+8613900000002");
    private static final SubscriptionId SUB = SubscriptionId.of("sub-0001");

    @Test
    void origNumAndSubscriptionIdAreRequired() {
        YbBindRequest r = YbBindRequest.builder().origNum(B).subscriptionId(SUB).build();
        assertEquals(B, r.origNum());
        assertEquals(SUB, r.subscriptionId());
        assertEquals(Optional.empty(), r.areaCode());
        assertEquals(Optional.empty(), r.areaMatchMode());
        assertEquals(Optional.empty(), r.preVoiceY());
        assertEquals(Optional.empty(), r.ybDuration());

        assertInvalid("origNum", () -> YbBindRequest.builder().subscriptionId(SUB).build());
        assertInvalid("subscriptionId", () -> YbBindRequest.builder().origNum(B).build());
        assertInvalid("subscriptionId", () -> YbBindRequest.builder().subscriptionId((SubscriptionId) null));
        assertInvalid("subscriptionId", () -> YbBindRequest.builder().subscriptionId(""));
        assertInvalid("origNum", () -> YbBindRequest.builder().origNum((PhoneNumber) null));
        assertInvalid("origNum", () -> YbBindRequest.builder().origNum("13900000002x"));
    }

    @Test
    void holdsEveryOptionalValue() {
        YbBindRequest r = YbBindRequest.builder()
                .origNum("0755-28000002")
                .subscriptionId("sub-0001")
                .areaCode(AreaCode.of("020"))
                .areaMatchMode(AreaMatchMode.STRICT)
                .preVoiceY("ring_y.wav")
                .ybDurationSeconds(600)
                .build();
        assertEquals(PhoneNumber.of("+8675528000002"), r.origNum());
        assertEquals(SUB, r.subscriptionId());
        assertEquals(Optional.of(AreaCode.of("020")), r.areaCode());
        assertEquals(Optional.of(AreaMatchMode.STRICT), r.areaMatchMode());
        assertEquals(Optional.of(VoicePrompt.of("ring_y.wav")), r.preVoiceY());
        assertEquals(Optional.of(BindDuration.ofSeconds(600)), r.ybDuration());
        assertEquals(r, r.toBuilder().build());
        assertEquals(r.hashCode(), r.toBuilder().build().hashCode());
    }

    @Test
    void valuesAreValidatedWithTheirFieldNames() {
        assertInvalid("preVoiceY", () -> YbBindRequest.builder().preVoiceY("ring y.wav"));
        assertInvalid("ybDuration", () -> YbBindRequest.builder().ybDurationSeconds(59));
        assertInvalid("areaCode", () -> YbBindRequest.builder().areaCode("0"));
    }

    @Test
    void toStringMasksTheNumber() {
        String s = YbBindRequest.builder().origNum(B).subscriptionId(SUB).build().toString();
        assertTrue(s.contains("+86139****0002"), s);
        assertTrue(s.contains("sub-0001"), s);
        assertNotRevealed("13900000002", s);
    }
}
