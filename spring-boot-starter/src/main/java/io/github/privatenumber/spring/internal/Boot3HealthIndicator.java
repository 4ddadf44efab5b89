package io.github.privatenumber.spring.internal;

import java.util.Objects;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * The health indicator on Spring Boot 3's Actuator API ({@code org.springframework.boot.actuate.health}). Loaded
 * only when that API is on the class path. Thread-safe.
 */
public final class Boot3HealthIndicator implements HealthIndicator {

    private final HealthDetails details;

    /**
     * @param details what to report
     */
    public Boot3HealthIndicator(HealthDetails details) {
        this.details = Objects.requireNonNull(details, "details");
    }

    @Override
    public Health health() {
        HealthDetails.Report r = details.report();
        return (r.up() ? Health.up() : Health.down()).withDetails(r.details()).build();
    }
}
