package io.github.privatenumber.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.privatenumber.core.InvalidValueException;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Public value types of the signing module refuse blank, control and non-ASCII text where it cannot be sent. */
class ValueHolesTest {

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t", "AKSK x\r\nX-Evil: 1", "AKSK\nx", "AKSK r\u00e9alm", "a\u0000b", "a\u2028b"})
    void signedHeadersRefuseTextThatCannotBeAHeaderValue(String bad) {
        assertEquals("authorization", assertThrows(InvalidValueException.class,
                () -> new SignedHeaders(bad, "X-AKSK", "UsernameToken x")).field());
        assertEquals("tokenHeaderValue", assertThrows(InvalidValueException.class,
                () -> new SignedHeaders(Scheme.AKSK.authorizationValue(), "X-AKSK", bad)).field());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "app key", "app\"key", "\u5e94\u7528", "a\nb"})
    void verifiedSignatureRefusesAnAppKeyThatCannotBeAUsername(String bad) {
        assertEquals("appKey", assertThrows(InvalidValueException.class,
                () -> new VerifiedSignature(bad, Scheme.AKSK, "N1", Instant.EPOCH)).field());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "n-1", "n\n", "\u00e9"})
    void verifiedSignatureRefusesANonceOfTheWrongShape(String bad) {
        assertEquals("nonce", assertThrows(InvalidValueException.class,
                () -> new VerifiedSignature("app", Scheme.AKSK, bad, Instant.EPOCH)).field());
    }
}
