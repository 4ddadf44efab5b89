package io.github.privatenumber.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.privatenumber.spring.PrivateNumberActivity.Outcome;
import io.github.privatenumber.spring.internal.Boot3HealthIndicator;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class PrivateNumberHealthAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PrivateNumberAutoConfiguration.class,
                    PrivateNumberHealthAutoConfiguration.class))
            .withPropertyValues("privatenumber.app-key=test-app-key", "privatenumber.app-secret=test-app-secret");

    @Test
    void boot3IndicatorWhenActuatorIsPresent() {
        runner.run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(HealthIndicator.class);
            assertThat(context.getBean("privateNumberHealthIndicator")).isInstanceOf(Boot3HealthIndicator.class);
            Health health = context.getBean(HealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("endpoint", "https://rtcpns.cn-north-1.myhuaweicloud.com")
                    .containsEntry("appKey", "test-app-key").containsEntry("transport", "httpclient")
                    .containsEntry("consecutiveFailures", 0).containsKey("note");
            assertThat(health.toString()).doesNotContain("test-app-secret");
        });
    }

    @Test
    void noIndicatorWithoutActuatorOrWhenSwitchedOff() {
        runner.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate.health"))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean("privateNumberHealthIndicator"));
        runner.withPropertyValues("management.health.privatenumber.enabled=false")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean("privateNumberHealthIndicator"));
        runner.withPropertyValues("privatenumber.enabled=false")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean("privateNumberHealthIndicator"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void downAfterThreeFailedAttemptsInARowUpAgainAfterAnAnswer() {
        runner.run(context -> {
            PrivateNumberActivity activity = context.getBean(PrivateNumberActivity.class);
            HealthIndicator indicator = context.getBean(HealthIndicator.class);
            activity.recordAttempt(Outcome.TRANSPORT_ERROR, "TransportException: connection refused");
            activity.recordAttempt(Outcome.SERVER_ERROR, "GET /rest: HTTP 503");
            assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
            activity.recordAttempt(Outcome.AUTHENTICATION_FAILED, "GET /rest: HTTP 401 resultcode 1010010");
            Health down = indicator.health();
            assertThat(down.getStatus()).isEqualTo(Status.DOWN);
            assertThat(down.getDetails()).containsEntry("consecutiveFailures", 3)
                    .containsEntry("reason", "the last 3 attempts to the platform failed");
            assertThat((Map<String, Object>) down.getDetails().get("lastFailure"))
                    .containsEntry("outcome", "authenticationFailed")
                    .containsEntry("detail", "GET /rest: HTTP 401 resultcode 1010010");
            assertThat((Map<String, Long>) down.getDetails().get("attempts")).containsEntry("transportError", 1L)
                    .containsEntry("serverError", 1L).containsEntry("authenticationFailed", 1L)
                    .containsEntry("success", 0L).containsEntry("refused", 0L);
            activity.recordAttempt(Outcome.REFUSED, null);
            assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
            activity.recordPush(200);
            activity.recordPush(401);
            assertThat((Map<String, Object>) indicator.health().getDetails().get("pushes"))
                    .containsEntry("acknowledged", 1L).containsEntry("rejected", 1L).containsEntry("lastStatus", 401);
        });
    }
}
