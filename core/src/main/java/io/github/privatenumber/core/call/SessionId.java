package io.github.privatenumber.core.call;

import io.github.privatenumber.core.InvalidValueException;
import io.github.privatenumber.core.internal.Checks;

/**
 * The platform's id of one call ({@code sessionId} in call events and CDRs, {@code sessionid} when
 * stopping a call), e.g. {@code 1200_1827_4294967295_20190124023003@callenabler246.huaweicaas.com}.
 * Immutable and thread-safe. The id is not personal data, so {@link #toString()} shows it.
 *
 * @param value 1–256 visible ASCII characters ({@code 0x21}–{@code 0x7E})
 */
public record SessionId(String value) {

    /** The longest accepted id. */
    public static final int MAX_LENGTH = 256;

    /**
     * @param value as documented on the record
     * @throws InvalidValueException naming {@code sessionId} if {@code value} is {@code null}, empty,
     *     blank, longer than 256 characters or not visible ASCII
     */
    public SessionId {
        Checks.visibleAscii("sessionId", value, MAX_LENGTH);
    }

    /**
     * @param value the id as the platform reported it
     * @return the session id
     * @throws InvalidValueException as the constructor
     */
    public static SessionId of(String value) {
        return new SessionId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
