package io.github.privatenumber.core.binding;

import io.github.privatenumber.core.InvalidValueException;

/**
 * Which calls a binding allows ({@code callDirection}, an int on the wire).
 */
public enum CallDirection {

    /** {@code 0}, the platform default: both ways. */
    BOTH(0),
    /** {@code 1}: only A to B (A dials Y). */
    A_TO_B(1),
    /** {@code 2}: only B to A (B dials X). */
    B_TO_A(2);

    private final int wireValue;

    CallDirection(int wireValue) {
        this.wireValue = wireValue;
    }

    /**
     * @return the value as sent to the platform
     */
    public int wireValue() {
        return wireValue;
    }

    /**
     * @param wireValue {@code 0}, {@code 1} or {@code 2}
     * @return the direction
     * @throws InvalidValueException naming {@code callDirection} for any other value
     */
    public static CallDirection fromWire(int wireValue) {
        for (CallDirection direction : values()) {
            if (direction.wireValue == wireValue) {
                return direction;
            }
        }
        throw new InvalidValueException("callDirection", "must be 0, 1 or 2, got " + wireValue);
    }
}
