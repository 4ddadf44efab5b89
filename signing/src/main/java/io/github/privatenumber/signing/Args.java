package io.github.privatenumber.signing;

import io.github.privatenumber.core.InvalidValueException;

/**
 * Argument checks of this package's public methods: a {@code null} where a value is required is the caller's
 * error, reported like any other invalid value, as an {@link InvalidValueException} naming the parameter.
 */
final class Args {

    private Args() {
    }

    /**
     * @return {@code value}
     * @throws InvalidValueException naming {@code field} if {@code value} is {@code null}
     */
    static <T> T required(String field, T value) {
        if (value == null) {
            throw new InvalidValueException(field, "is required");
        }
        return value;
    }
}
