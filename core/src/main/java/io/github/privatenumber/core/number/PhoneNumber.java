package io.github.privatenumber.core.number;

import io.github.privatenumber.core.InvalidValueException;
import io.github.privatenumber.core.Masking;
import io.github.privatenumber.core.internal.Checks;
import java.util.Optional;

/**
 * A mainland China (+86) phone number, validated and normalised once to the platform's global format.
 * Immutable and thread-safe; equal when the normalised values are equal.
 *
 * <p>Accepted input (spaces and dashes may separate digits, one at a time, never leading or trailing):
 * <ul>
 *   <li>mobile: {@code +8613800000001}, {@code 8613800000001}, {@code 008613800000001}, {@code 13800000001}
 *       (11 digits, the first {@code 1}, the second {@code 3}–{@code 9});</li>
 *   <li>fixed line: {@code 0755-28000001}, {@code 075528000001}, {@code 010-12345678}, {@code +8675528000001},
 *       {@code +861012345678} (area code, then a 7–8 digit subscriber number; the area code has 2 digits
 *       after its leading {@code 0} when it begins with {@code 1} or {@code 2}, i.e. {@code 010} and
 *       {@code 020}–{@code 029}, else 3). Without a country code a fixed line needs its leading {@code 0};
 *       after {@code +86} the leading {@code 0} is dropped.</li>
 * </ul>
 * Not accepted: 400 and 800 service numbers ({@code 400-xxx-xxxx}, {@code 800-xxx-xxxx}, also written
 * {@code 0400…}, {@code +86400…}), which cannot be bound; {@code 0400}/{@code 0800} are not area codes, while
 * real codes beginning alike ({@code 0411}, {@code 0851}, {@code 0898} …) are fine.
 * Only ASCII digits count; full-width or other scripts' digits, letters, a second {@code +}
 * (so {@code +86+86…}), other country codes and anything longer than {@value #MAX_INPUT_LENGTH}
 * characters are rejected. The value is always {@code +86} followed by the national number.
 *
 * <p>A fixed-line number is a valid A or B, but it can only receive calls (SPEC §1).
 *
 * <p>{@link #toString()} masks the number ({@code +86138****0001}); use {@link #value()} for the wire.
 */
public final class PhoneNumber {

    /** The longest input accepted, separators included. */
    public static final int MAX_INPUT_LENGTH = 32;

    private static final String DEFAULT_FIELD = "phoneNumber";
    private static final String COUNTRY_CODE = "86";
    private static final String SERVICE_NUMBER = "400/800 service numbers cannot be bound";
    private static final String EXPECTED =
            "must be a mainland China number: an 11-digit mobile beginning with 13-19, or a fixed line of area code and "
            + "7-8 digits (like 0755-xxxxxxxx or +86755xxxxxxxx)";

    private final String value;
    private final boolean mobile;

    private PhoneNumber(String value, boolean mobile) {
        this.value = value;
        this.mobile = mobile;
    }

    /**
     * Parses a phone number in any accepted form; errors name the field {@code phoneNumber}.
     *
     * @param text the number as written by a person or sent by a system
     * @return the normalised number
     * @throws InvalidValueException if {@code text} is {@code null}, empty, blank, too long or not an
     *     accepted form; the message shows the input only masked
     */
    public static PhoneNumber of(String text) {
        return of(DEFAULT_FIELD, text);
    }

    /**
     * Parses a phone number in any accepted form, naming {@code field} in errors (for example
     * {@code origNum}).
     *
     * @param field the field name to report in errors; never {@code null}
     * @param text the number as written by a person or sent by a system
     * @return the normalised number
     * @throws InvalidValueException naming {@code field} if {@code text} is {@code null}, empty, blank, too
     *     long or not an accepted form (the message shows the input only masked); naming {@code field} itself
     *     if {@code field} is {@code null} or blank
     */
    public static PhoneNumber of(String field, String text) {
        Checks.fieldName(field);
        if (text == null) {
            throw new InvalidValueException(field, "is required");
        }
        if (text.isEmpty()) {
            throw new InvalidValueException(field, "must not be empty");
        }
        if (Checks.isBlank(text)) {
            throw new InvalidValueException(field, "must not be blank");
        }
        if (text.length() > MAX_INPUT_LENGTH) {
            throw new InvalidValueException(field,
                    "must be at most " + MAX_INPUT_LENGTH + " characters, got " + text.length());
        }
        Parsed parsed = parse(text);
        if (parsed.number() == null) {
            throw new InvalidValueException(field, parsed.problem() + " (got " + Masking.mask(text) + ")");
        }
        return parsed.number();
    }

    /**
     * Parses without throwing, for numbers that are merely informative (such as those in pushes).
     *
     * @param text any text, may be {@code null}
     * @return the number, or empty when {@code text} is not an accepted form
     */
    public static Optional<PhoneNumber> tryParse(String text) {
        if (text == null || text.isBlank() || text.length() > MAX_INPUT_LENGTH) {
            return Optional.empty();
        }
        return Optional.ofNullable(parse(text).number());
    }

    /**
     * @return the number in global format, e.g. {@code +8613800000001} or {@code +8675528000001}; this is
     *     what goes on the wire
     */
    public String value() {
        return value;
    }

    /**
     * @return the number without {@code +86}, e.g. {@code 13800000001} or {@code 75528000001} (a fixed
     *     line's area code without its leading {@code 0})
     */
    public String nationalNumber() {
        return value.substring(3);
    }

