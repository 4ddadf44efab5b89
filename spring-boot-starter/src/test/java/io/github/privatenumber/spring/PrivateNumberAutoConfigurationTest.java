package io.github.privatenumber.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.privatenumber.client.PrivateNumberClient;
import io.github.privatenumber.client.spi.HttpTransport;
import io.github.privatenumber.client.spi.HttpTransportFactory;
import io.github.privatenumber.client.spi.TransportOptions;
import io.github.privatenumber.core.binding.AxBindRequest;
import io.github.privatenumber.core.binding.BindResult;
import io.github.privatenumber.core.binding.BindingGateway;
import io.github.privatenumber.core.binding.Relation;
import io.github.privatenumber.core.binding.SubscriptionId;
import io.github.privatenumber.core.binding.YbBindRequest;
import io.github.privatenumber.core.call.CallControlGateway;
import io.github.privatenumber.core.number.PhoneNumber;
import io.github.privatenumber.core.recording.RecordingGateway;
import io.github.privatenumber.transport.httpclient.HttpClient5TransportFactory;
import io.github.privatenumber.transport.jdk.JdkHttpTransportFactory;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

class PrivateNumberAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PrivateNumberAutoConfiguration.class))
            .withPropertyValues("privatenumber.app-key=test-app-key", "privatenumber.app-secret=test-app-secret");

    @Test
    void oneClientServesEveryPort() {
        runner.run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(PrivateNumberClient.class)
                    .hasSingleBean(PrivateNumberActivity.class);
            PrivateNumberClient client = context.getBean(PrivateNumberClient.class);
            assertThat(context.getBean(BindingGateway.class)).isSameAs(client);
            assertThat(context.getBean(RecordingGateway.class)).isSameAs(client);
            assertThat(context.getBean(CallControlGateway.class)).isSameAs(client);
            assertThat(client.endpoint()).isEqualTo(PrivateNumberClient.DEFAULT_ENDPOINT);
            assertThat(client.appKey()).isEqualTo("test-app-key");
            assertThat(client.toString()).doesNotContain("test-app-secret");
        });
    }

    @Test
    void prefersHttpClient5WhenItIsOnTheClassPath() {
        runner.run(context -> assertThat(transportOf(context)).isEqualTo("httpclient"));
    }

    @Test
    void fallsBackToTheJdkTransportWithoutHttpClient5() {
        runner.withClassLoader(new FilteredClassLoader(HttpClient5TransportFactory.class))
                .run(context -> assertThat(transportOf(context)).isEqualTo("jdk"));
    }

    @Test
    void theTransportPropertyForcesOne() {
        runner.withPropertyValues("privatenumber.transport=jdk")
                .run(context -> assertThat(transportOf(context)).isEqualTo("jdk"));
        runner.withPropertyValues("privatenumber.transport=httpclient")
                .run(context -> assertThat(transportOf(context)).isEqualTo("httpclient"));
    }

    @Test
    void forcingAnAbsentTransportFailsWithAClearMessage() {
        runner.withPropertyValues("privatenumber.transport=httpclient")
                .withClassLoader(new FilteredClassLoader(HttpClient5TransportFactory.class))
                .run(context -> {
                    assertThat(context).hasFailed();
                    PrivateNumberConfigurationException e = configurationFailure(context);
                    assertThat(e.property()).isEqualTo("privatenumber.transport");
                    assertThat(e.getMessage()).contains("is httpclient, but io.github.privatenumber:"
                            + "privatenumber-transport-httpclient is not on the class path (transports found: jdk)");
                    assertThat(e.action()).contains("privatenumber.transport=auto");
                });
    }

    @Test
    void noTransportAtAllFailsWithAClearMessage() {
        runner.withClassLoader(new FilteredClassLoader(HttpClient5TransportFactory.class, JdkHttpTransportFactory.class))
                .run(context -> assertThat(configurationFailure(context).getMessage())
                        .contains("privatenumber.transport: is auto, but no HTTP transport is on the class path"));
    }

    @Test
    void aTransportFactoryBeanIsUsed() {
        runner.withUserConfiguration(OwnTransport.class)
                .run(context -> assertThat(transportOf(context)).isEqualTo("own"));
    }

    @Test
    void missingSecretFailsTheStartupNamingTheProperty() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(PrivateNumberAutoConfiguration.class))
                .withPropertyValues("privatenumber.app-key=test-app-key")
                .run(context -> {
                    assertThat(context).hasFailed();
                    PrivateNumberConfigurationException e = configurationFailure(context);
                    assertThat(e.getMessage()).isEqualTo("privatenumber.app-secret: is not set, but the client signs"
                            + " every request with them.");
                    FailureAnalysis analysis = new PrivateNumberFailureAnalyzer().analyze(context.getStartupFailure());
                    assertThat(analysis.getDescription()).contains("privatenumber.app-secret: is not set");
                    assertThat(analysis.getAction()).contains("PRIVATENUMBER_APP_SECRET")
                            .contains("privatenumber.enabled=false");
                });
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(PrivateNumberAutoConfiguration.class))
                .run(context -> assertThat(configurationFailure(context).property())
                        .isEqualTo("privatenumber.app-key and privatenumber.app-secret"));
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(PrivateNumberAutoConfiguration.class))
                .withPropertyValues("privatenumber.app-key= ", "privatenumber.app-secret=s")
                .run(context -> assertThat(configurationFailure(context).property())
                        .isEqualTo("privatenumber.app-key"));
    }

    @Test
    void disabledMeansNoBeansAndNoCredentialsNeeded() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(PrivateNumberAutoConfiguration.class))
                .withPropertyValues("privatenumber.enabled=false")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(PrivateNumberClient.class)
                        .doesNotHaveBean(PrivateNumberActivity.class).doesNotHaveBean(PrivateNumberProperties.class));
    }

    @Test
    void aClientOfTheApplicationWins() {
        runner.withUserConfiguration(OwnClient.class).run(context -> {
            assertThat(context).hasSingleBean(PrivateNumberClient.class);
            assertThat(context.getBean(BindingGateway.class)).isSameAs(context.getBean("myClient"));
        });
    }

    @Test
    void aPortOfTheApplicationWinsForThatPortOnly() {
        runner.withUserConfiguration(OwnBindingGateway.class).run(context -> {
            assertThat(context.getBean(BindingGateway.class)).isInstanceOf(FakeBindingGateway.class);
            assertThat(context.getBean(RecordingGateway.class)).isInstanceOf(PrivateNumberClient.class);
            assertThat(context.getBean(CallControlGateway.class)).isInstanceOf(PrivateNumberClient.class);
        });
    }

    @Test
    void withEveryPortProvidedNoClientIsMade() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(PrivateNumberAutoConfiguration.class))
                .withUserConfiguration(OwnBindingGateway.class, OwnOtherPorts.class)
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(PrivateNumberClient.class));
    }

    @Test
    void customizersRunInOrderAfterTheProperties() {
        runner.withPropertyValues("privatenumber.endpoint=https://example.com/pn")
                .withUserConfiguration(Customizers.class).run(context -> {
                    assertThat(context.getBean(PrivateNumberClient.class).endpoint())
                            .isEqualTo(URI.create("https://second.example.com"));
                    assertThat(context.getBean(Customizers.class).calls).containsExactly("first", "second");
                });
    }

    @Test
    void propertiesReachTheClient() {
        runner.withPropertyValues("privatenumber.endpoint=https://rtcpns.cn-south-1.myhuaweicloud.com/prefix",
                "privatenumber.connect-timeout=2s", "privatenumber.response-timeout=3s",
                "privatenumber.overall-timeout=1m", "privatenumber.max-connections=8",
                "privatenumber.retry.max-attempts=5", "privatenumber.retry.initial-backoff=50ms",
                "privatenumber.retry.multiplier=1.5", "privatenumber.retry.jitter=0", "privatenumber.retry.max-backoff=1s",
                "privatenumber.proxy.host=proxy.example.com", "privatenumber.proxy.port=3128",
                "privatenumber.proxy.username=u", "privatenumber.proxy.password=p")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    PrivateNumberProperties p = context.getBean(PrivateNumberProperties.class);
                    assertThat(p.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
                    assertThat(p.overallTimeout()).isEqualTo(Duration.ofMinutes(1));
                    assertThat(p.retry().maxBackoff()).isEqualTo(Duration.ofSeconds(1));
                    assertThat(p.toString()).doesNotContain("test-app-secret").doesNotContain("=p]");
                    assertThat(context.getBean(PrivateNumberClient.class).endpoint())
                            .isEqualTo(URI.create("https://rtcpns.cn-south-1.myhuaweicloud.com/prefix"));
                });
    }

    @Test
    void badValuesFailNamingTheProperty() {
        expectFailure("privatenumber.endpoint", "privatenumber.endpoint=http://example.com");
        expectFailure("privatenumber.overall-timeout", "privatenumber.response-timeout=20s",
                "privatenumber.overall-timeout=10s");
        expectFailure("privatenumber.max-connections", "privatenumber.max-connections=0");
        expectFailure("privatenumber.retry.max-attempts", "privatenumber.retry.max-attempts=11");
        expectFailure("privatenumber.retry.jitter", "privatenumber.retry.jitter=1");
        expectFailure("privatenumber.proxy.port", "privatenumber.proxy.host=proxy.example.com");
        expectFailure("privatenumber.proxy.username", "privatenumber.proxy.host=proxy.example.com",
                "privatenumber.proxy.port=8080", "privatenumber.proxy.username=u");
        expectFailure("privatenumber.truststore.location", "privatenumber.truststore.location=file:/does/not/exist.p12");
        expectFailure("privatenumber.truststore.location", "privatenumber.truststore.location=classpath:not-a-keystore.txt");
    }

    private void expectFailure(String property, String... properties) {
        runner.withPropertyValues(properties).run(context -> {
            assertThat(context).hasFailed();
            PrivateNumberConfigurationException e = configurationFailure(context);
            assertThat(e.property()).as(String.join(", ", properties)).isEqualTo(property);
            assertThat(new PrivateNumberFailureAnalyzer().analyze(context.getStartupFailure()).getAction())
                    .contains(property.substring(property.lastIndexOf('.') + 1));
        });
    }

    static PrivateNumberConfigurationException configurationFailure(
            org.springframework.boot.test.context.assertj.ApplicationContextAssertProvider<?> context) {
        Throwable t = context.getStartupFailure();
        while (t != null && !(t instanceof PrivateNumberConfigurationException)) {
            t = t.getCause();
        }
        assertThat(t).as("a PrivateNumberConfigurationException among the causes of %s", context.getStartupFailure())
                .isNotNull();
        return (PrivateNumberConfigurationException) t;
    }

    private static String transportOf(AssertableApplicationContext context) {
        assertThat(context).hasNotFailed();
        context.getBean(PrivateNumberClient.class);
        return context.getBean(PrivateNumberActivity.class).snapshot().transport().orElseThrow();
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnTransport {
        @Bean
        HttpTransportFactory ownTransportFactory() {
            return new HttpTransportFactory() {
                @Override
                public String name() {
                    return "own";
                }

                @Override
                public int priority() {
                    return 1;
                }

                @Override
                public HttpTransport create(TransportOptions options) {
                    return request -> CompletableFuture.failedFuture(new IllegalStateException("not used"));
                }
            };
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnClient {
        @Bean(destroyMethod = "close")
        PrivateNumberClient myClient() {
            return PrivateNumberClient.builder().credentials("mine", "my-secret").transportFactory(new JdkHttpTransportFactory())
                    .build();
        }
    }

    static final class FakeBindingGateway implements BindingGateway {
        @Override
        public BindResult bindAx(AxBindRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public BindResult bindYb(YbBindRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void unbind(SubscriptionId subscriptionId) {
        }

        @Override
        public void unbindY(SubscriptionId subscriptionId, PhoneNumber yNum) {
        }

        @Override
        public void unbindB(SubscriptionId subscriptionId, PhoneNumber bNum) {
        }

        @Override
        public List<Relation> query(SubscriptionId subscriptionId) {
            return List.of();
        }

        @Override
        public List<Relation> queryByX(PhoneNumber x) {
            return List.of();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnBindingGateway {
        @Bean
        BindingGateway fakeBindingGateway() {
            return new FakeBindingGateway();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnOtherPorts {
        @Bean
        RecordingGateway fakeRecordingGateway() {
            return reference -> {
                throw new UnsupportedOperationException();
            };
        }

        @Bean
        CallControlGateway fakeCallControlGateway() {
            return sessionId -> {
            };
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Customizers {
        final List<String> calls = new ArrayList<>();

        @Bean
        @Order(2)
        PrivateNumberClientCustomizer second() {
            return b -> {
                calls.add("second");
                b.endpoint("https://second.example.com");
            };
        }

        @Bean
        @Order(1)
        PrivateNumberClientCustomizer first() {
            return b -> {
                calls.add("first");
                b.endpoint("https://first.example.com");
            };
        }
    }
}
