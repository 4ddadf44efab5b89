package io.github.privatenumber.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.function.Executable;

/** Assertions shared by the value-type tests. */
public final class InvalidValues {

    private InvalidValues() {
    }

    /**
     * Asserts that {@code call} is rejected with an {@link InvalidValueException} naming {@code field}.
     */
    public static InvalidValueException assertInvalid(String field, Executable call) {
        InvalidValueException e = assertThrows(InvalidValueException.class, call);
        assertEquals(field, e.field(), () -> "field of: " + e.getMessage());
        return e;
    }

    /**
     * Asserts that {@code text} does not reveal {@code secret}, nor the run of digits inside it when that
     * run is long enough to identify a phone number.
     */
    public static void assertNotRevealed(String secret, String text) {
        if (secret == null || secret.isEmpty()) {
            return;
        }
        if (secret.length() >= 7) {
            assertFalse(text.contains(secret), () -> "reveals the value: " + text);
        }
        String digits = secret.replaceAll("[^0-9]", "");
        if (digits.length() >= 7) {
            assertFalse(text.replaceAll("[ \\-]", "").contains(digits), () -> "reveals the digits: " + text);
        }
    }
}
