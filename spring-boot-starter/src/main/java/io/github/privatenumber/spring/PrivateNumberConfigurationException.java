package io.github.privatenumber.spring;

import java.util.Objects;

/**
 * The {@code privatenumber.*} configuration cannot work: a required property is missing, a value is out of range,
 * a forced transport is not on the class path, the trust store cannot be read. Thrown while the application
 * context starts; {@link PrivateNumberFailureAnalyzer} turns it into a startup report that names the property and
 * what to do. The message never holds a secret.
 */
public class PrivateNumberConfigurationException extends IllegalStateException {

    private final String property;
    private final String action;

    /**
     * @param property the property at fault, e.g. {@code privatenumber.app-secret}
     * @param problem what is wrong with it
     * @param action what to do about it
     */
    public PrivateNumberConfigurationException(String property, String problem, String action) {
        this(property, problem, action, null);
    }

    /**
     * @param property the property at fault, e.g. {@code privatenumber.app-secret}
     * @param problem what is wrong with it
     * @param action what to do about it
     * @param cause the underlying failure, or {@code null}
     */
    public PrivateNumberConfigurationException(String property, String problem, String action, Throwable cause) {
        super(Objects.requireNonNull(property, "property") + ": " + Objects.requireNonNull(problem, "problem"), cause);
        this.property = property;
        this.action = Objects.requireNonNull(action, "action");
    }

    /**
     * @return the property at fault
     */
    public String property() {
        return property;
    }

    /**
     * @return what to do about it
     */
    public String action() {
        return action;
    }
}
