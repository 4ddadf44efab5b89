package io.github.privatenumber.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.privatenumber.core.SignatureVerificationException;
import io.github.privatenumber.core.SignatureVerificationException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class AuthorizationHeaderTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "AKSK realm=\"SDP\",profile=\"UsernameToken\",type=\"Appkey\"",
        "AKSK realm=\"SDP\", profile=\"UsernameToken\", type=\"Appkey\"",
        "  AKSK   type = \"Appkey\" ,profile=\"UsernameToken\",   realm=\"SDP\"  ",
        "aksk Realm=\"SDP\",PROFILE=\"UsernameToken\",Type=\"Appkey\",charset=\"UTF-8\"",
        "AKSK\trealm=\"SDP\",\tprofile=\"UsernameToken\",type=\"Appkey\"",
    })
    void readsAksk(String value) {
        assertEquals(Scheme.AKSK, AuthorizationHeader.parse(value));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "WSSE realm=\"SDP\",profile=\"UsernameToken\",type=\"Appkey\"",
        "WSSE profile=\"UsernameToken\", realm=\"SDP\", type=\"Appkey\"",
    })
    void readsWsse(String value) {
        assertEquals(Scheme.WSSE, AuthorizationHeader.parse(value));
    }

    @Test
    void formatRoundTrips() {
        for (Scheme scheme : Scheme.values()) {
            assertEquals(scheme, AuthorizationHeader.parse(AuthorizationHeader.format(scheme)));
            assertEquals(scheme.authorizationValue(), AuthorizationHeader.format(scheme));
        }
        assertEquals("AKSK realm=\"SDP\",profile=\"UsernameToken\",type=\"Appkey\"", AuthorizationHeader.format(Scheme.AKSK));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
        Basic dXNlcjpwYXNz                                                           | scheme
        Bearer realm="SDP",profile="UsernameToken",type="Appkey"                     | scheme
        AKSKX realm="SDP",profile="UsernameToken",type="Appkey"                      | scheme
        realm="SDP",profile="UsernameToken",type="Appkey"                            | scheme
        AKSK                                                                         | realm
        AKSK realm="SDP",profile="UsernameToken"                                     | type
        AKSK profile="UsernameToken",type="Appkey"                                   | realm
        AKSK realm="SDP",type="Appkey"                                               | profile
        AKSK realm="sdp",profile="UsernameToken",type="Appkey"                       | realm
        AKSK realm="SDP",profile="Token",type="Appkey"                               | profile
        AKSK realm="SDP",profile="UsernameToken",type="AppKey"                       | type
        AKSK realm="SDP",profile="UsernameToken",type="Appkey",realm="SDP"           | realm
        AKSK realm=SDP,profile="UsernameToken",type="Appkey"                         | realm
        AKSK realm="SDP,profile="UsernameToken",type="Appkey"                        | ','
        AKSK realm="SDP" profile="UsernameToken" type="Appkey"                       | ','
        AKSK realm="SDP",profile="UsernameToken",type="Appkey                        | type
        AKSK,realm="SDP",profile="UsernameToken",type="Appkey"                       | space
        """)
    void rejects(String value, String mentioned) {
        SignatureVerificationException e = assertThrows(SignatureVerificationException.class,
                () -> AuthorizationHeader.parse(value));
        assertEquals(Reason.MALFORMED_HEADER, e.reason());
        assertFalse(e.getMessage().contains("dXNlcjpwYXNz"), "never echoes foreign credentials");
        assertTrue(e.getMessage().contains("Authorization"), e.getMessage());
        assertTrue(e.getMessage().contains(mentioned), e.getMessage());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "AKSK realm=\"SDP\",profile=\"UsernameToken\",type=\"Appkey\"\n"})
    void rejectsAbsentBlankAndControl(String value) {
        assertEquals(Reason.MALFORMED_HEADER,
                assertThrows(SignatureVerificationException.class, () -> AuthorizationHeader.parse(value)).reason());
    }
}
