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
 * Reads the optional fields of one JSON object leniently (SPEC §10: the platform's types vary, so a number may come
 * as {@code 0} or {@code "0"}). Absent, {@code null} and empty values read as absent. A value that is present but
 * cannot be read as the field's type also reads as absent, and its field name is added to the shared list of
 * unreadable fields (the value stays in the record's raw JSON). Never throws for a value; never puts a value into a
 * message.
 *
 * <p>The object's known fields come as an array of values, one slot per field of a {@link PushParser.Fields} set
 * ({@code null} when absent), as {@link PushParser} reads them; each value is the node Jackson's tree would hold.
 */
final class FieldReader {

    /** Epoch values above this are taken as milliseconds, below as seconds (10^11 s is the year 5138). */
    private static final long MILLIS_THRESHOLD = 100_000_000_000L;

    private final JsonNode[] values;
    private final String[] names;
    private final String prefix;
    private final int index;
    private final List<String> unreadable;

    /**
     * @param values the object's values, by slot
     * @param names the field names, by slot
     * @param prefix put before field names in {@code unreadable} (after {@code [index].} when {@code index} is not
     *     negative), e.g. {@code statusInfo.}, or {@code feeLst} with the element's index
     * @param index the element's index in its array, or -1
     * @param unreadable where the names of unreadable fields are added
     */
    FieldReader(JsonNode[] values, String[] names, String prefix, int index, List<String> unreadable) {
        this.values = values;
        this.names = names;
        this.prefix = prefix;
        this.index = index;
        this.unreadable = unreadable;
    }

    private JsonNode present(int field) {
        JsonNode n = values[field];
        return n == null || n.isNull() || n.isMissingNode() ? null : n;
    }

    private <T> T unreadable(int field) {
        // the name is built only for a field that needs naming
        unreadable.add(index < 0 ? prefix + names[field] : prefix + "[" + index + "]." + names[field]);
        return null;
    }

    /**
     * @param name the field's slot
     * @return the text; a number or boolean as its JSON text; {@code null} when absent, empty or not a scalar
     */
    String text(int name) {
        JsonNode n = present(name);
        if (n == null) {
            return null;
        }
        if (n.isTextual()) {
            String t = n.textValue();
            if (t.isEmpty()) {
                return null;
            }
            // a JSON escape can spell what no UTF-8 text holds (an unpaired surrogate) or what no application
            // stores safely (NUL); such a value reads as unreadable and stays in the raw JSON
            return storable(t) ? t : unreadable(name);
        }
        if (n.isNumber() || n.isBoolean()) {
            return n.asText();
        }
        return unreadable(name);
    }

    /** @return whether the text has neither an unpaired surrogate nor a NUL character */
    static boolean storable(String t) {
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == 0) {
                return false;
            }
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < t.length() && Character.isLowSurrogate(t.charAt(i + 1))) {
                    i++;
                } else {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * @param name the field's slot
     * @return the integer from an integral JSON number (also {@code 1.0}) or from integer text ({@code "0"},
     *     {@code " 8102 "}); {@code null} when absent, empty or unreadable
     */
    Integer integer(int name) {
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
     * @param name the field's slot
     * @return the instant from the platform's UTC text {@code yyyy-MM-dd HH:mm:ss}; leniently also with a {@code T}
     *     separator and with a fraction of a second (both still UTC), from ISO-8601 instant text, and from a UNIX time
     *     in seconds or milliseconds (number or digits), since the docs call the event timestamp a UNIX timestamp. A
     *     UNIX time outside the years 2000-2099 is unreadable, not a date: digits such as {@code 20190124023022} or
     *     {@code 0} must not become a call in the year 2609 or 1970 on a bill. {@code null} when absent, empty or
     *     unreadable
     */
    Instant time(int name) {
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
        if (t.length() <= 15 && PushParser.allDigits(t)) {
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
                || !PushParser.allDigits(fraction.substring(1)))) {
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
     * @param name the field's slot
     * @return {@code true} for {@code 1}, {@code "1"}, {@code true}, {@code "true"}; {@code false} for {@code 0},
     *     {@code "0"}, {@code false}, {@code "false"}, absent or empty; {@code false} and unreadable otherwise
     */
    boolean flag(int name) {
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
     * @param name the field's slot
     * @return the number as reported; {@code null} when absent, empty, blank or not acceptable as a
     *     {@link ReportedNumber} (too long, control characters)
     */
    ReportedNumber number(int name) {
        String t = text(name);
        if (t == null || t.isBlank()) {
            return null;
        }
        try {
            return ReportedNumber.of(names[name], t);
        } catch (InvalidValueException e) {
            return unreadable(name);
        }
    }

    /**
     * @param name the field's slot
     * @return the session id; {@code null} when absent, empty or not a valid {@link SessionId}
     */
    SessionId sessionId(int name) {
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
     * @param name the field's slot
     * @param max the longest accepted text
     * @return the text if at most {@code max} characters; {@code null} when absent, empty or longer
     */
    String boundedText(int name, int max) {
        String t = text(name);
        if (t != null && t.length() > max) {
            return unreadable(name);
        }
        return t;
    }
}
