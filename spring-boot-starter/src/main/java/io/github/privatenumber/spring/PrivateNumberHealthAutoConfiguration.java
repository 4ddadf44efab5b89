package io.github.privatenumber.spring;

import io.github.privatenumber.client.PrivateNumberClient;
import io.github.privatenumber.spring.internal.Boot3HealthIndicator;
import io.github.privatenumber.spring.internal.Boot4HealthIndicator;
import io.github.privatenumber.spring.internal.HealthDetails;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code privateNumber} health component when Actuator is present: UP unless the last
 * {@value PrivateNumberActivity#DOWN_AFTER_CONSECUTIVE_FAILURES} attempts to the platform all failed; details show
 * the endpoint, app key, transport, attempt outcomes and push answers (see {@link PrivateNumberActivity}). It reads
 * what real traffic recorded and never calls the platform. Spring Boot 3 and 4 keep the health API in different
 * packages, so there is one small configuration for each, each behind {@link ConditionalOnClass}. Switched off by
 * {@code management.health.privatenumber.enabled=false}.
 */
@AutoConfiguration(after = {PrivateNumberAutoConfiguration.class, PrivateNumberNotificationsAutoConfiguration.class})
@ConditionalOnBean({PrivateNumberActivity.class, PrivateNumberProperties.class})
@ConditionalOnProperty(prefix = "management.health.privatenumber", name = "enabled", havingValue = "true",
        matchIfMissing = true)
public class PrivateNumberHealthAutoConfiguration {

    static final String BEAN_NAME = "privateNumberHealthIndicator";

    /** Created by Spring. */
    public PrivateNumberHealthAutoConfiguration() {
    }

    static HealthDetails details(PrivateNumberActivity activity, PrivateNumberProperties properties,
            ObjectProvider<PrivateNumberClient> client) {
        return new HealthDetails(activity, properties, client);
    }

    /** Spring Boot 3.x: {@code org.springframework.boot.actuate.health}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
    static class Boot3 {

        @Bean(BEAN_NAME)
        @ConditionalOnMissingBean(name = BEAN_NAME)
        Boot3HealthIndicator privateNumberHealthIndicator(PrivateNumberActivity activity,
                PrivateNumberProperties properties, ObjectProvider<PrivateNumberClient> client) {
            return new Boot3HealthIndicator(details(activity, properties, client));
        }
    }

    /** Spring Boot 4.x: {@code org.springframework.boot.health.contributor} (module spring-boot-health). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
    static class Boot4 {

        @Bean(BEAN_NAME)
        @ConditionalOnMissingBean(name = BEAN_NAME)
        Boot4HealthIndicator privateNumberHealthIndicator(PrivateNumberActivity activity,
                PrivateNumberProperties properties, ObjectProvider<PrivateNumberClient> client) {
            return new Boot4HealthIndicator(details(activity, properties, client));
        }
    }
}
