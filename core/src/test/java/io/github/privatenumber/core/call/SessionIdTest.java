package io.github.privatenumber.core.call;

import static io.github.privatenumber.core.InvalidValues.assertInvalid;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class SessionIdTest {

    @Test
    void acceptsThePlatformsIds() {
        String raw = "1200_1827_4294967295_20190124023003@callenabler246.huaweicaas.com";
        SessionId id = SessionId.of(raw);
        assertEquals(raw, id.value());
        assertEquals(raw, id.toString());
        assertEquals(new SessionId(raw), id);
        assertEquals(256, SessionId.of("s".repeat(256)).value().length());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "a b", "a\nb", "\u4f1a\u8bdd"})
    void rejectsOthers(String value) {
        assertInvalid("sessionId", () -> SessionId.of(value));
    }

    @Test
    void isAtMost256Characters() {
        assertInvalid("sessionId", () -> SessionId.of("s".repeat(257)));
    }
}
