package io.github.privatenumber.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MaskingTest {

    @ParameterizedTest
    @CsvSource({
        "+8613800000001, +86138****0001",
        "+8675528000001, +86755****0001",
        "+861012345678, +86101****5678",
        "13800000001, 138****0001",
        "075528000001, 0755****0001",
        "1234567890, 12****90",
        "12345678, 12****78",
        "1234567, ****",
        "1, ****",
    })
    void masksPhoneLikeValues(String value, String expected) {
        assertEquals(expected, Masking.mask(value));
    }

    @Test
    void maskOfNullAndEmpty() {
        assertEquals("null", Masking.mask(null));
        assertEquals("****", Masking.mask(""));
    }

    @ParameterizedTest
    @CsvSource({
        "138-0000-0001, 138****0001",
        "'138 0000 0001', 138****0001",
        "'+86 138 0000 0001', +86138****0001",
        "0755-2800-0001, 0755****0001",
        "(0755) 28000001, 0755****0001",
    })
    void separatorsNeverWidenTheVisiblePart(String value, String expected) {
        assertEquals(expected, Masking.mask(value));
    }

    @Test
    void maskReplacesControlAndLineBreakingCharacters() {
        String masked = Masking.mask("+86\n38000000\u2028\r01");
        assertFalse(masked.contains("\n"));
        assertFalse(masked.contains("\r"));
        assertFalse(masked.contains("\u2028"));
        assertTrue(masked.contains("****"));
    }

    @Test
    void maskKeepsSurrogatePairsWhole() {
        String emoji = "\uD83D\uDE00";
        String masked = Masking.mask(emoji.repeat(14));
        assertEquals(emoji.repeat(6) + "****" + emoji.repeat(4), masked);
    }

    @Test
    void maskTextMasksNumbersInsideFreeText() {
        assertEquals("origNum +86138****0001 is invalid", Masking.maskText("origNum +8613800000001 is invalid"));
        assertEquals("call 138****0001 now", Masking.maskText("call 138 0000 0001 now"));
        assertEquals("fixed 0755****0001.", Masking.maskText("fixed 0755-28000001."));
    }

    @Test
    void maskTextKeepsShortNumbersAndPlainText() {
        assertEquals("error 404 at step 12, retry in 5 s", Masking.maskText("error 404 at step 12, retry in 5 s"));
        assertEquals("a + b - c", Masking.maskText("a + b - c"));
        assertEquals("", Masking.maskText(null));
    }

    @Test
    void maskTextMasksDigitsOfAnyScript() {
        String fullWidth = "\uFF11\uFF13\uFF18\uFF10\uFF10\uFF10\uFF10\uFF10\uFF10\uFF10\uFF11";
        String masked = Masking.maskText("number " + fullWidth);
        assertFalse(masked.contains(fullWidth));
        assertTrue(masked.contains("****"));
    }

    @Test
    void maskTextReplacesControlCharacters() {
        assertEquals("line?forged? entry", Masking.maskText("line\nforged\u2029 entry"));
    }
}
