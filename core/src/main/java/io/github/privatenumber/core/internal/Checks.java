package io.github.privatenumber.core.internal;

import io.github.privatenumber.core.InvalidValueException;

/**
 * Shared validation rules for the value types of {@code core}. Not public API: other modules must not
 * use this package. Every failure is an {@link InvalidValueException} naming the field; no message
 * contains the value itself, so the rules are safe for personal data too.
 */
public final class Checks {

    private Checks() {
    }

    /**
     * Checks a field name that a caller passed in to be named in errors.
     *
     * @param field the field name
     * @return {@code field}
     * @throws InvalidValueException naming {@code field} if {@code field} is {@code null}, empty or blank
     */
    public static String fieldName(String field) {
        return notEmpty("field", field);
    }

    /**
     * @param field the field name for the error
     * @param value any value
     * @param <T> the value's type
     * @return {@code value}
     * @throws InvalidValueException if {@code value} is {@code null}
     */
    public static <T> T required(String field, T value) {
        if (value == null) {
            throw new InvalidValueException(field, "is required");
        }
        return value;
    }

    /**
     * Checks that {@code value} holds 1 to {@code max} characters, all of them visible ASCII
     * ({@code 0x21}–{@code 0x7E}, so no spaces).
     *
     * @param field the field name for the error
     * @param value the text to check
     * @param max the largest accepted length
     * @return {@code value}
     * @throws InvalidValueException if the rule is broken
     */
    public static String visibleAscii(String field, String value, int max) {
        notEmpty(field, value);
        maxLength(field, value, max);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                throw new InvalidValueException(field,
                        "must be visible ASCII characters only (no spaces); bad character at index " + i);
            }
        }
        return value;
    }

    /**
     * Checks that {@code value} is present, not empty and not blank.
     *
     * @param field the field name for the error
     * @param value the text to check
     * @return {@code value}
     * @throws InvalidValueException if {@code value} is {@code null}, empty or {@linkplain #isBlank blank}
     */
    public static String notEmpty(String field, String value) {
        required(field, value);
        if (value.isEmpty()) {
            throw new InvalidValueException(field, "must not be empty");
        }
        if (isBlank(value)) {
            throw new InvalidValueException(field, "must not be blank");
        }
        return value;
    }

    /**
     * Blank means made only of white space: what {@link String#isBlank()} counts (spaces, tabs, line breaks,
     * the ideographic space) and the no-break spaces it leaves out ({@code U+00A0}, {@code U+2007},
     * {@code U+202F}), which look just as empty.
     *
     * @param value any text, not {@code null}
     * @return {@code true} if every character is white space, including for empty text
     */
    public static boolean isBlank(String value) {
        // a plain loop: this runs for every text field of every push, and a stream costs more than the check
        int i = 0;
        while (i < value.length()) {
            int cp = value.codePointAt(i);
            if (!Character.isWhitespace(cp) && !Character.isSpaceChar(cp)) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }

    /**
     * @param field the field name for the error
     * @param value the text to check, not {@code null}
     * @param max the largest accepted number of UTF-16 characters
     * @return {@code value}
     * @throws InvalidValueException if {@code value} is longer than {@code max}
     */
    public static String maxLength(String field, String value, int max) {
        if (value.length() > max) {
            throw new InvalidValueException(field, "must be at most " + max + " characters, got " + value.length());
        }
        return value;
    }

    /**
     * Checks free text as the platform reports it: present, not blank, at most {@code max} characters,
     * no control characters (which could forge log lines) and no unpaired surrogates.
     *
     * @param field the field name for the error
     * @param value the text to check
     * @param max the largest accepted number of UTF-16 characters
     * @return {@code value}
     * @throws InvalidValueException if the rule is broken
     */
    public static String printable(String field, String value, int max) {
        notEmpty(field, value);
        maxLength(field, value, max);
        int bad = firstUnprintable(value);
        if (bad >= 0) {
            throw new InvalidValueException(field, "must not contain control characters or unpaired surrogates; bad character at index " + bad);
        }
        return value;
    }

    /**
     * @param value any text, not {@code null}
     * @return the index of the first control character or unpaired surrogate, or {@code -1}
     */
    public static int firstUnprintable(String value) {
        return scan(value, true);
    }

    /**
     * @param value any text, not {@code null}
     * @return the index of the first unpaired surrogate, or {@code -1}
     */
    public static int firstUnpairedSurrogate(String value) {
        return scan(value, false);
    }

    private static int scan(String value, boolean rejectControl) {
        int i = 0;
        while (i < value.length()) {
            char c = value.charAt(i);
            if (rejectControl && Character.isISOControl(c)) {
                return i;
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i += 2;
            } else if (Character.isSurrogate(c)) {
                return i;
            } else {
                i++;
            }
        }
        return -1;
    }
}
