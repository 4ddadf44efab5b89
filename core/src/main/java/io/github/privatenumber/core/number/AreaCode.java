package io.github.privatenumber.core.number;

import io.github.privatenumber.core.InvalidValueException;
import io.github.privatenumber.core.internal.Checks;

/**
 * A mainland China city (area) code with its leading {@code 0}, such as {@code 010}, {@code 020} or
 * {@code 0755}: the {@code areaCode} of a bind request, choosing where the privacy number comes from.
 * Immutable and thread-safe.
 *
 * <p>The rule matches {@link PhoneNumber}'s: codes whose first digit after the {@code 0} is {@code 1} or
 * {@code 2} have two digits after it ({@code 010}, {@code 020}–{@code 029}); all others have three
 * ({@code 0755}). {@code 0400} and {@code 0800} are refused: they are the prefixes of 400/800 service
 * numbers, not area codes (real codes such as {@code 0411} or {@code 0851} are fine).
 *
 * @param value the code, e.g. {@code 0755}
 */
public record AreaCode(String value) {

    private static final String FIELD = "areaCode";

    /**
     * @param value as documented on the record
     * @throws InvalidValueException if {@code value} is {@code null} or not an area code like {@code 0755}
     *     or {@code 010} ({@code 0400} and {@code 0800} included)
     */
    public AreaCode {
        check(FIELD, value);
    }

    /**
     * @param value the code, e.g. {@code 0755}
     * @return the area code
     * @throws InvalidValueException as the constructor, naming {@code areaCode}
     */
    public static AreaCode of(String value) {
        return new AreaCode(value);
    }

    /**
     * @param field the field name to report in errors
     * @param value the code, e.g. {@code 0755}
     * @return the area code
     * @throws InvalidValueException as the constructor, naming {@code field}; naming {@code field} itself if
     *     {@code field} is {@code null} or blank
     */
    public static AreaCode of(String field, String value) {
        check(Checks.fieldName(field), value);
        return new AreaCode(value);
    }

    private static void check(String field, String value) {
        Checks.required(field, value);
        if (value.equals("0400") || value.equals("0800")) {
            throw new InvalidValueException(field, "0400 and 0800 are not area codes: 400/800 service numbers cannot "
                    + "be bound");
        }
        if (!isAreaCode(value)) {
            throw new InvalidValueException(field, "must be an area code like 0755 or 010 (a 0, then 2 digits "
                    + "beginning with 1 or 2, or 3 digits beginning with 3-9)");
        }
    }

    private static boolean isAreaCode(String v) {
        if (v.length() < 3 || v.length() > 4 || v.charAt(0) != '0') {
            return false;
        }
        for (int i = 1; i < v.length(); i++) {
            if (v.charAt(i) < '0' || v.charAt(i) > '9') {
                return false;
            }
        }
        char first = v.charAt(1);
        if (first == '1') {
            return v.equals("010");
        }
        if (first == '2') {
            return v.length() == 3;
        }
        return first >= '3' && v.length() == 4;
    }

    @Override
    public String toString() {
        return value;
    }
}
