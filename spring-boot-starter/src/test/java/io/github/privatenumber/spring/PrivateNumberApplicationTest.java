package io.github.privatenumber.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.privatenumber.client.PrivateNumberClient;
import io.github.privatenumber.core.PlatformException;
import io.github.privatenumber.core.binding.AreaMatchMode;
import io.github.privatenumber.core.binding.AxBindRequest;
import io.github.privatenumber.core.binding.BindResult;
import io.github.privatenumber.core.binding.BindingGateway;
import io.github.privatenumber.core.binding.Relation;
import io.github.privatenumber.core.binding.YbBindRequest;
import io.github.privatenumber.core.notification.CallDetailRecord;
import io.github.privatenumber.core.notification.CallEvent;
import io.github.privatenumber.core.notification.CallEventType;
import io.github.privatenumber.core.notification.NotificationSink;
import io.github.privatenumber.core.number.PhoneNumber;
import io.github.privatenumber.core.recording.RecordingGateway;
import io.github.privatenumber.core.recording.RecordingUrl;
import io.github.privatenumber.core.result.ResultCode;
import io.github.privatenumber.notifications.testing.PushTestClient;
import io.github.privatenumber.simulator.CallRequest;
import io.github.privatenumber.simulator.CallResult;
import io.github.privatenumber.simulator.Fault;
import io.github.privatenumber.simulator.Simulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A Spring Boot 3.5 application with the starter, Spring MVC and Actuator against the simulator over real sockets:
 * binding through the injected ports, pushes through the mounted webhook, the health component.
 */
@SpringBootTest(classes = PrivateNumberApplicationTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"management.endpoint.health.show-details=always", "privatenumber.retry.initial-backoff=10ms",
            "spring.main.banner-mode=off"})
class PrivateNumberApplicationTest {

    static final Simulator SIMULATOR = Simulator.builder().repushTimeScale(0.001).build().start();
    static final String A = "+8613800000001";
    static final String B = "+8613900000002";

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
    RecordingGateway recordings;
    @Autowired
    PrivateNumberClient client;
    @Autowired
    Inbox inbox;
    @Autowired
    Environment environment;

    @BeforeEach
    void pointThePlatformAtOurWebhook() {
        SIMULATOR.reset();
        inbox.clear();
        String base = "http://127.0.0.1:" + environment.getRequiredProperty("local.server.port");
        SIMULATOR.setPushUrls(URI.create(base + "/privatenumber/events"), URI.create(base + "/privatenumber/cdr"));
    }

    @Test
    void bindCallReceiveAndFetchTheRecording() throws Exception {
        assertThat(bindings).isSameAs(client);
        assertThat(client.toString()).contains("transport=httpclient");

        BindResult ax = bindings.bindAx(AxBindRequest.builder().origNum(A).areaCode("0755")
                .areaMatchMode(AreaMatchMode.LOOSE).recordFlag(true).userData("order-1").build());
        BindResult yb = bindings.bindYb(YbBindRequest.builder().origNum(B).subscriptionId(ax.subscriptionId()).build());
        List<Relation> relations = bindings.query(ax.subscriptionId());
        assertThat(relations).singleElement().satisfies(r -> {
            assertThat(r.numA()).isEqualTo(PhoneNumber.of(A));
            assertThat(r.numX()).isEqualTo(ax.relationNumber());
            assertThat(r.numY()).contains(yb.relationNumber());
            assertThat(r.numB()).contains(PhoneNumber.of(B));
        });

        CallResult call = SIMULATOR.placeCall(CallRequest.of(A, yb.relationNumber().value()).talkSeconds(30));
        assertThat(call.answered()).isTrue();

        CallDetailRecord cdr = inbox.cdrs.poll(10, TimeUnit.SECONDS);
        assertThat(cdr).as("a CDR through the webhook").isNotNull();
        assertThat(cdr.icid()).isEqualTo(call.icid());
        assertThat(cdr.talkTime()).isEqualTo(Duration.ofSeconds(30));
        assertThat(inbox.cdrEvents.poll(5, TimeUnit.SECONDS)).as("the same CDR as an application event")
                .isEqualTo(new CdrReceived(cdr));
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            while (inbox.events.stream().noneMatch(e -> e.type().equals(CallEventType.DISCONNECT))) {
                Thread.sleep(20);
            }
        });
        assertThat(inbox.events).extracting(CallEvent::type).contains(CallEventType.CALLIN, CallEventType.ANSWER);

        RecordingUrl url = recordings.downloadUrl(cdr.recordingReference().orElseThrow());
        assertThat(url.value()).startsWith(SIMULATOR.baseUrl() + "/simulator/recordings/");

        bindings.unbind(ax.subscriptionId());
        assertThatThrownBy(() -> bindings.query(ax.subscriptionId())).isInstanceOfSatisfying(PlatformException.class,
                e -> assertThat(e.resultCode()).isEqualTo(ResultCode.BINDING_NOT_FOUND));

        HttpResponse<String> health = get("/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"privateNumber\":{\"status\":\"UP\"")
                .contains("\"transport\":\"httpclient\"").contains("\"acknowledged\":")
                .doesNotContain(SIMULATOR.credentials().appSecret()).doesNotContain(A).doesNotContain(B);
    }

    @Test
    void healthGoesDownWhenThePlatformFailsAndUpWhenItAnswers() throws Exception {
        BindResult ax = bindings.bindAx(AxBindRequest.builder().origNum(A).areaCode("0755").build());
        SIMULATOR.faults().add(Fault.serverError("/rest/omp/xyrelationnumber/v1.0").unlimited());
        assertThatThrownBy(() -> bindings.query(ax.subscriptionId())).isInstanceOf(PlatformException.class);
        HttpResponse<String> down = get("/actuator/health");
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.body()).contains("\"privateNumber\":{\"status\":\"DOWN\"")
                .contains("the last 3 attempts to the platform failed");
        SIMULATOR.faults().clear();
        assertThat(bindings.query(ax.subscriptionId())).hasSize(1);
        assertThat(get("/actuator/health").statusCode()).isEqualTo(200);
    }

    @Test
    void anUnsignedPushIsRefused() throws Exception {
        URI url = URI.create("http://127.0.0.1:" + environment.getRequiredProperty("local.server.port")
                + "/privatenumber/cdr");
        String body = PushTestClient.cdrBody(PushTestClient.cdr("forged"));
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(inbox.cdrs).isEmpty();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + environment.getRequiredProperty("local.server.port") + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** What the application under test does with pushes: a sink and an event listener. */
    static final class Inbox implements NotificationSink {
        final BlockingQueue<CallDetailRecord> cdrs = new LinkedBlockingQueue<>();
        final BlockingQueue<CallEvent> events = new LinkedBlockingQueue<>();
        final BlockingQueue<CdrReceived> cdrEvents = new LinkedBlockingQueue<>();

        @Override
        public void onCallEvent(CallEvent event) {
            events.add(event);
        }

        @Override
        public void onCallDetailRecord(CallDetailRecord record) {
            cdrs.add(record);
        }

        @EventListener
        void on(CdrReceived event) {
            cdrEvents.add(event);
        }

        void clear() {
            cdrs.clear();
            events.clear();
            cdrEvents.clear();
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
        @Bean
        Inbox inbox() {
            return new Inbox();
        }
    }
}
