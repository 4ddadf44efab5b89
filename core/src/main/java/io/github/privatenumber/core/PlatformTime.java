package io.github.privatenumber.core;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import io.github.privatenumber.core.internal.Checks;
import java.util.Optional;

/**
 * The platform's timestamp text, {@code yyyy-MM-dd HH:mm:ss} in <b>UTC</b>, as used by query answers
 * ({@code subscribeTime}), call events ({@code timestamp}) and CDRs ({@code callInTime} …). Reading it as
 * local time would be eight hours off on a Beijing-time host (SPEC §12); this class never consults the
 * default time zone. Pure and thread-safe.
 */
public final class PlatformTime {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withResolverStyle(ResolverStyle.STRICT);

    private static final Instant FIRST = LocalDateTime.of(0, 1, 1, 0, 0).toInstant(ZoneOffset.UTC);
    private static final Instant LAST = LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_999).toInstant(ZoneOffset.UTC);

    private PlatformTime() {
    }

    /**
     * @param field the field name to report in errors, e.g. {@code callEndTime}
     * @param text the platform's text, e.g. {@code 2019-01-24 02:30:03}
     * @return the instant it names, read as UTC
     * @throws InvalidValueException naming {@code field} if {@code text} is {@code null} or not a valid
     *     {@code yyyy-MM-dd HH:mm:ss} date and time; naming {@code field} itself if
     *     {@code field} is {@code null} or blank
     */
    public static Instant parse(String field, String text) {
        Checks.fieldName(field);
        if (text == null) {
            throw new InvalidValueException(field, "is required");
        }
        return tryParse(text).orElseThrow(() -> new InvalidValueException(field,
                "must be a UTC date and time like 2019-01-24 02:30:03, got " + Masking.maskText(text)));
    }

    /**
     * @param text the platform's text, may be {@code null}
     * @return the instant it names, read as UTC; empty for {@code null} or unreadable text
     */
    public static Optional<Instant> tryParse(String text) {
        if (text == null || text.length() != 19 || text.charAt(4) != '-' || text.charAt(7) != '-'
                || text.charAt(10) != ' ' || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return Optional.empty();
        }
        // read by hand: DateTimeFormatter.parse costs about a microsecond, and a CDR push carries 400 of these
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        if ((year | month | day | hour | minute | second) < 0) {
            return Optional.empty();
        }
        long epochSecond = epochSecondOf(year, month, day, hour, minute, second);
        return epochSecond == NOT_A_TIME ? Optional.empty() : Optional.of(Instant.ofEpochSecond(epochSecond));
    }

    /** What {@link #epochSecondOf} answers for fields that name no real date and time. */
    public static final long NOT_A_TIME = Long.MIN_VALUE;

    /**
     * The UTC epoch second of a civil date and time, checked by the rules of {@code LocalDateTime.of} (the STRICT
     * formatter's): months 1-12, the real days of the month in the proleptic Gregorian calendar, hours 0-23,
     * minutes and seconds 0-59; computed without its objects. Shared by the SDK's readers of fixed-width UTC times
     * (this class, and the signing module's {@code Created}), which run for every push and every verified request.
     *
     * @param year 0-9999
     * @param month the month
     * @param day the day of the month
     * @param hour the hour
     * @param minute the minute
     * @param second the second
     * @return seconds since 1970-01-01T00:00:00Z, or {@link #NOT_A_TIME}
     */
    public static long epochSecondOf(int year, int month, int day, int hour, int minute, int second) {
        if (year < 0 || year > 9999 || month < 1 || month > 12 || day < 1 || day > lengthOfMonth(year, month)
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return NOT_A_TIME;
        }
        return epochDay(year, month, day) * 86_400L + hour * 3_600L + minute * 60L + second;
    }

    private static boolean leap(int year) {
        return (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
    }

    private static int lengthOfMonth(int year, int month) {
        switch (month) {
            case 2:
                return leap(year) ? 29 : 28;
            case 4:
            case 6:
            case 9:
            case 11:
                return 30;
            default:
                return 31;
        }
    }

    /** Days from 1970-01-01 to a date of the years 0000-9999, as {@link java.time.LocalDate#toEpochDay()} counts. */
    private static long epochDay(int year, int month, int day) {
        long y = year;
        long total = 365 * y + (y + 3) / 4 - (y + 99) / 100 + (y + 399) / 400;
        total += (367L * month - 362) / 12;
        total += day - 1;
        if (month > 2) {
            total -= leap(year) ? 1 : 2;
        }
        return total - 719_528L;
    }

    /** The ASCII digits {@code text[at, at + count)} as a number, or -1 if one is not an ASCII digit. */
    private static int digits(String text, int at, int count) {
        int value = 0;
        for (int i = at; i < at + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /**
     * @param instant the instant to write
     * @return its UTC text, e.g. {@code 2019-01-24 02:30:03}; fractions of a second are dropped
     * @throws InvalidValueException (field {@code instant}) if {@code instant} is {@code null} or outside
     *     the years 0000–9999, which the four-digit year cannot hold
     */
    public static String format(Instant instant) {
        Checks.required("instant", instant);
        if (instant.isBefore(FIRST) || instant.isAfter(LAST)) {
            throw new InvalidValueException("instant", "must lie in the years 0000-9999, got " + instant);
        }
        return FORMAT.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }
}
