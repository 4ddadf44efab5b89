package io.github.privatenumber.core.binding;

import io.github.privatenumber.core.InvalidValueException;

/**
 * How strictly the platform matches the requested {@code areaCode} when it allocates a privacy number
 * ({@code areaMatchMode}, a string on the wire).
 */
public enum AreaMatchMode {

    /** {@code "0"}, the platform default: fail when the area has no free number. */
    STRICT("0"),
    /** {@code "1"}: fall back to the same province, then to any number of the app. */
    LOOSE("1");

    private final String wireValue;

    AreaMatchMode(String wireValue) {
        this.wireValue = wireValue;
    }

    /**
     * @return the value as sent to the platform, {@code "0"} or {@code "1"}
     */
    public String wireValue() {
        return wireValue;
    }

    /**
     * @param wireValue {@code "0"} or {@code "1"}
     * @return the mode
     * @throws InvalidValueException naming {@code areaMatchMode} for {@code null} or any other value
     */
    public static AreaMatchMode fromWire(String wireValue) {
        for (AreaMatchMode mode : values()) {
            if (mode.wireValue.equals(wireValue)) {
                return mode;
            }
        }
        throw new InvalidValueException("areaMatchMode", wireValue == null ? "is required" : "must be \"0\" or \"1\"");
    }
}
