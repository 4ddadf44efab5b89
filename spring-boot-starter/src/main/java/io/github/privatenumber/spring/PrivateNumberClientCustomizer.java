package io.github.privatenumber.spring;

import io.github.privatenumber.client.PrivateNumberClient;

/**
 * Adjusts the auto-configured client's builder after the {@code privatenumber.*} properties were applied, for what
 * properties do not cover (a clock, a nonce source, retryable result codes, …). Declare one or more as beans; they
 * run in {@link org.springframework.core.annotation.Order @Order}. To bring your own transport declare an
 * {@link io.github.privatenumber.client.spi.HttpTransportFactory} bean instead of calling
 * {@code builder.transport(..)} here (the starter has set a transport factory already).
 */
@FunctionalInterface
public interface PrivateNumberClientCustomizer {

    /**
     * @param builder the builder, properties applied
     */
    void customize(PrivateNumberClient.Builder builder);
}
