package io.github.privatenumber.core;

/**
 * A value was rejected by validation before it could reach the platform (or a push field could not be
 * read). The message names the field and the rule; where the value is a phone number or otherwise
 * personal, only a masked form of it appears.
 */
public class InvalidValueException extends PrivateNumberException {

    private final String field;

    /**
     * @param field the name of the field as the platform spells it, e.g. {@code origNum}; never {@code null}
     * @param problem what is wrong, e.g. {@code "must not be empty"}; must not contain the value in clear
     *     when the value is personal
     * @throws InvalidValueException (field {@code field} or {@code problem}) instead of constructing this one
     *     when an argument is {@code null}, so that a missing field name never turns into a
     *     {@code NullPointerException}
     */
    public InvalidValueException(String field, String problem) {
        super(message(field, problem));
        this.field = field;
    }

    private static String message(String field, String problem) {
        if (field == null) {
            throw new InvalidValueException("field", "is required");
        }
        if (problem == null) {
            throw new InvalidValueException("problem", "is required");
        }
        return field + ": " + problem;
    }

    /**
     * @return the name of the rejected field, as the platform spells it
     */
    public String field() {
        return field;
    }
}
