package io.github.privatenumber.signing;

import io.github.privatenumber.core.InvalidValueException;
import io.github.privatenumber.core.PlatformTime;
import io.github.privatenumber.core.SignatureVerificationException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The {@code Created} attribute: UTC, exactly {@code yyyy-MM-dd'T'HH:mm:ss'Z'}, no fraction. Pure functions,
 * thread-safe.
 *
 * <p>Formatting works on the instant alone and never consults the JVM's default time zone or the zone of a
 * {@link java.time.Clock} (Huawei's own samples format local time and append {@code Z}, which is eight hours off
 * on a Beijing-time host).
 */
public final class CreatedTime {

    /** Length of every {@code Created} value. */
    static final int LENGTH = 20;

    private static final int MAX_YEAR = 9999;

    private CreatedTime() {
    }

    /**
     * Formats an instant, dropping any fraction of a second.
     *
     * @param instant the moment to format
     * @return e.g. {@code 2018-02-12T15:30:20Z}
     * @throws InvalidValueException (field {@code instant}) if {@code instant} is {@code null}; (field
     *     {@code Created}) if the year is outside 0000–9999
     */
    public static String format(Instant instant) {
        Args.required("instant", instant);
        return new String(ascii(instant.getEpochSecond()), StandardCharsets.ISO_8859_1);
    }

    /**
     * The {@code Created} text of a second since the epoch as 20 ASCII bytes.
     */
    static byte[] ascii(long epochSecond) {
        LocalDateTime t;
        try {
            t = LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
        } catch (DateTimeException e) {
            throw new InvalidValueException("Created", "the instant is outside the supported range");
        }
        int year = t.getYear();
        if (year < 0 || year > MAX_YEAR) {
            throw new InvalidValueException("Created", "the year must be 0000-9999, got " + year);
        }
        byte[] out = new byte[LENGTH];
        digits(out, 0, year, 4);
        out[4] = '-';
        digits(out, 5, t.getMonthValue(), 2);
        out[7] = '-';
        digits(out, 8, t.getDayOfMonth(), 2);
        out[10] = 'T';
        digits(out, 11, t.getHour(), 2);
        out[13] = ':';
        digits(out, 14, t.getMinute(), 2);
        out[16] = ':';
        digits(out, 17, t.getSecond(), 2);
        out[19] = 'Z';
        return out;
    }

    private static void digits(byte[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }

    /**
     * Reads a {@code Created} value strictly: exactly the pattern {@code yyyy-MM-dd'T'HH:mm:ss'Z'}, a real date
     * and time of day (no 24:00, no leap second, no 30 February), nothing before or after.
     *
     * @param text the received value; {@code null} is rejected like any malformed value
     * @return the instant it denotes
     * @throws SignatureVerificationException with reason {@code MALFORMED_HEADER} for anything else
     */
    public static Instant parse(String text) {
        String problem = problem(text);
        if (problem != null) {
            throw HeaderSyntax.malformed("Created", problem);
        }
        // the rules of LocalDateTime.of, computed without its objects: this runs twice per verified request
        long epochSecond = PlatformTime.epochSecondOf(number(text, 0, 4), number(text, 5, 2), number(text, 8, 2),
                number(text, 11, 2), number(text, 14, 2), number(text, 17, 2));
        if (epochSecond == PlatformTime.NOT_A_TIME) {
            throw HeaderSyntax.malformed("Created", "is not a real UTC date and time: " + HeaderSyntax.echo(text));
        }
        return Instant.ofEpochSecond(epochSecond);
    }

    /**
     * @return why {@code text} does not have the shape of a {@code Created} value, or {@code null} when it has
     *     (the calendar is checked by {@link #parse})
     */
    static String problem(String text) {
        if (text == null) {
            return "is missing";
        }
        if (text.length() != LENGTH) {
            return "must be yyyy-MM-dd'T'HH:mm:ss'Z' (UTC, 20 characters), got " + HeaderSyntax.echo(text);
        }
        if (text.charAt(4) == '-' && text.charAt(7) == '-' && text.charAt(10) == 'T' && text.charAt(13) == ':'
                && text.charAt(16) == ':' && text.charAt(19) == 'Z' && digits(text, 0, 4) && digits(text, 5, 2)
                && digits(text, 8, 2) && digits(text, 11, 2) && digits(text, 14, 2) && digits(text, 17, 2)) {
            return null;
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = text.charAt(i);
            char want = switch (i) {
                case 4, 7 -> '-';
                case 10 -> 'T';
                case 13, 16 -> ':';
                case 19 -> 'Z';
                default -> '0';
            };
            boolean ok = want == '0' ? (c >= '0' && c <= '9') : c == want;
            if (!ok) {
                return "must be yyyy-MM-dd'T'HH:mm:ss'Z' (UTC), got " + HeaderSyntax.echo(text);
            }
        }
        return null;
    }

    private static boolean digits(String s, int at, int width) {
        for (int i = at; i < at + width; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static int number(String s, int at, int width) {
        int v = 0;
        for (int i = at; i < at + width; i++) {
            v = v * 10 + (s.charAt(i) - '0');
        }
        return v;
    }
}
