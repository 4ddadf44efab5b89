package io.github.privatenumber.notifications.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.privatenumber.core.InvalidValueException;
import io.github.privatenumber.core.PlatformTime;
import io.github.privatenumber.core.call.SessionId;
import io.github.privatenumber.core.number.ReportedNumber;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The field reader of {@link LegacyPushParser} (as of commit f46825d, renamed): the oracle's half of
 * {@link PushParserDifferentialTest}.
 *
 * <p>Reads the optional fields of one JSON object leniently (SPEC §10: the platform's types vary, so a number may come
 * as {@code 0} or {@code "0"}). Absent, {@code null} and empty values read as absent. A value that is present but
 * cannot be read as the field's type also reads as absent, and its field name is added to the shared list of
 * unreadable fields (the value stays in the record's raw JSON). Never throws for a value; never puts a value into a
 * message.
 */
final class LegacyFieldReader {

    /** Epoch values above this are taken as milliseconds, below as seconds (10^11 s is the year 5138). */
    private static final long MILLIS_THRESHOLD = 100_000_000_000L;

    private final JsonNode object;
    private final String prefix;
    private final List<String> unreadable;

    /**
     * @param object the JSON object to read from
     * @param prefix put before field names in {@code unreadable}, e.g. {@code feeLst[3].}
     * @param unreadable where the names of unreadable fields are added
     */
    LegacyFieldReader(JsonNode object, String prefix, List<String> unreadable) {
        this.object = object;
        this.prefix = prefix;
        this.unreadable = unreadable;
    }

    private JsonNode present(String name) {
        JsonNode n = object.get(name);
        return n == null || n.isNull() || n.isMissingNode() ? null : n;
    }

    private <T> T unreadable(String name) {
        unreadable.add(prefix + name);
        return null;
    }

    /**
     * @param name the field
     * @return the text; a number or boolean as its JSON text; {@code null} when absent, empty or not a scalar
     */
    String text(String name) {
        JsonNode n = present(name);
        if (n == null) {
            return null;
        }
        if (n.isTextual()) {
            String t = n.textValue();
            if (t.isEmpty()) {
                return null;
            }
            // a rule added after this reading was replaced: an unpaired surrogate or a NUL is unreadable
            return t.codePoints().anyMatch(cp -> cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF)) ? unreadable(name) : t;
        }
        if (n.isNumber() || n.isBoolean()) {
            return n.asText();
        }
        return unreadable(name);
    }

    /**
     * @param name the field
     * @return the integer from an integral JSON number (also {@code 1.0}) or from integer text ({@code "0"},
     *     {@code " 8102 "}); {@code null} when absent, empty or unreadable
     */
    Integer integer(String name) {
        JsonNode n = present(name);
        if (n == null) {
            return null;
        }
        if (n.isNumber()) {
            if (n.canConvertToExactIntegral() && n.canConvertToInt()) {
                return n.intValue();
            }
            return unreadable(name);
        }
        if (n.isTextual()) {
            String t = n.textValue().strip();
            if (t.isEmpty()) {
                return null;
            }
            Integer value = parseInt(t);
            return value != null ? value : unreadable(name);
        }
        return unreadable(name);
    }

    private static Integer parseInt(String t) {
        if (t.length() > 12) {
            return null;
        }
        try {
            return Integer.valueOf(t);
        } catch (NumberFormatException e) {
            try {
                BigDecimal d = new BigDecimal(t);
                return d.stripTrailingZeros().scale() <= 0 ? d.intValueExact() : null;
            } catch (NumberFormatException | ArithmeticException e2) {
                return null;
            }
        }
    }

    /**
     * @param name the field
     * @return the instant from the platform's UTC text {@code yyyy-MM-dd HH:mm:ss}; leniently also with a {@code T}
     *     separator and with a fraction of a second (both still UTC), from ISO-8601 instant text, and from a UNIX time
     *     in seconds or milliseconds (number or digits), since the docs call the event timestamp a UNIX timestamp. A
     *     UNIX time outside the years 2000-2099 is unreadable, not a date: digits such as {@code 20190124023022} or
     *     {@code 0} must not become a call in the year 2609 or 1970 on a bill. {@code null} when absent, empty or
     *     unreadable
     */
    Instant time(String name) {
        JsonNode n = present(name);
        if (n == null) {
            return null;
        }
        if (n.isNumber()) {
            Instant at = n.canConvertToExactIntegral() && n.canConvertToLong() ? epoch(n.longValue()) : null;
            return at != null ? at : unreadable(name);
        }
        if (!n.isTextual()) {
            return unreadable(name);
        }
        String t = n.textValue().strip();
        if (t.isEmpty()) {
            return null;
        }
        Optional<Instant> platform = PlatformTime.tryParse(t);
        if (platform.isPresent()) {
            return platform.get();
        }
        if (t.length() <= 15 && LegacyPushParser.allDigits(t)) {
            Instant at = epoch(Long.parseLong(t));
            return at != null ? at : unreadable(name);
        }
        Instant near = nearPlatformTime(t);
        if (near != null) {
            return near;
        }
        try {
            return Instant.parse(t);
        } catch (DateTimeException e) {
            return unreadable(name);
        }
    }

    /** The earliest and the first no longer plausible instant of a UNIX time in a push. */
    private static final Instant EPOCH_FROM = Instant.parse("2000-01-01T00:00:00Z");
    private static final Instant EPOCH_UNTIL = Instant.parse("2100-01-01T00:00:00Z");

    /** A UNIX time in seconds or milliseconds; {@code null} when it does not fall in 2000-2099. */
    private static Instant epoch(long value) {
        if (value < 0) {
            return null;
        }
        Instant at = value >= MILLIS_THRESHOLD ? Instant.ofEpochMilli(value) : Instant.ofEpochSecond(value);
        return at.isBefore(EPOCH_FROM) || !at.isBefore(EPOCH_UNTIL) ? null : at;
    }

    /**
     * {@code yyyy-MM-dd HH:mm:ss} or {@code yyyy-MM-ddTHH:mm:ss}, optionally with {@code .} and 1-9 digits of a
     * second, no zone: UTC like the platform's own format. {@code null} for anything else.
     */
    private static Instant nearPlatformTime(String t) {
        if (t.length() < 19 || (t.charAt(10) != 'T' && t.charAt(10) != ' ')) {
            return null;
        }
        String fraction = t.substring(19);
        if (!fraction.isEmpty() && (fraction.length() < 2 || fraction.length() > 10 || fraction.charAt(0) != '.'
                || !LegacyPushParser.allDigits(fraction.substring(1)))) {
            return null;
        }
        Optional<Instant> whole = PlatformTime.tryParse(t.substring(0, 10) + ' ' + t.substring(11, 19));
        if (whole.isEmpty()) {
            return null;
        }
        if (fraction.isEmpty()) {
            return whole.get();
        }
        String digits = (fraction.substring(1) + "00000000").substring(0, 9);
        return whole.get().plusNanos(Integer.parseInt(digits));
    }

    /**
     * @param name the field
     * @return {@code true} for {@code 1}, {@code "1"}, {@code true}, {@code "true"}; {@code false} for {@code 0},
     *     {@code "0"}, {@code false}, {@code "false"}, absent or empty; {@code false} and unreadable otherwise
     */
    boolean flag(String name) {
        JsonNode n = present(name);
        if (n == null) {
            return false;
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        String t;
        if (n.isNumber() && n.canConvertToExactIntegral()) {
            t = n.asText();
        } else if (n.isTextual()) {
            t = n.textValue().strip();
        } else {
            unreadable(name);
            return false;
        }
        switch (t.toLowerCase(java.util.Locale.ROOT)) {
            case "1":
            case "true":
                return true;
            case "":
            case "0":
            case "false":
                return false;
            default:
                unreadable(name);
                return false;
        }
    }

    /**
     * @param name the field
     * @return the number as reported; {@code null} when absent, empty, blank or not acceptable as a
     *     {@link ReportedNumber} (too long, control characters)
     */
    ReportedNumber number(String name) {
        String t = text(name);
        if (t == null || t.isBlank()) {
            return null;
        }
        try {
            return ReportedNumber.of(name, t);
        } catch (InvalidValueException e) {
            return unreadable(name);
        }
    }

    /**
     * @param name the field
     * @return the session id; {@code null} when absent, empty or not a valid {@link SessionId}
     */
    SessionId sessionId(String name) {
        String t = text(name);
        if (t == null) {
            return null;
        }
        try {
            return SessionId.of(t);
        } catch (InvalidValueException e) {
            return unreadable(name);
        }
    }

    /**
     * @param name the field
     * @param max the longest accepted text
     * @return the text if at most {@code max} characters; {@code null} when absent, empty or longer
     */
    String boundedText(String name, int max) {
        String t = text(name);
        if (t != null && t.length() > max) {
            return unreadable(name);
        }
        return t;
    }
}
