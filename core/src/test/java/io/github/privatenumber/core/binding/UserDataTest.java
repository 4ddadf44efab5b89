package io.github.privatenumber.core.binding;

import static io.github.privatenumber.core.InvalidValues.assertInvalid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.github.privatenumber.core.InvalidValueException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UserDataTest {

    @ParameterizedTest
    @ValueSource(strings = {"order-42", "\u8ba2\u5355\u53f7 12345", " a ", "{\"json\": true}", "line1\nline2",
        "\uD83D\uDE00 emoji", "\u0645\u0631\u062d\u0628\u0627", "\u3000x\u3000", ".", "\t-\t"})
    void keepsAnyTextUnchanged(String text) {
        UserData data = UserData.of(text);
        assertEquals(text, data.value());
        assertEquals(text.codePointCount(0, text.length()), data.length());
    }

    @ParameterizedTest
    @ValueSource(strings = {" ", "   ", "\t", "\n", " \r\n\t ", "\u3000", "\u00a0", "\u2003\u2009", "\u00a0 \u3000"})
    void rejectsBlankText(String blank) {
        InvalidValueException e = assertInvalid("userData", () -> UserData.of(blank));
        assertEquals("userData: must not be blank", e.getMessage());
        assertInvalid("remark", () -> UserData.of("remark", blank));
        assertInvalid("userData", () -> AxBindRequest.builder().userData(blank));
    }

    @Test
    void countsCodePointsNotCharacters() {
        String emoji = "\uD83D\uDE00";
        UserData full = UserData.of(emoji.repeat(256));
        assertEquals(256, full.length());
        assertEquals(512, full.value().length());
        assertInvalid("userData", () -> UserData.of(emoji.repeat(257)));
        assertEquals(256, UserData.of("\u4e2d".repeat(256)).length());
        assertInvalid("userData", () -> UserData.of("\u4e2d".repeat(257)));
    }

    @Test
    void rejectsInvalidText() {
        assertInvalid("userData", () -> UserData.of(null));
        assertInvalid("userData", () -> UserData.of(""));
        assertInvalid("userData", () -> UserData.of("abc\uD800"));
        assertInvalid("userData", () -> UserData.of("\uDC00abc"));
        assertInvalid("userData", () -> UserData.of("a\u0000b"));
        assertInvalid("remark", () -> UserData.of("remark", ""));
    }

    @Test
    void messagesAndToStringNeverShowTheText() {
        UserData data = UserData.of("\u5f20\u4e09 13800000001");
        assertEquals("UserData[14 chars]", data.toString());
        InvalidValueException e = assertInvalid("userData", () -> UserData.of("secret 13800000001\u0000"));
        assertFalse(e.getMessage().contains("secret"));
        assertFalse(e.getMessage().contains("13800000001"));
    }
}
