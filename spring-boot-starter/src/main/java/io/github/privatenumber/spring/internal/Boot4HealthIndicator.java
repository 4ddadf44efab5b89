package io.github.privatenumber.spring.internal;

import java.util.Objects;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The health indicator on Spring Boot 4's API ({@code org.springframework.boot.health.contributor}, module
 * spring-boot-health). Loaded only when that API is on the class path. Thread-safe.
 */
public final class Boot4HealthIndicator implements HealthIndicator {

    private final HealthDetails details;

    /**
     * @param details what to report
     */
    public Boot4HealthIndicator(HealthDetails details) {
        this.details = Objects.requireNonNull(details, "details");
    }

    @Override
    public Health health() {
        HealthDetails.Report r = details.report();
        return (r.up() ? Health.up() : Health.down()).withDetails(r.details()).build();
    }
}
