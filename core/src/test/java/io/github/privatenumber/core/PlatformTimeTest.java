package io.github.privatenumber.core;

import static io.github.privatenumber.core.InvalidValues.assertInvalid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlatformTimeTest {

    @Test
    void readsTheTextAsUtc() {
        assertEquals(Instant.parse("2019-01-24T02:30:03Z"), PlatformTime.parse("callEndTime", "2019-01-24 02:30:03"));
        assertEquals(Optional.of(Instant.parse("2024-02-29T23:59:59Z")), PlatformTime.tryParse("2024-02-29 23:59:59"));
    }

    @Test
    void writesUtcText() {
        assertEquals("2019-01-24 02:30:03", PlatformTime.format(Instant.parse("2019-01-24T02:30:03.999Z")));
        Instant t = Instant.parse("2030-12-31T00:00:00Z");
        assertEquals(t, PlatformTime.parse("t", PlatformTime.format(t)));
        assertEquals("instant", assertThrows(InvalidValueException.class, () -> PlatformTime.format(null)).field());
    }

    @Test
    void writesOnlyTheYearsItsFormatHolds() {
        assertEquals("0000-01-01 00:00:00", PlatformTime.format(Instant.parse("0000-01-01T00:00:00Z")));
        assertEquals("9999-12-31 23:59:59", PlatformTime.format(Instant.parse("9999-12-31T23:59:59.999Z")));
        for (Instant outside : new Instant[] {Instant.MAX, Instant.MIN, Instant.parse("+10000-01-01T00:00:00Z"),
            Instant.parse("-0001-12-31T23:59:59Z")}) {
            InvalidValueException e = assertThrows(InvalidValueException.class, () -> PlatformTime.format(outside));
            assertEquals("instant", e.field(), e.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "2019-01-24T02:30:03", "2019-01-24 02:30:03Z", "2019-02-30 00:00:00", "2019-01-24 24:00:00",
        "2019-1-24 02:30:03", "1548297003", "2019-01-24 02:30"})
    void rejectsOtherText(String text) {
        assertEquals(Optional.empty(), PlatformTime.tryParse(text));
        assertInvalid("callInTime", () -> PlatformTime.parse("callInTime", text));
    }

    @Test
    void nullIsRequired() {
        assertEquals(Optional.empty(), PlatformTime.tryParse(null));
        assertInvalid("timestamp", () -> PlatformTime.parse("timestamp", null));
    }

    @Test
    void readsAsTheStrictFormatterDoesOnEveryDayOfSampleYearsAndOnImpossibleDates() {
        java.time.format.DateTimeFormatter strict = java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss")
                .withResolverStyle(java.time.format.ResolverStyle.STRICT);
        int[] years = {0, 1, 4, 99, 100, 400, 1582, 1900, 1970, 1999, 2000, 2023, 2024, 2100, 2400, 9996, 9999};
        for (int year : years) {
            for (int month = 0; month <= 13; month++) {
                for (int day = 0; day <= 32; day++) {
                    for (String time : new String[] {"00:00:00", "23:59:59", "12:34:56", "24:00:00", "23:60:00",
                        "23:59:60"}) {
                        String text = String.format("%04d-%02d-%02d %s", year, month, day, time);
                        java.util.Optional<Instant> expected;
                        try {
                            expected = java.util.Optional.of(java.time.LocalDateTime.parse(text, strict)
                                    .toInstant(java.time.ZoneOffset.UTC));
                        } catch (java.time.DateTimeException e) {
                            expected = java.util.Optional.empty();
                        }
                        assertEquals(expected, PlatformTime.tryParse(text), text);
                    }
                }
            }
        }
    }
}
