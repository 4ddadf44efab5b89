package io.github.privatenumber.core.binding;

import io.github.privatenumber.core.InvalidValueException;
import io.github.privatenumber.core.internal.Checks;

/**
 * The caller's own text attached to a binding ({@code userData}); the platform echoes it in call events
 * and call detail records. Stored and sent unchanged: any Unicode text, Chinese included, travels as
 * UTF-8. Huawei advises avoiding curly braces and Base64-wrapping non-ASCII text for older
 * platform versions; this type leaves that choice to the caller. Immutable and thread-safe.
 *
 * <p>Any text is kept, except text that is only white space: like every value type of this SDK,
 * {@code UserData} rejects blank input (spaces, tabs, line breaks, ideographic or no-break spaces only).
 * To send no user data, leave it unset.
 *
 * <p>Since it may hold personal text, {@link #toString()} shows only its length
 * ({@code UserData[12 chars]}).
 *
 * @param value 1–256 Unicode characters (code points), not blank, no unpaired surrogates, no NUL
 */
public record UserData(String value) {

    /** The most characters (Unicode code points) accepted. */
    public static final int MAX_CODE_POINTS = 256;

    /**
     * @param value as documented on the record
     * @throws InvalidValueException naming {@code userData} if {@code value} is {@code null}, empty, blank,
     *     longer than 256 code points, or contains NUL or an unpaired surrogate
     */
    public UserData {
        check("userData", value);
    }

    /**
     * @param value the text
     * @return the user data
     * @throws InvalidValueException as the constructor
     */
    public static UserData of(String value) {
        return new UserData(value);
    }

    /**
     * @param field the field name to report in errors
     * @param value the text
     * @return the user data
     * @throws InvalidValueException as the constructor, naming {@code field}; naming {@code field} itself if
     *     {@code field} is {@code null} or blank
     */
    public static UserData of(String field, String value) {
        check(Checks.fieldName(field), value);
        return new UserData(value);
    }

    private static void check(String field, String value) {
        Checks.notEmpty(field, value);
        int surrogate = Checks.firstUnpairedSurrogate(value);
        if (surrogate >= 0) {
            throw new InvalidValueException(field, "must be valid Unicode text; unpaired surrogate at index " + surrogate);
        }
        int length = value.codePointCount(0, value.length());
        if (length > MAX_CODE_POINTS) {
            throw new InvalidValueException(field, "must be at most " + MAX_CODE_POINTS + " characters, got " + length);
        }
        int nul = value.indexOf('\0');
        if (nul >= 0) {
            throw new InvalidValueException(field, "must not contain NUL; found at index " + nul);
        }
    }

    /**
     * @return the number of characters (Unicode code points)
     */
    public int length() {
        return value.codePointCount(0, value.length());
    }

    /**
     * @return {@code UserData[n chars]}; never the text
     */
    @Override
    public String toString() {
        return "UserData[" + length() + " chars]";
    }
}
