package io.github.privatenumber.spring;

import static io.github.privatenumber.spring.PrivateNumberAutoConfigurationTest.configurationFailure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.github.privatenumber.core.AppCredentials;
import io.github.privatenumber.core.notification.CallDetailRecord;
import io.github.privatenumber.core.notification.CallEvent;
import io.github.privatenumber.core.notification.CallEventType;
import io.github.privatenumber.core.notification.NotificationSink;
import io.github.privatenumber.notifications.DeduplicationStore;
import io.github.privatenumber.notifications.InMemoryDeduplicationStore;
import io.github.privatenumber.notifications.NotificationReceiver;
import io.github.privatenumber.notifications.testing.PushTestClient;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.servlet.function.RouterFunction;

class PrivateNumberNotificationsAutoConfigurationTest {

    private static final AppCredentials APP = AppCredentials.of("test-app-key", "test-app-secret");
    private static final PushTestClient PLATFORM = PushTestClient.of(APP);

    private final WebApplicationContextRunner web = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PrivateNumberAutoConfiguration.class,
                    PrivateNumberNotificationsAutoConfiguration.class))
            .withPropertyValues("privatenumber.app-key=" + APP.appKey(), "privatenumber.app-secret=" + APP.appSecret());

    @Test
    void mountsTheWebhookInAServletApplication() {
        web.run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(NotificationReceiver.class)
                    .hasBean("privateNumberWebhook");
            assertThat(context.getBean("privateNumberWebhook")).isInstanceOf(RouterFunction.class);
            NotificationReceiver receiver = context.getBean(NotificationReceiver.class);
            assertThat(receiver.verifiesSignatures()).isTrue();
            assertThat(receiver.maxBodyBytes()).isEqualTo(1024 * 1024);
        });
    }

    @Test
    void notInAnApplicationWithoutSpringMvc() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(PrivateNumberAutoConfiguration.class,
                        PrivateNumberNotificationsAutoConfiguration.class))
                .withPropertyValues("privatenumber.app-key=k", "privatenumber.app-secret=s")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(NotificationReceiver.class));
        web.withClassLoader(new FilteredClassLoader(RouterFunction.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(NotificationReceiver.class));
    }

    @Test
    void switchedOffByEitherProperty() {
        web.withPropertyValues("privatenumber.notifications.enabled=false").run(context -> assertThat(context)
                .hasNotFailed().doesNotHaveBean(NotificationReceiver.class).hasBean("privateNumberClient"));
        web.withPropertyValues("privatenumber.enabled=false").run(context -> assertThat(context)
                .hasNotFailed().doesNotHaveBean(NotificationReceiver.class).doesNotHaveBean("privateNumberClient"));
    }

    @Test
    void propertiesReachTheReceiver() {
        web.withPropertyValues("privatenumber.notifications.verify-signature=false",
                "privatenumber.notifications.max-body-size=64KB").run(context -> {
                    NotificationReceiver receiver = context.getBean(NotificationReceiver.class);
                    assertThat(receiver.verifiesSignatures()).isFalse();
                    assertThat(receiver.maxBodyBytes()).isEqualTo(64 * 1024);
                });
    }

    @Test
    void badValuesFailNamingTheProperty() {
        web.withPropertyValues("privatenumber.notifications.events-path=privatenumber/events").run(context ->
                assertThat(configurationFailure(context).property()).isEqualTo("privatenumber.notifications.events-path"));
        web.withPropertyValues("privatenumber.notifications.max-body-size=10B").run(context ->
                assertThat(configurationFailure(context).property())
                        .isEqualTo("privatenumber.notifications.max-body-size"));
        web.withPropertyValues("privatenumber.notifications.allowed-skew=-1s").run(context ->
                assertThat(configurationFailure(context).property())
                        .isEqualTo("privatenumber.notifications.allowed-skew"));
    }

    @Test
    void applicationBeansWin() {
        web.withUserConfiguration(OwnReceiver.class).run(context -> assertThat(context.getBean(NotificationReceiver.class))
                .isSameAs(context.getBean("myReceiver")));
        web.withUserConfiguration(OwnStore.class).run(context -> assertThat(context.getBean(NotificationReceiver.class)
                .deduplicationStore()).isSameAs(context.getBean(DeduplicationStore.class)));
    }

    @Test
    void deliversToEverySinkInOrderThenPublishesEvents() {
        web.withUserConfiguration(Sinks.class).run(context -> {
            NotificationReceiver receiver = context.getBean(NotificationReceiver.class);
            List<String> seen = context.getBean(Sinks.class).seen;
            String cdr = PushTestClient.cdrBody(PushTestClient.cdr("icid-1"));
            assertThat(PLATFORM.deliver(receiver, cdr).status()).isEqualTo(200);
            String event = PushTestClient.event(CallEventType.DISCONNECT).sessionId("s-1").stateCode(0).toJson();
            assertThat(PLATFORM.deliver(receiver, event).status()).isEqualTo(200);
            assertThat(seen).containsExactly("first cdr icid-1", "second cdr icid-1", "event cdr icid-1",
                    "first event disconnect", "second event disconnect", "event event disconnect");
            assertThat(PLATFORM.deliver(receiver, cdr).status()).as("a re-push").isEqualTo(200);
            assertThat(seen).hasSize(6);
        });
    }

    @Test
    void aListenerThatThrowsRejectsThePushSoItComesAgain() {
        web.withUserConfiguration(FailingListener.class).run(context -> {
            NotificationReceiver receiver = context.getBean(NotificationReceiver.class);
            FailingListener listener = context.getBean(FailingListener.class);
            String cdr = PushTestClient.cdrBody(PushTestClient.cdr("icid-2"));
            assertThat(PLATFORM.deliver(receiver, cdr).status()).isEqualTo(500);
            listener.failing.set(false);
            assertThat(PLATFORM.deliver(receiver, cdr).status()).isEqualTo(200);
            assertThat(listener.received).containsExactly("icid-2");
        });
    }

    @Test
    void servesBothPathsThroughSpringMvc() {
        web.withConfiguration(AutoConfigurations.of(WebMvcAutoConfiguration.class,
                HttpMessageConvertersAutoConfiguration.class))
                .withUserConfiguration(Sinks.class)
                .withPropertyValues("privatenumber.notifications.cdr-path=/hooks/cdr")
                .run(context -> {
                    MockMvc mvc = MockMvcBuilders.webAppContextSetup((WebApplicationContext) context).build();
                    String cdr = PushTestClient.cdrBody(PushTestClient.cdr("icid-3"));
                    for (String path : List.of("/privatenumber/events", "/hooks/cdr")) {
                        var request = post(path).contentType(MediaType.APPLICATION_JSON).content(cdr);
                        PLATFORM.headers().forEach(request::header);
                        mvc.perform(request).andExpect(status().isOk())
                                .andExpect(content().contentType("application/json;charset=UTF-8"));
                    }
                    // a console URL with a trailing slash reaches the same webhook
                    String other = PushTestClient.cdrBody(PushTestClient.cdr("icid-4"));
                    var slashed = post("/hooks/cdr/").contentType(MediaType.APPLICATION_JSON).content(other);
                    PLATFORM.headers().forEach(slashed::header);
                    mvc.perform(slashed).andExpect(status().isOk());
                    mvc.perform(post("/hooks/cdr").contentType(MediaType.APPLICATION_JSON).content(cdr))
                            .andExpect(status().isUnauthorized());
                    mvc.perform(get("/hooks/cdr")).andExpect(status().isMethodNotAllowed())
                            .andExpect(header().string("Allow", "POST"));
                    mvc.perform(get("/privatenumber/cdr")).andExpect(status().isNotFound());
                    assertThat(context.getBean(Sinks.class).seen).containsExactly("first cdr icid-3",
                            "second cdr icid-3", "event cdr icid-3", "first cdr icid-4", "second cdr icid-4",
                            "event cdr icid-4");
                    PrivateNumberActivity.Snapshot s = context.getBean(PrivateNumberActivity.class).snapshot();
                    assertThat(s.pushesAcknowledged()).isEqualTo(3);
                    assertThat(s.pushesRejected()).isEqualTo(2);
                    assertThat(s.lastPushStatus()).isEqualTo(405);
                });
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnReceiver {
        @Bean
        NotificationReceiver myReceiver() {
            return NotificationReceiver.builder().withoutSignatureVerification().sink(new NotificationSink() {
                @Override
                public void onCallEvent(CallEvent event) {
                }

                @Override
                public void onCallDetailRecord(CallDetailRecord record) {
                }
            }).build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnStore {
        @Bean
        DeduplicationStore store() {
            return InMemoryDeduplicationStore.create();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Sinks {
        final List<String> seen = new CopyOnWriteArrayList<>();

        @Bean
        @Order(2)
        NotificationSink second() {
            return sink("second");
        }

        @Bean
        @Order(1)
        NotificationSink first() {
            return sink("first");
        }

        @EventListener
        void on(CdrReceived e) {
            seen.add("event cdr " + e.record().icid());
        }

        @EventListener
        void on(CallEventReceived e) {
            seen.add("event event " + e.event().type());
        }

        private NotificationSink sink(String name) {
            return new NotificationSink() {
                @Override
                public void onCallEvent(CallEvent event) {
                    seen.add(name + " event " + event.type());
                }

                @Override
                public void onCallDetailRecord(CallDetailRecord record) {
                    seen.add(name + " cdr " + record.icid());
                }
            };
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class FailingListener {
        final AtomicBoolean failing = new AtomicBoolean(true);
        final List<String> received = new CopyOnWriteArrayList<>();

        @EventListener
        void on(CdrReceived e) {
            if (failing.get()) {
                throw new IllegalStateException("database down");
            }
            received.add(e.record().icid());
        }
    }

}
