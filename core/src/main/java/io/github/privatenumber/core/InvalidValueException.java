package io.github.privatenumber.core;

import java.util.Objects;

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
     */
    public InvalidValueException(String field, String problem) {
        super(Objects.requireNonNull(field, "field") + ": " + Objects.requireNonNull(problem, "problem"));
        this.field = field;
    }

    /**
     * @return the name of the rejected field, as the platform spells it
     */
    public String field() {
        return field;
    }
}
