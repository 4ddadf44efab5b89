package io.github.privatenumber.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.privatenumber.core.InvalidValueException;
import io.github.privatenumber.core.SignatureVerificationException;
import io.github.privatenumber.core.SignatureVerificationException.Reason;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class CreatedTimeTest {

    @Test
    void formatsUtcAndDropsTheFraction() {
        assertEquals("2018-02-12T15:30:20Z", CreatedTime.format(Instant.parse("2018-02-12T15:30:20.999999999Z")));
        assertEquals("1970-01-01T00:00:00Z", CreatedTime.format(Instant.EPOCH));
        assertEquals("0001-01-01T00:00:00Z", CreatedTime.format(Instant.parse("0001-01-01T00:00:00Z")));
        assertEquals("9999-12-31T23:59:59Z", CreatedTime.format(Instant.parse("9999-12-31T23:59:59.5Z")));
        assertEquals("2024-02-29T08:00:00Z", CreatedTime.format(Instant.parse("2024-02-29T08:00:00Z")));
        // truncation, not rounding, also before the epoch
        assertEquals("1969-12-31T23:59:59Z", CreatedTime.format(Instant.parse("1969-12-31T23:59:59.9Z")));
    }

    @Test
    void ignoresTheDefaultTimeZone() {
        TimeZone before = TimeZone.getDefault();
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("Asia/Shanghai"));
            Instant beijingMorning = ZonedDateTime.of(2018, 2, 12, 23, 30, 20, 0, ZoneId.of("Asia/Shanghai")).toInstant();
            assertEquals("2018-02-12T15:30:20Z", CreatedTime.format(beijingMorning));
            assertEquals(beijingMorning, CreatedTime.parse("2018-02-12T15:30:20Z"));
        } finally {
            TimeZone.setDefault(before);
        }
    }

    @Test
    void parsesWhatItFormats() {
        for (long s = -86_400L * 400; s < 86_400L * 366 * 80; s += 7_777_777L) {
            Instant t = Instant.ofEpochSecond(s);
            assertEquals(t, CreatedTime.parse(CreatedTime.format(t)));
        }
    }

    @Test
    void rejectsYearsThePatternCannotHold() {
        InvalidValueException e = assertThrows(InvalidValueException.class,
                () -> CreatedTime.format(Instant.parse("+10000-01-01T00:00:00Z")));
        assertEquals("Created", e.field());
        assertThrows(InvalidValueException.class, () -> CreatedTime.format(Instant.parse("-0001-12-31T23:59:59Z")));
        assertThrows(InvalidValueException.class, () -> CreatedTime.format(Instant.MAX));
        assertEquals("instant", assertThrows(InvalidValueException.class, () -> CreatedTime.format(null)).field());
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {
        "", " ", "2018-02-12T15:30:20", "2018-02-12T15:30:20z", "2018-02-12 15:30:20Z", "2018-02-12t15:30:20Z",
        "2018-02-12T15:30:20.000Z", "2018-02-12T15:30:20+00:00", "2018-02-12T23:30:20+08:00", " 2018-02-12T15:30:20Z",
        "2018-02-12T15:30:20Z ", "2018-2-12T15:30:20Z", "18-02-12T15:30:20Z", "2018-02-12T15:30Z",
        "2018-13-12T15:30:20Z", "2018-00-12T15:30:20Z", "2018-02-30T15:30:20Z", "2019-02-29T15:30:20Z",
        "2018-02-12T24:00:00Z", "2018-02-12T15:60:20Z", "2018-02-12T15:30:60Z", "2018/02/12T15:30:20Z",
        "+2018-02-12T15:30:2Z", "2018-02-12T15:30:2OZ", "２018-02-12T15:30:20Z", "1518449420"
    })
    void parseIsStrict(String text) {
        SignatureVerificationException e = assertThrows(SignatureVerificationException.class, () -> CreatedTime.parse(text));
        assertEquals(Reason.MALFORMED_HEADER, e.reason());
        assertTrue(e.getMessage().contains("Created"), e.getMessage());
    }

    @Test
    void parseAcceptsLeapDay() {
        assertEquals(Instant.parse("2024-02-29T00:00:00Z"), CreatedTime.parse("2024-02-29T00:00:00Z"));
    }

    @Test
    void parseAgreesWithLocalDateTimeOnEveryDayOfSampleYearsAndOnImpossibleDates() {
        int[] years = {0, 1, 4, 99, 100, 400, 1582, 1900, 1970, 1999, 2000, 2023, 2024, 2100, 2400, 9996, 9999};
        for (int year : years) {
            for (int month = 0; month <= 13; month++) {
                for (int day = 0; day <= 32; day++) {
                    for (String time : new String[] {"00:00:00", "23:59:59", "12:34:56", "24:00:00", "23:60:00",
                        "23:59:60"}) {
                        String text = String.format("%04d-%02d-%02dT%sZ", year, month, day, time);
                        Instant expected;
                        try {
                            expected = java.time.LocalDateTime.parse(text.substring(0, 19)).toInstant(
                                    java.time.ZoneOffset.UTC);
                        } catch (java.time.DateTimeException e) {
                            expected = null;
                        }
                        if (expected == null) {
                            assertThrows(SignatureVerificationException.class, () -> CreatedTime.parse(text), text);
                        } else {
                            assertEquals(expected, CreatedTime.parse(text), text);
                        }
                    }
                }
            }
        }
    }
}
