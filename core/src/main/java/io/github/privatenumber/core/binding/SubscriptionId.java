package io.github.privatenumber.core.binding;

import io.github.privatenumber.core.InvalidValueException;
import io.github.privatenumber.core.internal.Checks;

/**
 * The platform's id of one AX binding and the YB bindings made under it ({@code subscriptionId}).
 * Immutable and thread-safe. The id is not personal data, so {@link #toString()} shows it.
 *
 * <p>Never empty: an empty id on unbind must not widen into "unbind everything" (SPEC §12).
 *
 * @param value 1–128 visible ASCII characters ({@code 0x21}–{@code 0x7E})
 */
public record SubscriptionId(String value) {

    /** The longest accepted id. */
    public static final int MAX_LENGTH = 128;

    /**
     * @param value as documented on the record
     * @throws InvalidValueException naming {@code subscriptionId} if {@code value} is {@code null}, empty,
     *     blank, longer than 128 characters or not visible ASCII
     */
    public SubscriptionId {
        Checks.visibleAscii("subscriptionId", value, MAX_LENGTH);
    }

    /**
     * @param value the id as the platform returned it
     * @return the subscription id
     * @throws InvalidValueException as the constructor
     */
    public static SubscriptionId of(String value) {
        return new SubscriptionId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
