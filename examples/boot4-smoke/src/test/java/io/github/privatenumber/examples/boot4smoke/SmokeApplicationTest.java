package io.github.privatenumber.examples.boot4smoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.privatenumber.core.binding.AreaMatchMode;
import io.github.privatenumber.core.binding.AxBindRequest;
import io.github.privatenumber.core.binding.BindResult;
import io.github.privatenumber.core.binding.BindingGateway;
import io.github.privatenumber.core.binding.YbBindRequest;
import io.github.privatenumber.core.notification.CallDetailRecord;
import io.github.privatenumber.simulator.CallRequest;
import io.github.privatenumber.simulator.CallResult;
import io.github.privatenumber.simulator.Simulator;
import io.github.privatenumber.spring.CdrReceived;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Starts the application on Spring Boot 4.0 with the starter against the simulator.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"management.endpoint.health.show-details=always", "spring.main.banner-mode=off"})
@ExtendWith(OutputCaptureExtension.class)
class SmokeApplicationTest {

    static final Simulator SIMULATOR = Simulator.builder().repushTimeScale(0.001).build().start();

    @DynamicPropertySource
    static void platform(DynamicPropertyRegistry registry) {
        registry.add("privatenumber.endpoint", () -> SIMULATOR.baseUrl().toString());
        registry.add("privatenumber.app-key", () -> SIMULATOR.credentials().appKey());
        registry.add("privatenumber.app-secret", () -> SIMULATOR.credentials().appSecret());
    }

    @AfterAll
    static void stop() {
        SIMULATOR.close();
    }

    @Autowired
    BindingGateway bindings;
    @Autowired
    SmokeApplication.Received received;
    @Autowired
    CdrEvents cdrEvents;
    @Autowired
    Environment environment;
    @Autowired
    ApplicationContext context;

    @Test
    void startsBindsReceivesAndReportsHealth() throws Exception {
        assertThat(SpringBootVersion.getVersion()).startsWith("4.0.");
        String base = "http://127.0.0.1:" + environment.getRequiredProperty("local.server.port");
        SIMULATOR.setPushUrls(URI.create(base + "/privatenumber/events"), URI.create(base + "/privatenumber/cdr"));

        BindResult ax = bindings.bindAx(AxBindRequest.builder().origNum("+8613800000001").areaCode("0755")
                .areaMatchMode(AreaMatchMode.LOOSE).recordFlag(true).build());
        BindResult yb = bindings.bindYb(YbBindRequest.builder().origNum("+8613900000002")
                .subscriptionId(ax.subscriptionId()).build());
        assertThat(bindings.query(ax.subscriptionId())).singleElement()
                .satisfies(r -> assertThat(r.numY()).contains(yb.relationNumber()));

        CallResult call = SIMULATOR.placeCall(CallRequest.of("+8613800000001", yb.relationNumber().value()));
        CdrReceived event = cdrEvents.queue.poll(10, TimeUnit.SECONDS);
        assertThat(event).as("the CDR pushed through the webhook").isNotNull();
        assertThat(event.record().icid()).isEqualTo(call.icid());
        assertThat(received.cdrs).extracting(CallDetailRecord::icid).containsExactly(call.icid());

        HttpResponse<String> health = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(base + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"privateNumber\":{").contains("\"status\":\"UP\"")
                .contains("\"acknowledged\":");
        assertThat(context.getBean("privateNumberHealthIndicator")).isInstanceOf(org.springframework.boot.health.contributor.HealthIndicator.class);
        bindings.unbind(ax.subscriptionId());
    }

    @Test
    void aMissingSecretFailsTheStartupWithTheStartersReport(CapturedOutput output) {
        SpringApplication app = new SpringApplication(SmokeApplication.class);
        app.setDefaultProperties(Map.of("privatenumber.app-key", "key", "server.port", "0",
                "spring.main.banner-mode", "off"));
        assertThatThrownBy(app::run).hasStackTraceContaining("privatenumber.app-secret: is not set");
        assertThat(output).contains("APPLICATION FAILED TO START")
                .contains("The Private Number SDK is not configured correctly. privatenumber.app-secret: is not set")
                .contains("PRIVATENUMBER_APP_SECRET");
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Listener {
        @Bean
        CdrEvents cdrEvents() {
            return new CdrEvents();
        }
    }

    static final class CdrEvents {
        final BlockingQueue<CdrReceived> queue = new LinkedBlockingQueue<>();

        @EventListener
        void on(CdrReceived event) {
            queue.add(event);
        }
    }
}
