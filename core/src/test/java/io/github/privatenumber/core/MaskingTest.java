package io.github.privatenumber.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MaskingTest {

    @ParameterizedTest
    @CsvSource({
        "+8613800000001, +86138****0001",
        "8613800000003, 86138****0003",
        "+8613800000003, +86138****0003",
        "008613800000003, 0086138****0003",
        "13800000003, 138****0003",
        "+8675528000001, +86755****0001",
        "+861012345678, +86101****678",
        "075528000001, 075****0001",
        "+16505550100, +165****0100",
        "1234567890, 123****890",
        "123456789, 12****789",
        "12345678, 12****78",
        "1234567, ****",
        "+861234567, +86****",
        "1, ****",
    })
    void masksPhoneLikeValues(String value, String expected) {
        assertEquals(expected, Masking.mask(value));
    }

    @ParameterizedTest
    @CsvSource({
        "8613800000003, 86138****0003",
        "+8613800000003, +86138****0003",
        "13800000003, 138****0003",
        "'call 8613800000003 now', 'call 86138****0003 now'",
        "'call 86 138 0000 0003 now', 'call 86138****0003 now'",
    })
    void maskTextUsesTheSameRule(String text, String expected) {
        assertEquals(expected, Masking.maskText(text));
    }

    /** The digits of a prefix that may stay visible: a country code (+86, 86, 0086) or a bare '+'. */
    private static int visiblePrefixDigits(String compact) {
        if (compact.startsWith("+86")) {
            return 2;
        }
        if (compact.startsWith("0086")) {
            return 4;
        }
        return compact.startsWith("86") ? 2 : 0;
    }

    @Test
    void everyDigitStringFrom7To20DigitsHidesAtLeastFourAndShowsAtMostSevenBesidesTheCountryCode() {
        Random random = new Random(7);
        String[] prefixes = {"", "+", "+86", "86", "0086", "+86 ", "0", "00"};
        for (int length = 7; length <= 20; length++) {
            for (String prefix : prefixes) {
                for (int k = 0; k < 50; k++) {
                    StringBuilder digits = new StringBuilder();
                    while (digits.length() < length) {
                        digits.append((char) ('0' + random.nextInt(10)));
                    }
                    String value = prefix + digits;
                    String spaced = prefix + digits.toString().replaceAll("(\\d{3})(?=\\d)", "$1 ");
                    for (String input : new String[] {value, spaced, "+" + digits}) {
                        String compact = input.replace(" ", "");
                        int total = (int) compact.chars().filter(Character::isDigit).count();
                        for (String masked : new String[] {Masking.mask(input), Masking.maskText(input)}) {
                            int visible = (int) masked.chars().filter(Character::isDigit).count();
                            assertTrue(total - visible >= 4, () -> input + " -> " + masked + ": fewer than 4 hidden");
                            assertTrue(visible - visiblePrefixDigits(compact) <= 7,
                                    () -> input + " -> " + masked + ": more than 7 visible besides the country code");
                            assertTrue(masked.contains("****"), () -> input + " -> " + masked);
                            int stars = masked.indexOf("****");
                            int head = (int) masked.substring(0, stars).chars().filter(Character::isDigit).count();
                            assertTrue(head - visiblePrefixDigits(compact) <= 3,
                                    () -> input + " -> " + masked + ": more than 3 digits before the stars");
                        }
                    }
                }
            }
        }
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
        "0755-2800-0001, 075****0001",
        "(0755) 28000001, 075****0001",
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
        assertEquals(emoji.repeat(3) + "****" + emoji.repeat(4), masked);
    }

    @Test
    void maskTextMasksNumbersInsideFreeText() {
        assertEquals("origNum +86138****0001 is invalid", Masking.maskText("origNum +8613800000001 is invalid"));
        assertEquals("call 138****0001 now", Masking.maskText("call 138 0000 0001 now"));
        assertEquals("fixed 075****0001.", Masking.maskText("fixed 0755-28000001."));
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

    @Test
    void maskedStackTraceShowsEveryThrowableOfTheChainWithItsMessageMasked() {
        IllegalStateException cause = new IllegalStateException("duplicate key for callee +8613812345678");
        RuntimeException top = new RuntimeException("insert failed for 13812345678", cause);
        top.addSuppressed(new IllegalArgumentException("rollback of 13987654321 failed"));
        cause.initCause(top); // a cycle must not loop
        String trace = Masking.maskedStackTrace(top);
        assertFalse(trace.contains("13812345678"), trace);
        assertFalse(trace.contains("13987654321"), trace);
        assertTrue(trace.startsWith("java.lang.RuntimeException: insert failed for 138****5678\n"), trace);
        assertTrue(trace.contains("Caused by: java.lang.IllegalStateException: duplicate key for callee +86138****5678"),
                trace);
        assertTrue(trace.contains("\tSuppressed: java.lang.IllegalArgumentException"), trace);
        assertTrue(trace.contains("circular reference: java.lang.RuntimeException"), trace);
        assertTrue(trace.contains("\tat io.github.privatenumber.core.MaskingTest."), trace);
        assertEquals("", Masking.maskedStackTrace(null));
    }

    @Test
    void maskPhoneNumbersMasksNumbersOfPeopleButKeepsThePlatformsIds() {
        String session = "1200_1827_4294967295_20190124023003@callenabler246.huaweicaas.com";
        assertEquals(session, Masking.maskPhoneNumbers(session));
        assertFalse(Masking.maskPhoneNumbers("13987654321@x").contains("13987654321"));
        assertFalse(Masking.maskPhoneNumbers("+8613812345678").contains("13812345678"));
        assertFalse(Masking.maskPhoneNumbers("a8613812345678b").contains("13812345678"));
        assertFalse(Masking.maskPhoneNumbers("call +8675528000001 now").contains("75528000001"));
        assertEquals("disconnect", Masking.maskPhoneNumbers("disconnect"));
        assertEquals("12345678901", Masking.maskPhoneNumbers("12345678901"), "not a mobile number: kept");
        assertEquals("a?b", Masking.maskPhoneNumbers("a\nb"));
        assertEquals("", Masking.maskPhoneNumbers(null));
    }
}
