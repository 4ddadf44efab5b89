package io.github.privatenumber.core.result;

import static io.github.privatenumber.core.InvalidValues.assertInvalid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ResultCodeTest {

    @Test
    void knownCodesHaveConstantsAndMeanings() {
        assertSame(ResultCode.SUCCESS, ResultCode.of("0"));
        assertSame(ResultCode.BINDING_NOT_FOUND, ResultCode.of("1016001"));
        assertTrue(ResultCode.SUCCESS.isSuccess());
        assertTrue(ResultCode.MAX_X_REACHED.isKnown());
        assertEquals(Optional.of("binding does not exist"), ResultCode.of("1016001").meaning());
        assertEquals("1011003", ResultCode.MAX_X_REACHED.toString());
    }

    @Test
    void unknownCodesAreKept() {
        ResultCode code = ResultCode.of("1099999");
        assertEquals("1099999", code.code());
        assertFalse(code.isKnown());
        assertFalse(code.isSuccess());
        assertEquals(Optional.empty(), code.meaning());
        assertEquals(ResultCode.of("1099999"), code);
        assertEquals(new ResultCode("1099999").hashCode(), code.hashCode());
        assertTrue(ResultCode.of("E-NEW.CODE").code().startsWith("E-"));
    }

    @Test
    void transientFailures() {
        assertTrue(ResultCode.INTERNAL_ERROR.isTransientPlatformFailure());
        assertTrue(ResultCode.INTERNAL_TIMEOUT.isTransientPlatformFailure());
        assertTrue(ResultCode.INTERNAL_TIMEOUT_2.isTransientPlatformFailure());
        assertFalse(ResultCode.BINDING_NOT_FOUND.isTransientPlatformFailure());
        assertFalse(ResultCode.SUCCESS.isTransientPlatformFailure());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1023006", "1023009", "1023012", "1023031", "1023037"})
    void malformedAuthenticationCodes(String code) {
        assertTrue(ResultCode.of(code).isMalformedAuthentication());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1023005", "1023013", "1023030", "1023038", "1023002", "0", "10230+1", "102300"})
    void otherCodesAreNotMalformedAuthentication(String code) {
        assertFalse(ResultCode.of(code).isMalformedAuthentication());
    }

    @Test
    void invalidCodesAreRejected() {
        assertInvalid("resultcode", () -> ResultCode.of(null));
        assertInvalid("resultcode", () -> new ResultCode(null));
        assertInvalid("resultcode", () -> ResultCode.of(""));
        assertInvalid("resultcode", () -> ResultCode.of("1".repeat(33)));
        assertInvalid("resultcode", () -> ResultCode.of("10 01"));
        assertInvalid("resultcode", () -> ResultCode.of("\u0661\u0660"));
        assertEquals(32, ResultCode.of("1".repeat(32)).code().length());
    }
}
