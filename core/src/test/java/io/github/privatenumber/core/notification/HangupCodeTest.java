package io.github.privatenumber.core.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.privatenumber.core.notification.HangupCode.Category;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HangupCodeTest {

    @ParameterizedTest
    @CsvSource({
        "0, NORMAL",
        "8030, BINDING", "8031, BINDING", "8032, BINDING",
        "7503, CALLEE", "7504, CALLEE", "8035, CALLEE", "8100, CALLEE", "8101, CALLEE", "8102, CALLEE",
        "8103, CALLEE", "8104, CALLEE", "8105, CALLEE",
        "7501, CALLER", "7502, CALLER",
        "8014, OTHER", "8010, OTHER",
        "522, PLATFORM_FAULT", "8007, PLATFORM_FAULT", "8008, PLATFORM_FAULT", "8015, PLATFORM_FAULT",
        "8041, PLATFORM_FAULT",
    })
    void everyDocumentedCodeIsKnown(int code, Category category) {
        HangupCode c = HangupCode.of(code);
        assertTrue(c.isKnown());
        assertEquals(category, c.category());
        assertTrue(c.description().isPresent());
        assertTrue(c.toString().startsWith(code + " ("), c.toString());
    }

    @Test
    void everyCodeOfTheDocumentedRangesIsKnown() {
        IntStream.rangeClosed(7100, 7108).forEach(c -> assertEquals(Category.TENANT, HangupCode.of(c).category()));
        IntStream.rangeClosed(7001, 7005).forEach(c -> assertEquals(Category.PLATFORM_CONTROL, HangupCode.of(c).category()));
        IntStream.rangeClosed(8042, 8057).forEach(c -> assertEquals(Category.PLATFORM_CONTROL, HangupCode.of(c).category()));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7000, 7006, 7109, 8041 + 1000, 8058, 9999, -1, 200})
    void unknownCodesAreKeptAsNumbers(int code) {
        HangupCode c = HangupCode.of(code);
        assertEquals(code, c.code());
        assertFalse(c.isKnown());
        assertEquals(Category.UNKNOWN, c.category());
        assertEquals(Optional.empty(), c.description());
        assertEquals(String.valueOf(code), c.toString());
    }

    @Test
    void constants() {
        assertEquals(0, HangupCode.NORMAL_RELEASE.code());
        assertTrue(HangupCode.NORMAL_RELEASE.isNormal());
        assertFalse(HangupCode.CALLEE_BUSY.isNormal());
        assertEquals(HangupCode.of(8102), HangupCode.CALLEE_BUSY);
        assertEquals(Optional.of("callee busy"), HangupCode.CALLEE_BUSY.description());
        assertEquals(8031, HangupCode.Y_ALLOCATION_FAILED.code());
        assertEquals(7105, HangupCode.TENANT_7105.code());
        assertEquals(8050, HangupCode.PLATFORM_CONTROL_8050.code());
        assertEquals(522, HangupCode.PLATFORM_FAULT_522.code());
    }
}