    /**
     * @return {@code true} for a mobile number
     */
    public boolean isMobile() {
        return mobile;
    }

    /**
     * @return {@code true} for a fixed-line number, which can only receive calls
     */
    public boolean isFixedLine() {
        return !mobile;
    }

    /**
     * @return a fixed line's area code with its leading {@code 0} (e.g. {@code 0755}); empty for a mobile
     */
    public Optional<AreaCode> areaCode() {
        if (mobile) {
            return Optional.empty();
        }
        String national = nationalNumber();
        return Optional.of(new AreaCode("0" + national.substring(0, areaLength(national))));
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof PhoneNumber && value.equals(((PhoneNumber) o).value));
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /**
     * @return the masked number, e.g. {@code +86138****0001}; never the number in clear
     */
    @Override
    public String toString() {
        return Masking.mask(value);
    }

    /** The outcome of parsing: exactly one of the two is non-null. */
    private record Parsed(PhoneNumber number, String problem) {

        static Parsed ok(String national, boolean mobile) {
            return new Parsed(new PhoneNumber("+" + COUNTRY_CODE + national, mobile), null);
        }

        static Parsed fail(String problem) {
            return new Parsed(null, problem);
        }

        boolean isMobile() {
            return number != null && number.mobile;
        }

        boolean isFixedLine() {
            return number != null && !number.mobile;
        }
    }

    private static Parsed parse(String text) {
        StringBuilder digits = new StringBuilder(text.length());
        boolean plus = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isAsciiDigit(c)) {
                digits.append(c);
            } else if (c == '+') {
                if (i != 0) {
                    return Parsed.fail("may contain '+' only as its first character");
                }
                plus = true;
            } else if (c == ' ' || c == '-') {
                boolean betweenDigits = i > 0 && isAsciiDigit(text.charAt(i - 1))
                        && i + 1 < text.length() && isAsciiDigit(text.charAt(i + 1));
                if (!betweenDigits) {
                    return Parsed.fail("may use a space or dash only as a single separator between digits; bad separator at index " + i);
                }
            } else if (c > 0x7F) {
                return Parsed.fail("must contain only ASCII digits, '+', spaces and dashes; non-ASCII character at index " + i);
            } else if (Character.isLetter(c)) {
                return Parsed.fail("must not contain letters; letter at index " + i);
            } else {
                return Parsed.fail("must contain only ASCII digits, '+', spaces and dashes; unexpected character at index " + i);
            }
        }
        String d = digits.toString();
        if (d.isEmpty()) {
            return Parsed.fail("contains no digits");
        }
        if (plus || d.startsWith("00")) {
            String international = plus ? d : d.substring(2);
            if (!international.startsWith(COUNTRY_CODE)) {
                return Parsed.fail("must be a mainland China (+86) number; other country codes are not supported");
            }
            return afterCountryCode(international.substring(COUNTRY_CODE.length()));
        }
        if (d.startsWith(COUNTRY_CODE)) {
            // no national number starts with 8: these digits are the country code without its +
            return afterCountryCode(d.substring(COUNTRY_CODE.length()));
        }
        if (d.startsWith("0")) {
            // a national fixed-line number with its trunk 0
            Parsed parsed = national(d.substring(1));
            return parsed.isMobile() ? Parsed.fail("a mobile number must not start with 0") : parsed;
        }
        if (d.startsWith("1")) {
            Parsed parsed = national(d);
            return parsed.isFixedLine()
                    ? Parsed.fail("a fixed-line number without +86 needs its area code's leading 0, like 010-xxxxxxxx")
                    : parsed;
        }
        return Parsed.fail(isServiceNumber(d) ? SERVICE_NUMBER : EXPECTED);
    }

    /** A 400 or 800 number: a national number beginning with {@code 400} or {@code 800}. */
    private static boolean isServiceNumber(String national) {
        return national.startsWith("400") || national.startsWith("800");
    }

    private static Parsed afterCountryCode(String national) {
        if (national.startsWith("0")) {
            return Parsed.fail("the area code drops its leading 0 after +86, like +86755xxxxxxxx");
        }
        return national(national);
    }

    /** Reads the digits after {@code +86}, or after a fixed line's trunk {@code 0}. */
    private static Parsed national(String national) {
        if (isMobileNational(national)) {
            return Parsed.ok(national, true);
        }
        if (isServiceNumber(national)) {
            // 0400 and 0800 are no area codes: these are service numbers, whatever their length
            return Parsed.fail(SERVICE_NUMBER);
        }
        if (national.length() < 2 || national.charAt(0) == '0') {
            return Parsed.fail(EXPECTED);
        }
        if (national.charAt(0) == '1' && national.charAt(1) != '0') {
            // 10 is the only area code beginning with 1; other 1x numbers are (malformed) mobiles
            return Parsed.fail(EXPECTED);
        }
        int subscriberLength = national.length() - areaLength(national);
        if (subscriberLength < 7 || subscriberLength > 8) {
            return Parsed.fail(EXPECTED);
        }
        return Parsed.ok(national, false);
    }

    private static boolean isMobileNational(String national) {
        return national.length() == 11 && national.charAt(0) == '1' && national.charAt(1) >= '3' && national.charAt(1) <= '9';
    }

    /** Digits of the area code (without its 0) at the start of a fixed-line national number. */
    private static int areaLength(String national) {
        char first = national.charAt(0);
        return first == '1' || first == '2' ? 2 : 3;
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
