package io.github.privatenumber.spring;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a {@link PrivateNumberConfigurationException} into Spring Boot's "APPLICATION FAILED TO START" report: the
 * property at fault, what is wrong with it, and what to do. Registered in {@code META-INF/spring.factories}.
 */
public class PrivateNumberFailureAnalyzer extends AbstractFailureAnalyzer<PrivateNumberConfigurationException> {

    /** Created by Spring Boot. */
    public PrivateNumberFailureAnalyzer() {
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, PrivateNumberConfigurationException cause) {
        return new FailureAnalysis("The Private Number SDK is not configured correctly. " + cause.getMessage(),
                cause.action(), cause);
    }
}
