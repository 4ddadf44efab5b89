package io.github.privatenumber.spring;

import io.github.privatenumber.client.PrivateNumberClient;
import io.github.privatenumber.client.spi.HttpTransportFactory;
import io.github.privatenumber.core.binding.BindingGateway;
import io.github.privatenumber.core.call.CallControlGateway;
import io.github.privatenumber.core.recording.RecordingGateway;
import io.github.privatenumber.spring.internal.ClientSettings;
import io.github.privatenumber.spring.internal.ObservedTransportFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Fallback;
import org.springframework.core.io.ResourceLoader;

/**
 * Auto-configures the Private Number client from the {@code privatenumber.*} properties
 * ({@link PrivateNumberProperties}).
 *
 * <p>One bean, {@code privateNumberClient}, a {@link PrivateNumberClient}, serves all three ports: inject
 * {@link BindingGateway}, {@link RecordingGateway} or {@link CallControlGateway} (or the client itself for the
 * non-blocking methods). It is a {@link Fallback @Fallback} candidate, so a bean of your own for one port (a fake in
 * a test, a decorator) is injected for that port while the client still serves the others. It backs off when you
 * declare a {@code PrivateNumberClient} yourself, or beans for all three ports.
 *
 * <p>The transport: an {@link HttpTransportFactory} bean if you declare one, else the one
 * {@code privatenumber.transport} names, found through {@link java.util.ServiceLoader} ({@code auto}: Apache
 * HttpClient 5 when privatenumber-transport-httpclient is present, else the JDK's). Then every
 * {@link PrivateNumberClientCustomizer} bean adjusts the builder, in order.
 *
 * <p>Switched off by {@code privatenumber.enabled=false}. With it on, a missing app key or secret fails the
 * startup with a report naming the property.
 */
@AutoConfiguration
@ConditionalOnClass(PrivateNumberClient.class)
@ConditionalOnProperty(prefix = PrivateNumberProperties.PREFIX, name = "enabled", havingValue = "true",
        matchIfMissing = true)
@EnableConfigurationProperties(PrivateNumberProperties.class)
public class PrivateNumberAutoConfiguration {

    /** Created by Spring. */
    public PrivateNumberAutoConfiguration() {
    }

    /**
     * @return the recorder of recent platform outcomes that the health indicator reads
     */
    @Bean
    @ConditionalOnMissingBean
    public PrivateNumberActivity privateNumberActivity() {
        return new PrivateNumberActivity();
    }

    /**
     * @param properties the {@code privatenumber.*} properties
     * @param activity where the outcome of every attempt is recorded
     * @param transportFactories an {@link HttpTransportFactory} bean, if the application declares one
     * @param customizers the customizers, applied in order
     * @param resourceLoader whose class loader is searched for transports
     * @return the client, closed with the context
     * @throws PrivateNumberConfigurationException naming the property when the configuration cannot work
     */
    @Bean(destroyMethod = "close")
    @Fallback
    @ConditionalOnMissingBean(PrivateNumberClient.class)
    @Conditional(AnyPortMissing.class)
    public PrivateNumberClient privateNumberClient(PrivateNumberProperties properties, PrivateNumberActivity activity,
            ObjectProvider<HttpTransportFactory> transportFactories,
            ObjectProvider<PrivateNumberClientCustomizer> customizers, ResourceLoader resourceLoader) {
        ClientSettings.requireCredentials(properties, "the client signs every request with them");
        ClassLoader classLoader = resourceLoader.getClassLoader() != null ? resourceLoader.getClassLoader()
                : PrivateNumberAutoConfiguration.class.getClassLoader();
        HttpTransportFactory factory = transportFactories.getIfUnique(
                () -> ClientSettings.selectTransport(properties.transport(), classLoader));
        PrivateNumberClient.Builder builder = PrivateNumberClient.builder();
        ClientSettings.apply(builder, properties, new ObservedTransportFactory(factory, activity), classLoader);
        customizers.orderedStream().forEach(c -> c.customize(builder));
        return ClientSettings.build(builder);
    }

    /** Matches while at least one port has no bean of the application's own. */
    static final class AnyPortMissing extends AnyNestedCondition {

        AnyPortMissing() {
            super(ConfigurationPhase.REGISTER_BEAN);
        }

        @ConditionalOnMissingBean(BindingGateway.class)
        static final class BindingGatewayMissing {
        }

        @ConditionalOnMissingBean(RecordingGateway.class)
        static final class RecordingGatewayMissing {
        }

        @ConditionalOnMissingBean(CallControlGateway.class)
        static final class CallControlGatewayMissing {
        }
    }
}
