package io.github.privatenumber.core;

import io.github.privatenumber.core.result.ResultCode;

/**
 * The platform answered, and the answer was not success: the result code is anything other than
 * {@code "0"}. Carries the HTTP status, the typed {@link ResultCode} and the platform's description.
 * The description is masked before it is stored, since the platform may echo a parameter back.
 */
public class PlatformException extends PrivateNumberException {

    private final int httpStatus;
    private final ResultCode resultCode;
    private final String description;

    /**
     * @param httpStatus the HTTP status of the answer
     * @param resultCode the platform's result code; never {@code null}
     * @param description the platform's {@code resultdesc}, may be {@code null} or empty
     * @throws InvalidValueException (field {@code resultCode}) if {@code resultCode} is {@code null}
     */
    public PlatformException(int httpStatus, ResultCode resultCode, String description) {
        super(message(httpStatus, resultCode, description));
        this.httpStatus = httpStatus;
        this.resultCode = resultCode;
        this.description = description == null ? "" : Masking.maskText(description);
    }

    private static String message(int httpStatus, ResultCode resultCode, String description) {
        if (resultCode == null) {
            throw new InvalidValueException("resultCode", "is required");
        }
        StringBuilder sb = new StringBuilder("platform answered HTTP ").append(httpStatus)
                .append(", resultcode ").append(resultCode.code());
        resultCode.meaning().ifPresent(m -> sb.append(" (").append(m).append(')'));
        if (description != null && !description.isBlank()) {
            sb.append(": ").append(Masking.maskText(description));
        }
        return sb.toString();
    }

    /**
     * @return the HTTP status of the answer
     */
    public int httpStatus() {
        return httpStatus;
    }

    /**
     * @return the platform's result code, known or not
     */
    public ResultCode resultCode() {
        return resultCode;
    }

    /**
     * @return the platform's description with any phone numbers masked; empty if none was sent
     */
    public String description() {
        return description;
    }
}
