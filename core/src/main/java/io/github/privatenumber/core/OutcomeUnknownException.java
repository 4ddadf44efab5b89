package io.github.privatenumber.core;

/**
 * A non-idempotent request (an AX bind) may have reached the platform, but its answer was lost. The SDK
 * did not retry it, because a retry could create a second binding. Query the platform (for example by
 * the X numbers of A) to find out what happened before trying again.
 */
public class OutcomeUnknownException extends TransportException {

    private final String operation;

    /**
     * @param operation the operation whose outcome is unknown, e.g. {@code bindAx}; never {@code null}
     * @param cause the failure that lost the answer
     * @throws InvalidValueException (field {@code operation}) if {@code operation} is {@code null}
     */
    public OutcomeUnknownException(String operation, Throwable cause) {
        super(required(operation) + ": the request may have reached the platform but no answer arrived; "
                + "its outcome is unknown and it was not retried", cause, true);
        this.operation = operation;
    }

    private static String required(String operation) {
        if (operation == null) {
            throw new InvalidValueException("operation", "is required");
        }
        return operation;
    }

    /**
     * @return the operation whose outcome is unknown
     */
    public String operation() {
        return operation;
    }
}
