package io.github.privatenumber.core.binding;

import static io.github.privatenumber.core.InvalidValues.assertInvalid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.privatenumber.core.InvalidValueException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** SubscriptionId, AreaMatchMode, CallDirection and VoicePrompt. */
class SimpleValuesTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "1d1c3e5f-7a3b-4c2d-9e8f-0a1b2c3d4e5f", "sub_ID.001~!"})
    void subscriptionIdAcceptsVisibleAscii(String value) {
        SubscriptionId id = SubscriptionId.of(value);
        assertEquals(value, id.value());
        assertEquals(value, id.toString());
        assertEquals(id, new SubscriptionId(value));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "   ", "a b", " ab", "ab\n", "\u8ba2\u9605", "ab\u00a0", "\uFF41"})
    void subscriptionIdRejectsMissingBlankAndNonAscii(String value) {
        assertInvalid("subscriptionId", () -> SubscriptionId.of(value));
    }

    @Test
    void subscriptionIdIsAtMost128Characters() {
        assertEquals(128, SubscriptionId.of("x".repeat(128)).value().length());
        InvalidValueException e = assertInvalid("subscriptionId", () -> SubscriptionId.of("x".repeat(129)));
        assertTrue(e.getMessage().contains("128"));
    }

    @Test
    void areaMatchModeWireValues() {
        assertEquals("0", AreaMatchMode.STRICT.wireValue());
        assertEquals("1", AreaMatchMode.LOOSE.wireValue());
        assertSame(AreaMatchMode.STRICT, AreaMatchMode.fromWire("0"));
        assertSame(AreaMatchMode.LOOSE, AreaMatchMode.fromWire("1"));
        assertInvalid("areaMatchMode", () -> AreaMatchMode.fromWire("2"));
        assertInvalid("areaMatchMode", () -> AreaMatchMode.fromWire(" 1"));
        assertInvalid("areaMatchMode", () -> AreaMatchMode.fromWire(null));
    }

    @Test
    void callDirectionWireValues() {
        assertEquals(0, CallDirection.BOTH.wireValue());
        assertEquals(1, CallDirection.A_TO_B.wireValue());
        assertEquals(2, CallDirection.B_TO_A.wireValue());
        for (CallDirection d : CallDirection.values()) {
            assertSame(d, CallDirection.fromWire(d.wireValue()));
        }
        assertInvalid("callDirection", () -> CallDirection.fromWire(3));
        assertInvalid("callDirection", () -> CallDirection.fromWire(-1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "ringback.wav", "pre-voice_X.01@tenant.wav", "0123456789", "A-_.@"})
    void voicePromptAcceptsFileNames(String name) {
        assertEquals(name, VoicePrompt.of(name).fileName());
        assertEquals(name, VoicePrompt.of(name).toString());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "ring back.wav", "dir/ring.wav", "ring\\back", "\u94c3\u58f0.wav", "ring#1.wav",
        "ring+1.wav", "ring.wav\n", "\uFF52ing.wav"})
    void voicePromptRejectsOtherNames(String name) {
        assertInvalid("voicePrompt", () -> VoicePrompt.of(name));
        assertInvalid("preVoiceY", () -> VoicePrompt.of("preVoiceY", name));
    }

    @Test
    void voicePromptIsAtMost128Characters() {
        assertEquals(128, VoicePrompt.of("a".repeat(128)).fileName().length());
        assertInvalid("recordHintTone", () -> VoicePrompt.of("recordHintTone", "a".repeat(129)));
        assertFalse(VoicePrompt.of("a").equals(VoicePrompt.of("A")));
    }
}
