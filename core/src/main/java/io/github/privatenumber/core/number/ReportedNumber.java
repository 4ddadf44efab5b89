package io.github.privatenumber.core.number;

import io.github.privatenumber.core.InvalidValueException;
import io.github.privatenumber.core.Masking;
import io.github.privatenumber.core.internal.Checks;
import java.util.Optional;

/**
 * A number exactly as the platform reported it in a push or a call detail record. The platform may
 * send numbers masked ({@code +86138****0022}), without a country code, or otherwise odd, so this type
 * never rejects a value merely because it is not a valid phone number; {@link #toPhoneNumber()} tells
 * whether it is one. Immutable and thread-safe.
 *
 * <p>{@link #toString()} masks the value; use {@link #raw()} when the text itself is needed.
 *
 * @param raw the text as reported: 1–64 characters, not blank, no control characters
 */
public record ReportedNumber(String raw) {

    /** The longest accepted text. */
    public static final int MAX_LENGTH = 64;

    private static final String FIELD = "reportedNumber";

    /**
     * @param raw as documented on the record
     * @throws InvalidValueException if {@code raw} is {@code null}, empty, blank, longer than 64 characters
     *     or contains a control character or an unpaired surrogate; the message never shows the value
     */
    public ReportedNumber {
        Checks.printable(FIELD, raw, MAX_LENGTH);
    }

    /**
     * @param raw the text as reported
     * @return the reported number
     * @throws InvalidValueException as the constructor
     */
    public static ReportedNumber of(String raw) {
        return new ReportedNumber(raw);
    }

    /**
     * @param field the field name to report in errors, e.g. {@code callerNum}
     * @param raw the text as reported
     * @return the reported number
     * @throws InvalidValueException as the constructor, naming {@code field}; naming {@code field} itself if
     *     {@code field} is {@code null} or blank
     */
    public static ReportedNumber of(String field, String raw) {
        Checks.fieldName(field);
        try {
            return new ReportedNumber(raw);
        } catch (InvalidValueException e) {
            // the constructor's check, named after the caller's field (it runs for every number of every push, so
            // it runs once)
            throw new InvalidValueException(field, e.getMessage().substring(FIELD.length() + 2));
        }
    }

    /**
     * For push fields that may be absent: {@code null}, empty and blank text mean "not reported".
     *
     * @param field the field name to report in errors, e.g. {@code caller}
     * @param raw the text as reported, may be {@code null}
     * @return the reported number, or empty when nothing was reported
     * @throws InvalidValueException if the text is present but too long or contains control characters; naming
     *     {@code field} itself if {@code field} is {@code null} or blank
     */
    public static Optional<ReportedNumber> ofNullable(String field, String raw) {
        Checks.fieldName(field);
        if (raw == null || Checks.isBlank(raw)) {
            return Optional.empty();
        }
        return Optional.of(of(field, raw));
    }

    /**
     * @return the reported text as a phone number, when it is one in any form {@link PhoneNumber} accepts;
     *     empty for masked or otherwise unreadable values
     */
    public Optional<PhoneNumber> toPhoneNumber() {
        return PhoneNumber.tryParse(raw);
    }

    /**
     * @return the masked text, e.g. {@code +86138****0022}; never the number in clear
     */
    @Override
    public String toString() {
        return Masking.mask(raw);
    }
}
