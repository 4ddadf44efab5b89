package io.github.privatenumber.core;

import java.util.Objects;

/**
 * An application's key and secret, as shown in the Huawei console. Immutable and thread-safe.
 *
 * <p>The secret never appears in {@link #toString()}, in exception messages, or in anything derived
 * from them; {@link #equals(Object)} compares in constant time so that it leaks nothing through timing.
 * Both values must be 1–128 visible ASCII characters; the app key, which travels quoted in {@code X-AKSK}, no double
 * quote.
 */
public final class AppCredentials {

    /** Longest accepted app key or app secret. */
    public static final int MAX_LENGTH = 128;

    private final String appKey;
    private final String appSecret;

    private AppCredentials(String appKey, String appSecret) {
        this.appKey = appKey;
        this.appSecret = appSecret;
    }

    /**
     * @param appKey the app key ({@code app_key}, the {@code Username} of {@code X-AKSK})
     * @param appSecret the app secret, the HMAC key
     * @return the credentials
     * @throws InvalidValueException if either is {@code null}, empty, too long, or not visible ASCII, or the app key
     *     holds a double quote; the message never shows the secret
     */
    public static AppCredentials of(String appKey, String appSecret) {
        check("appKey", appKey, true);
        check("appSecret", appSecret, false);
        return new AppCredentials(appKey, appSecret);
    }

    private static void check(String field, String value, boolean showable) {
        if (value == null) {
            throw new InvalidValueException(field, "is required");
        }
        if (value.isEmpty()) {
            throw new InvalidValueException(field, "must not be empty");
        }
        if (value.isBlank()) {
            throw new InvalidValueException(field, "must not be blank");
        }
        if (value.length() > MAX_LENGTH) {
            throw new InvalidValueException(field, "must be at most " + MAX_LENGTH + " characters, got " + value.length());
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                throw new InvalidValueException(field, "must be visible ASCII characters only (no spaces); offending character at index " + i
                        + (showable ? "" : " (value hidden)"));
            }
            if (showable && c == '"') {
                // the app key travels as Username="..." in X-AKSK, where a double quote cannot stand
                throw new InvalidValueException(field, "must not contain a double quote; offending character at index " + i);
            }
        }
    }

    /**
     * @return the app key; not secret
     */
    public String appKey() {
        return appKey;
    }

    /**
     * @return the app secret; handle with care and never log it
     */
    public String appSecret() {
        return appSecret;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof AppCredentials)) {
            return false;
        }
        AppCredentials other = (AppCredentials) o;
        return appKey.equals(other.appKey) && java.security.MessageDigest.isEqual(
                appSecret.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                other.appSecret.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        // the secret is left out on purpose: a hash of it would be a (weak) leak
        return Objects.hash(appKey);
    }

    /**
     * @return the app key and a fixed placeholder for the secret
     */
    @Override
    public String toString() {
        return "AppCredentials[appKey=" + appKey + ", appSecret=******]";
    }
}
