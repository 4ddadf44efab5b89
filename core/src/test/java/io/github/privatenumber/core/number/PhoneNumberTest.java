package io.github.privatenumber.core.number;

import static io.github.privatenumber.core.InvalidValues.assertInvalid;
import static io.github.privatenumber.core.InvalidValues.assertNotRevealed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.privatenumber.core.InvalidValueException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNumberTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "+8613800000001", "8613800000001", "13800000001", "008613800000001",
        "+86 138 0000 0001", "+86-138-0000-0001", "138 0000 0001", "138-0000-0001", "0086 138 0000 0001",
    })
    void acceptsEveryMobileForm(String input) {
        PhoneNumber n = PhoneNumber.of(input);
        assertEquals("+8613800000001", n.value());
        assertEquals("13800000001", n.nationalNumber());
        assertTrue(n.isMobile());
        assertFalse(n.isFixedLine());
        assertEquals(Optional.empty(), n.areaCode());
    }

    @ParameterizedTest
    @CsvSource({
        "0755-28000001, +8675528000001, 0755",
        "075528000001, +8675528000001, 0755",
        "+8675528000001, +8675528000001, 0755",
        "8675528000001, +8675528000001, 0755",
        "0086 755 2800 0001, +8675528000001, 0755",
        "'0755 2800 0001', +8675528000001, 0755",
        "010-12345678, +861012345678, 010",
        "01012345678, +861012345678, 010",
        "+861012345678, +861012345678, 010",
        "+86-10-1234567, +86101234567, 010",
        "020-1234567, +86201234567, 020",
        "029-88887777, +862988887777, 029",
        "0571-8888123, +865718888123, 0571",
    })
    void acceptsEveryFixedLineForm(String input, String expected, String areaCode) {
        PhoneNumber n = PhoneNumber.of(input);
        assertEquals(expected, n.value());
        assertTrue(n.isFixedLine());
        assertFalse(n.isMobile());
        assertEquals(expected.substring(3), n.nationalNumber());
        assertEquals(Optional.of(AreaCode.of(areaCode)), n.areaCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "4001234567", "8001234567", "400-123-4567", "800 123 4567", "40012345678",
        "04001234567", "08001234567", "0400-1234567", "0800-12345678",
        "+864001234567", "+868001234567", "864001234567", "868001234567", "00864001234567", "+86 400 123 4567",
        "+86 800 1234 5678",
    })
    void serviceNumbersAreRejected(String input) {
        InvalidValueException e = assertInvalid("phoneNumber", () -> PhoneNumber.of(input));
        assertTrue(e.getMessage().contains("400/800 service numbers cannot be bound"), e.getMessage());
        assertEquals(Optional.empty(), PhoneNumber.tryParse(input));
    }

    @ParameterizedTest
    @CsvSource({
        // real area codes that begin like the service prefixes
        "0411-88881234, 0411",
        "0431-8888123, 0431",
        "0451-88881234, 0451",
        "0851-88881234, 0851",
        "0871-6666123, 0871",
        "0898-66661234, 0898",
        "+86 851 8888 1234, 0851",
    })
    void areaCodesBeginningWith04Or08AreStillAccepted(String input, String areaCode) {
        assertEquals(Optional.of(AreaCode.of(areaCode)), PhoneNumber.of(input).areaCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"13000000000", "14500000000", "16600000000", "17000000000", "19999999999"})
    void mobilesBeginWith13To19(String input) {
        assertTrue(PhoneNumber.of(input).isMobile());
    }

    @ParameterizedTest
    @ValueSource(strings = {"10000000000", "11000000000", "12000000000"})
    void mobilesBeginningWith10To12AreRejected(String input) {
        assertInvalid("phoneNumber", () -> PhoneNumber.of(input));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\t"})
    void missingValuesAreRejected(String input) {
        assertInvalid("phoneNumber", () -> PhoneNumber.of(input));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "+86+8613800000001",          // +86 prepended twice
        "+86 +8613800000001",
        "8686 13800000001",
        "+868613800000001",
        "\uFF11\uFF13\uFF18\uFF10\uFF10\uFF10\uFF10\uFF10\uFF10\uFF10\uFF11", // full-width digits
        "\u0661\u0663\u0668\u0660\u0660\u0660\u0660\u0660\u0660\u0660\u0661", // Arabic-Indic digits
        "+86138\uFF100000001",
        "1380000000a",
        "tel:13800000001",
        "+1 650 555 0100",            // another country
        "+85212345678",
        "0044 20 7946 0000",
        " 13800000001",               // leading separator
        "13800000001 ",               // trailing separator
        "-13800000001",
        "138--0000-0001",             // doubled separator
        "138 -0000-0001",
        "+ 8613800000001",
        "+-8613800000001",
        "(0755)28000001",
        "138.0000.0001",
        "138/0000/0001",
        "1380000000",                 // 10 digits
        "138000000012",               // 12 digits
        "+86138000000012",
        "013800000001",               // trunk 0 before a mobile
        "+86013800000001",
        "+860755 28000001",           // trunk 0 after +86
        "0086 0755 28000001",
        "1012345678",                 // fixed line without its 0
        "75528000001",
        "0755123456",                 // 6-digit subscriber
        "0755123456789",              // 9-digit subscriber
        "011-12345678",               // no such area code
        "+86",
        "+",
        "0",
        "00",
        "+86\n13800000001",
    })
    void malformedValuesAreRejected(String input) {
        InvalidValueException e = assertInvalid("phoneNumber", () -> PhoneNumber.of(input));
        assertNotRevealed(input, e.getMessage());
    }

    @Test
    void tooLongInputIsRejected() {
        String input = "+86 138 0000 0001" + " 0".repeat(8);
        assertEquals(33, input.length());
        InvalidValueException e = assertInvalid("phoneNumber", () -> PhoneNumber.of(input));
        assertNotRevealed("13800000001", e.getMessage());
        assertTrue(e.getMessage().contains("32"));
    }

    @Test
    void theCallerNamesTheField() {
        InvalidValueException e = assertInvalid("origNum", () -> PhoneNumber.of("origNum", "+86+8613800000001"));
        assertTrue(e.getMessage().startsWith("origNum: "));
        assertNotRevealed("8613800000001", e.getMessage());
        assertInvalid("origNum", () -> PhoneNumber.of("origNum", null));
        assertInvalid("field", () -> PhoneNumber.of(null, "13800000001"));
    }

    @Test
    void messagesShowTheInputOnlyMasked() {
        InvalidValueException e = assertInvalid("phoneNumber", () -> PhoneNumber.of("+1 650 555 0100"));
        assertTrue(e.getMessage().contains("+165****0100"), e.getMessage());
        e = assertInvalid("phoneNumber", () -> PhoneNumber.of("138-0000-0001x"));
        assertNotRevealed("13800000001", e.getMessage());
        assertFalse(e.getMessage().contains("138-00"), e.getMessage());
    }

    @Test
    void toStringIsMasked() {
        assertEquals("+86138****0001", PhoneNumber.of("13800000001").toString());
        assertEquals("+86755****0001", PhoneNumber.of("0755-28000001").toString());
        assertNotRevealed("13800000001", PhoneNumber.of("13800000001").toString());
        assertNotRevealed("861012345678", PhoneNumber.of("010-12345678").toString());
    }

    @Test
    void equalityIsByNormalisedValue() {
        PhoneNumber a = PhoneNumber.of("+8613800000001");
        PhoneNumber b = PhoneNumber.of("138 0000 0001");
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, PhoneNumber.of("13800000002"));
        assertEquals(PhoneNumber.of("0755-28000001"), PhoneNumber.of("+8675528000001"));
        assertNotEquals(a, "+8613800000001");
    }

    @Test
    void normalisingTwiceChangesNothing() {
        PhoneNumber n = PhoneNumber.of("0755-28000001");
        assertEquals(n, PhoneNumber.of(n.value()));
        assertEquals(n.value(), PhoneNumber.of(n.value()).value());
    }

    @Test
    void tryParseNeverThrows() {
        assertEquals(Optional.of(PhoneNumber.of("13800000001")), PhoneNumber.tryParse("+86 138 0000 0001"));
        assertEquals(Optional.empty(), PhoneNumber.tryParse("+86138****0001"));
        assertEquals(Optional.empty(), PhoneNumber.tryParse(null));
        assertEquals(Optional.empty(), PhoneNumber.tryParse(""));
        assertEquals(Optional.empty(), PhoneNumber.tryParse("1".repeat(40)));
    }
}
