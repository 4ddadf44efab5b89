package io.github.privatenumber.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.privatenumber.core.result.ResultCode;
import java.io.IOException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

class ExceptionsTest {

    @Test
    void platformExceptionCarriesStatusCodeAndMeaning() {
        PlatformException e = new PlatformException(403, ResultCode.BINDING_NOT_FOUND, "binding does not exist");
        assertEquals(403, e.httpStatus());
        assertSame(ResultCode.BINDING_NOT_FOUND, e.resultCode());
        assertTrue(e.getMessage().contains("403"));
        assertTrue(e.getMessage().contains("1016001"));
        assertTrue(e.getMessage().contains("binding does not exist"));
        assertTrue(e instanceof PrivateNumberException);
    }

    @Test
    void platformExceptionMasksNumbersInTheDescription() {
        PlatformException e = new PlatformException(403, ResultCode.INVALID_REQUEST,
                "origNum +8613800000001 or 138 0000 0002 is invalid");
        assertFalse(e.getMessage().contains("13800000001"));
        assertFalse(e.getMessage().contains("0000 0002"));
        assertFalse(e.description().contains("13800000001"));
        assertTrue(e.description().contains("+86138****0001"));
        assertTrue(e.getMessage().contains("+86138****0001"));
    }

    @Test
    void platformExceptionWithoutDescriptionOrWithUnknownCode() {
        PlatformException e = new PlatformException(500, ResultCode.of("1999999"), null);
        assertEquals("", e.description());
        assertTrue(e.getMessage().contains("1999999"));
        assertEquals("", new PlatformException(200, ResultCode.of("1"), "").description());
    }

    @Test
    void transportExceptionsSayWhetherTheRequestMayHaveBeenSent() {
        TransportException refused = new TransportException("connection refused", new ConnectException(), false);
        assertFalse(refused.requestMayHaveBeenSent());
        OutcomeUnknownException lost = new OutcomeUnknownException("bindAx", new IOException("reset"));
        assertTrue(lost.requestMayHaveBeenSent());
        assertEquals("bindAx", lost.operation());
        assertTrue(lost.getMessage().startsWith("bindAx"));
        assertTrue(lost instanceof TransportException);
    }

    @Test
    void signatureVerificationExceptionNamesTheReason() {
        SignatureVerificationException e =
                new SignatureVerificationException(SignatureVerificationException.Reason.BAD_DIGEST, "digest mismatch");
        assertEquals(SignatureVerificationException.Reason.BAD_DIGEST, e.reason());
        assertTrue(e.getMessage().contains("BAD_DIGEST"));
    }

    @Test
    void invalidValueExceptionNamesTheField() {
        InvalidValueException e = new InvalidValueException("origNum", "is required");
        assertEquals("origNum", e.field());
        assertEquals("origNum: is required", e.getMessage());
    }
}
