package io.github.privatenumber.core.number;

import static io.github.privatenumber.core.InvalidValues.assertInvalid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.privatenumber.core.InvalidValueException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class AreaCodeTest {

    @ParameterizedTest
    @ValueSource(strings = {"010", "020", "021", "029", "0755", "0571", "0311", "0991"})
    void acceptsAreaCodes(String value) {
        assertEquals(value, AreaCode.of(value).value());
        assertEquals(value, AreaCode.of(value).toString());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"755", "10", "0", "00", "0755x", "07555", "075", "0101", "011", "012", "0201", "0010",
        "00755", " 0755", "0755 ", "\uFF10\uFF17\uFF15\uFF15", "+86755", "07-55"})
    void rejectsOthers(String value) {
        InvalidValueException e = assertInvalid("areaCode", () -> AreaCode.of(value));
        if (value != null) {
            assertTrue(e.getMessage().contains("area code like 0755 or 010"), e.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"0400", "0800"})
    void serviceNumberPrefixesAreNotAreaCodes(String value) {
        InvalidValueException e = assertInvalid("areaCode", () -> AreaCode.of(value));
        assertTrue(e.getMessage().contains("400/800"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0411", "0431", "0451", "0851", "0871", "0898"})
    void realCodesBeginningWith04Or08AreAccepted(String value) {
        assertEquals(value, AreaCode.of(value).value());
    }

    @Test
    void theCallerNamesTheField() {
        assertInvalid("city", () -> AreaCode.of("city", "755"));
        assertEquals(AreaCode.of("0755"), AreaCode.of("city", "0755"));
    }
}
