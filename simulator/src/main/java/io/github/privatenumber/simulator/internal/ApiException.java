package io.github.privatenumber.simulator.internal;

/**
 * A request the platform refuses: carries the HTTP status, the result code and a description that names
 * the problem (never a phone number in clear).
 */
public final class ApiException extends RuntimeException {

    private final int status;
    private final String resultCode;

    /**
     * @param status HTTP status
     * @param resultCode platform result code
     * @param description what is wrong
     */
    public ApiException(int status, String resultCode, String description) {
        super(description, null, false, false);
        this.status = status;
        this.resultCode = resultCode;
    }

    /**
     * @param description what is wrong with the request
     * @return a 403 {@code 1010002} (invalid request)
     */
    public static ApiException invalid(String description) {
        return new ApiException(403, ResultCodes.INVALID_REQUEST, description);
    }

    /** @return HTTP status */
    public int status() {
        return status;
    }

    /** @return platform result code */
    public String resultCode() {
        return resultCode;
    }

    /** @return the description */
    public String description() {
        return getMessage();
    }
}
