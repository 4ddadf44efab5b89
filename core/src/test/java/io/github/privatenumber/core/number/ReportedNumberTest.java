package io.github.privatenumber.core.number;

import static io.github.privatenumber.core.InvalidValues.assertInvalid;
import static io.github.privatenumber.core.InvalidValues.assertNotRevealed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.privatenumber.core.InvalidValueException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ReportedNumberTest {

    @ParameterizedTest
    @ValueSource(strings = {"+86138****0022", "anonymous", "unknown", "12345", "+1 650 555 0100", "\u533f\u540d", "0"})
    void keepsOddValuesAsReported(String raw) {
        ReportedNumber n = ReportedNumber.of(raw);
        assertEquals(raw, n.raw());
        assertEquals(Optional.empty(), n.toPhoneNumber());
    }

    @Test
    void readsValidNumbers() {
        assertEquals(Optional.of(PhoneNumber.of("13800000001")), ReportedNumber.of("+8613800000001").toPhoneNumber());
        assertEquals(Optional.of(PhoneNumber.of("075528000001")), ReportedNumber.of("075528000001").toPhoneNumber());
    }

    @Test
    void toStringIsMasked() {
        ReportedNumber n = ReportedNumber.of("+8613800000022");
        assertEquals("+86138****0022", n.toString());
        assertNotRevealed("13800000022", n.toString());
        assertEquals("+86138****0022", ReportedNumber.of("+86138****0022").toString());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  ", "+8613800000001\n", "+86\u0000138", "\uD800"})
    void rejectsMissingOrUnprintableText(String raw) {
        InvalidValueException e = assertInvalid("reportedNumber", () -> ReportedNumber.of(raw));
        assertNotRevealed(raw, e.getMessage());
    }

    @Test
    void lengthIsLimitedTo64() {
        assertEquals(64, ReportedNumber.of("1".repeat(64)).raw().length());
        InvalidValueException e = assertInvalid("callerNum", () -> ReportedNumber.of("callerNum", "1".repeat(65)));
        assertNotRevealed("1".repeat(65), e.getMessage());
    }

    @Test
    void ofNullableTreatsBlankAsNotReported() {
        assertEquals(Optional.empty(), ReportedNumber.ofNullable("caller", null));
        assertEquals(Optional.empty(), ReportedNumber.ofNullable("caller", ""));
        assertEquals(Optional.empty(), ReportedNumber.ofNullable("caller", "  "));
        assertEquals(Optional.empty(), ReportedNumber.ofNullable("caller", "\u00a0\u3000"));
        assertInvalid("caller", () -> ReportedNumber.of("caller", "\u00a0"));
        assertEquals(Optional.of(ReportedNumber.of("+8613800000001")), ReportedNumber.ofNullable("caller", "+8613800000001"));
        assertInvalid("caller", () -> ReportedNumber.ofNullable("caller", "1\r2"));
    }

    @Test
    void equalityIsByRawText() {
        assertEquals(ReportedNumber.of("13800000001"), ReportedNumber.of("13800000001"));
        assertTrue(!ReportedNumber.of("13800000001").equals(ReportedNumber.of("+8613800000001")));
    }

    @Test
    void aFieldNamedByTheCallerGetsTheSameMessageAsTheRuleItself() {
        String[] raws = {null, "", " ", "\u00a0", "1".repeat(65), "a\u0001b", "\ud800", "x\udc00", "\t"};
        for (String raw : raws) {
            InvalidValueException rule = org.junit.jupiter.api.Assertions.assertThrows(InvalidValueException.class,
                    () -> io.github.privatenumber.core.internal.Checks.printable("callerNum", raw, 64));
            InvalidValueException got = assertInvalid("callerNum", () -> ReportedNumber.of("callerNum", raw));
            assertEquals(rule.getMessage(), got.getMessage(), String.valueOf(raw));
        }
        assertInvalid("field", () -> ReportedNumber.of(" ", "1"));
    }
}
