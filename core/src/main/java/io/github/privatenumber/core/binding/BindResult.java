package io.github.privatenumber.core.binding;

import io.github.privatenumber.core.InvalidValueException;
import io.github.privatenumber.core.internal.Checks;
import io.github.privatenumber.core.number.PhoneNumber;

/**
 * The platform's answer to a bind step. Immutable and thread-safe; {@link #toString()} masks the number.
 *
 * @param subscriptionId the binding's id (the same on the AX and the YB step)
 * @param relationNumber the privacy number allocated: X on the AX step, Y on the YB step
 */
public record BindResult(SubscriptionId subscriptionId, PhoneNumber relationNumber) {

    /**
     * @param subscriptionId as documented on the record
     * @param relationNumber as documented on the record
     * @throws InvalidValueException naming the field if either value is {@code null}
     */
    public BindResult {
        Checks.required("subscriptionId", subscriptionId);
        Checks.required("relationNumber", relationNumber);
    }

    /**
     * @param subscriptionId the binding's id
     * @param relationNumber X on the AX step, Y on the YB step
     * @return the result
     * @throws InvalidValueException as the constructor
     */
    public static BindResult of(SubscriptionId subscriptionId, PhoneNumber relationNumber) {
        return new BindResult(subscriptionId, relationNumber);
    }

    @Override
    public String toString() {
        return "BindResult[subscriptionId=" + subscriptionId + ", relationNumber=" + relationNumber + "]";
    }
}
