package io.github.privatenumber.core.result;

import io.github.privatenumber.core.InvalidValueException;
import java.util.Map;
import java.util.Optional;

/**
 * A platform result code ({@code resultcode}, a string on the wire). An open type: the platform adds
 * codes over time, so any code can be represented; the known ones (SPEC §9) have constants and a meaning.
 * Immutable and thread-safe; equal when the code text is equal.
 *
 * @param code the code as the platform sends it, 1–32 visible ASCII characters
 */
public record ResultCode(String code) {

    /** Success. */
    public static final ResultCode SUCCESS = new ResultCode("0");
    /** Internal error (retry once). */
    public static final ResultCode INTERNAL_ERROR = new ResultCode("1010001");
    /** Invalid request; the description names the bad parameter. */
    public static final ResultCode INVALID_REQUEST = new ResultCode("1010002");
    /** Invalid app_key. */
    public static final ResultCode INVALID_APP_KEY = new ResultCode("1010003");
    /** Invalid digest. */
    public static final ResultCode INVALID_DIGEST = new ResultCode("1010010");
    /** Created too far from the server's time. */
    public static final ResultCode CREATED_OUT_OF_WINDOW = new ResultCode("1010013");
    /** The app_key may not call this API (another mode's app). */
    public static final ResultCode API_NOT_ALLOWED = new ResultCode("1010040");
    /** No free number in the area (strict area match). */
    public static final ResultCode NO_FREE_NUMBER = new ResultCode("1011002");
    /** A already holds the maximum number of X. */
    public static final ResultCode MAX_X_REACHED = new ResultCode("1011003");
    /** The number is already bound. */
    public static final ResultCode NUMBER_ALREADY_BOUND = new ResultCode("1011005");
    /** The recording does not exist (unknown, or older than 7 days). */
    public static final ResultCode RECORDING_NOT_FOUND = new ResultCode("1012007");
    /** No free number in the area (strict area match), YB step. */
    public static final ResultCode NO_FREE_NUMBER_YB = new ResultCode("1012008");
    /** The relation already exists. */
    public static final ResultCode RELATION_EXISTS = new ResultCode("1012010");
    /** The binding does not exist. */
    public static final ResultCode BINDING_NOT_FOUND = new ResultCode("1016001");
    /** The binding already exists. */
    public static final ResultCode BINDING_EXISTS = new ResultCode("1016002");
    /** Authentication failed too often; the caller's IP is blocked for a while. */
    public static final ResultCode AUTH_BLOCKED = new ResultCode("1020176");
    /** Internal timeout (retry once). */
    public static final ResultCode INTERNAL_TIMEOUT = new ResultCode("1023001");
    /** Internal timeout (retry once). */
    public static final ResultCode INTERNAL_TIMEOUT_2 = new ResultCode("1023002");

    private static final Map<String, ResultCode> CONSTANTS = java.util.stream.Stream.of(
                    SUCCESS, INTERNAL_ERROR, INVALID_REQUEST, INVALID_APP_KEY, INVALID_DIGEST, CREATED_OUT_OF_WINDOW,
                    API_NOT_ALLOWED, NO_FREE_NUMBER, MAX_X_REACHED, NUMBER_ALREADY_BOUND, RECORDING_NOT_FOUND,
                    NO_FREE_NUMBER_YB, RELATION_EXISTS, BINDING_NOT_FOUND, BINDING_EXISTS, AUTH_BLOCKED,
                    INTERNAL_TIMEOUT, INTERNAL_TIMEOUT_2)
            .collect(java.util.stream.Collectors.toUnmodifiableMap(ResultCode::code, c -> c));

    private static final Map<String, String> MEANINGS = Map.ofEntries(
            Map.entry("0", "success"),
            Map.entry("1010001", "internal error"),
            Map.entry("1010002", "invalid request"),
            Map.entry("1010003", "invalid app_key"),
            Map.entry("1010010", "invalid digest"),
            Map.entry("1010013", "Created too far from server time"),
            Map.entry("1010040", "app_key not allowed to call this API"),
            Map.entry("1011002", "no free number in the area"),
            Map.entry("1011003", "A already holds the maximum number of X"),
            Map.entry("1011005", "number already bound"),
            Map.entry("1012007", "recording does not exist"),
            Map.entry("1012008", "no free number in the area"),
            Map.entry("1012010", "relation already exists"),
            Map.entry("1016001", "binding does not exist"),
            Map.entry("1016002", "binding already exists"),
            Map.entry("1020176", "authentication failed too often; caller blocked for a while"),
            Map.entry("1023001", "internal timeout"),
            Map.entry("1023002", "internal timeout"));

    /**
     * @param code as documented on the record
     * @throws InvalidValueException if the code is {@code null}, empty, longer than 32 characters or not
     *     visible ASCII
     */
    public ResultCode {
        if (code == null) {
            throw new InvalidValueException("resultcode", "is required");
        }
        if (code.isEmpty() || code.length() > 32) {
            throw new InvalidValueException("resultcode", "must be 1-32 characters, got " + code.length());
        }
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                throw new InvalidValueException("resultcode", "must be visible ASCII, bad character at index " + i);
            }
        }
    }

    /**
     * @param code the code text
     * @return the result code (the shared constant when the code is known)
     * @throws InvalidValueException as the constructor
     */
    public static ResultCode of(String code) {
        ResultCode known = code == null ? null : CONSTANTS.get(code);
        return known != null ? known : new ResultCode(code);
    }

    /**
     * @return {@code true} for {@code "0"}
     */
    public boolean isSuccess() {
        return "0".equals(code);
    }

    /**
     * @return {@code true} if SPEC §9 lists this code
     */
    public boolean isKnown() {
        return MEANINGS.containsKey(code);
    }

    /**
     * @return the documented meaning, when the code is known
     */
    public Optional<String> meaning() {
        return Optional.ofNullable(MEANINGS.get(code));
    }

    /**
     * @return {@code true} for the platform's own transient failures ({@code 1010001}, {@code 1023001},
     *     {@code 1023002}), which the platform says may be retried once
     */
    public boolean isTransientPlatformFailure() {
        return "1010001".equals(code) || "1023001".equals(code) || "1023002".equals(code);
    }

    /**
     * @return {@code true} for the header-format codes 1023006–1023012 and 1023031–1023037
     */
    public boolean isMalformedAuthentication() {
        if (code.length() != 7 || !code.startsWith("10230")) {
            return false;
        }
        int n;
        try {
            n = Integer.parseInt(code);
        } catch (NumberFormatException e) {
            return false;
        }
        return (n >= 1023006 && n <= 1023012) || (n >= 1023031 && n <= 1023037);
    }

    @Override
    public String toString() {
        return code;
    }
}
