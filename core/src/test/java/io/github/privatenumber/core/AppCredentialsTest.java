package io.github.privatenumber.core;

import static io.github.privatenumber.core.InvalidValues.assertInvalid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AppCredentialsTest {

    private static final String SECRET = "testAppSecret0001";

    @Test
    void holdsKeyAndSecret() {
        AppCredentials c = AppCredentials.of("appKey123", SECRET);
        assertEquals("appKey123", c.appKey());
        assertEquals(SECRET, c.appSecret());
    }

    @Test
    void toStringNeverShowsTheSecret() {
        String s = AppCredentials.of("appKey123", SECRET).toString();
        assertTrue(s.contains("appKey123"));
        assertFalse(s.contains(SECRET));
        assertFalse(s.contains("Secret0001"));
    }

    @Test
    void equalityComparesBothValues() {
        AppCredentials a = AppCredentials.of("k", SECRET);
        assertEquals(a, AppCredentials.of("k", SECRET));
        assertEquals(a.hashCode(), AppCredentials.of("k", SECRET).hashCode());
        assertNotEquals(a, AppCredentials.of("k", SECRET + "x"));
        assertNotEquals(a, AppCredentials.of("other", SECRET));
        assertNotEquals(a, null);
        assertNotEquals(a, "k");
    }

    @Test
    void hashCodeDoesNotDependOnTheSecret() {
        assertEquals(AppCredentials.of("k", "secretOne").hashCode(), AppCredentials.of("k", "secretTwo").hashCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "my secret value", "s\u00e9cretValue", "secret\nvalue"})
    void badSecretsAreRejectedWithoutShowingThem(String secret) {
        InvalidValueException e = assertInvalid("appSecret", () -> AppCredentials.of("k", secret));
        if (!secret.isBlank()) {
            assertFalse(e.getMessage().contains(secret.trim()));
            assertFalse(e.getMessage().contains("secret"), e.getMessage());
        }
    }

    @Test
    void nullAndTooLongValuesAreRejected() {
        assertInvalid("appSecret", () -> AppCredentials.of("k", null));
        assertInvalid("appKey", () -> AppCredentials.of(null, SECRET));
        assertInvalid("appKey", () -> AppCredentials.of("", SECRET));
        String longSecret = "S".repeat(129);
        InvalidValueException e = assertInvalid("appSecret", () -> AppCredentials.of("k", longSecret));
        assertFalse(e.getMessage().contains(longSecret));
        AppCredentials.of("k".repeat(128), "s".repeat(128));
    }

    @Test
    void anAppKeyWithADoubleQuoteIsRefusedAtOnceButTheSecretMayHoldOne() {
        InvalidValueException e = assertInvalid("appKey", () -> AppCredentials.of("k\"ey", SECRET));
        assertTrue(e.getMessage().contains("double quote"), e.getMessage());
        assertEquals("k", AppCredentials.of("k", "se\"cret").appKey());
    }
}
