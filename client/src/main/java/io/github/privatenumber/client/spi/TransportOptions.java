package io.github.privatenumber.client.spi;

import io.github.privatenumber.core.InvalidValueException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Connection settings a transport is made with. Immutable and thread-safe. TLS certificate and host-name
 * verification are always on; {@link Builder#trustStore(KeyStore)} replaces the JDK's default trust anchors with
 * the given ones (for a private CA or the simulator's self-signed certificate) and is the only way to widen trust.
 */
public final class TransportOptions {

    /** Default time to establish a connection. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Default connection pool size. */
    public static final int DEFAULT_MAX_CONNECTIONS = 64;

    private final Duration connectTimeout;
    private final int maxConnections;
    private final ProxySettings proxy;
    private final KeyStore trustStore;

    private TransportOptions(Builder b) {
        this.connectTimeout = b.connectTimeout;
        this.maxConnections = b.maxConnections;
        this.proxy = b.proxy;
        this.trustStore = b.trustStore;
    }

    /**
     * @return the defaults: 5 s connect timeout, 64 connections, no proxy, the JDK's trust anchors
     */
    public static TransportOptions defaults() {
        return builder().build();
    }

    /**
     * @return a new builder with the defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @return the time allowed to establish a connection (TCP and TLS)
     */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /**
     * @return the most connections kept open to the platform
     */
    public int maxConnections() {
        return maxConnections;
    }

    /**
     * @return the proxy, if one is set
     */
    public Optional<ProxySettings> proxy() {
        return Optional.ofNullable(proxy);
    }

    /**
     * @return the trust anchors to use instead of the JDK's, if set
     */
    public Optional<KeyStore> trustStore() {
        return Optional.ofNullable(trustStore);
    }

    @Override
    public String toString() {
        return "TransportOptions[connectTimeout=" + connectTimeout + ", maxConnections=" + maxConnections
                + ", proxy=" + proxy + ", customTrustStore=" + (trustStore != null) + "]";
    }

    /** Builds {@link TransportOptions}; not thread-safe. */
    public static final class Builder {
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private ProxySettings proxy;
        private KeyStore trustStore;

        private Builder() {
        }

        /**
         * @param timeout time to establish a connection; positive, at most 10 minutes
         * @return this builder
         * @throws InvalidValueException if out of range
         */
        public Builder connectTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "connectTimeout");
            if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofMinutes(10)) > 0) {
                throw new InvalidValueException("connectTimeout", "must be positive and at most 10 minutes, got " + timeout);
            }
            this.connectTimeout = timeout;
            return this;
        }

        /**
         * @param max pool size, 1–10,000
         * @return this builder
         * @throws InvalidValueException if out of range
         */
        public Builder maxConnections(int max) {
            if (max < 1 || max > 10_000) {
                throw new InvalidValueException("maxConnections", "must be 1-10000, got " + max);
            }
            this.maxConnections = max;
            return this;
        }

        /**
         * @param proxy the proxy, or {@code null} for none
         * @return this builder
         */
        public Builder proxy(ProxySettings proxy) {
            this.proxy = proxy;
            return this;
        }

        /**
         * @param trustStore trust anchors that replace the JDK's, or {@code null} for the JDK's
         * @return this builder
         */
        public Builder trustStore(KeyStore trustStore) {
            this.trustStore = trustStore;
            return this;
        }

        /**
         * @return the options
         */
        public TransportOptions build() {
            return new TransportOptions(this);
        }
    }
}
