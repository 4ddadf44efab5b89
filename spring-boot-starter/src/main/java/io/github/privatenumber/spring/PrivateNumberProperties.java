package io.github.privatenumber.spring;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;
import org.springframework.util.unit.DataSize;

/**
 * The {@code privatenumber.*} properties. Immutable; bound once at startup. Absent optional values are
 * {@code null}; every other component has a default. Nothing here is checked beyond its type: the client and the
 * receiver validate the values when they are built, and a bad value fails the startup naming the property.
 *
 * @param enabled Whether to auto-configure the Private Number client, its ports, the webhook and the health
 *     indicator.
 * @param endpoint Base URL of the platform, as the Huawei Cloud console shows it for the app. Plain http is
 *     accepted only for a loopback host (the local simulator).
 * @param appKey App key from the Huawei Cloud console. Required while enabled.
 * @param appSecret App secret from the Huawei Cloud console. Required while enabled; never logged.
 * @param transport HTTP transport for the client: auto picks Apache HttpClient 5 when
 *     privatenumber-transport-httpclient is on the class path, else the JDK's java.net.http; httpclient or jdk
 *     forces one, and the startup fails when it is absent.
 * @param connectTimeout Time allowed to establish a connection (TCP and TLS).
 * @param responseTimeout Longest wait for one answer from the platform.
 * @param overallTimeout Longest time for a whole call, every retry and backoff included. Not below
 *     response-timeout.
 * @param maxConnections Most connections kept open to the platform, 1 to 10000.
 * @param proxy HTTP proxy to reach the platform through (CONNECT for https).
 * @param truststore Trust anchors that replace the JDK's (a private CA, a local simulator over https).
 *     Certificate and host name verification always stay on.
 * @param retry How calls are retried. Whether an operation may be retried at all is fixed per operation.
 * @param notifications Webhook that receives the platform's pushes (call events and CDRs).
 */
@ConfigurationProperties("privatenumber")
public record PrivateNumberProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("https://rtcpns.cn-north-1.myhuaweicloud.com") URI endpoint,
        String appKey,
        String appSecret,
        @DefaultValue("auto") TransportChoice transport,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("10s") Duration responseTimeout,
        @DefaultValue("30s") Duration overallTimeout,
        @DefaultValue("64") int maxConnections,
        @DefaultValue Proxy proxy,
        @DefaultValue Truststore truststore,
        @DefaultValue Retry retry,
        @DefaultValue Notifications notifications) {

    /**
     * The property prefix.
     */
    public static final String PREFIX = "privatenumber";

    /**
     * @return the app secret masked, never the secret
     */
    @Override
    public String toString() {
        return "PrivateNumberProperties[enabled=" + enabled + ", endpoint=" + endpoint + ", appKey=" + appKey
                + ", appSecret=" + (appSecret == null ? null : "******") + ", transport=" + transport
                + ", connectTimeout=" + connectTimeout + ", responseTimeout=" + responseTimeout + ", overallTimeout="
                + overallTimeout + ", maxConnections=" + maxConnections + ", proxy=" + proxy + ", truststore="
                + truststore + ", retry=" + retry + ", notifications=" + notifications + "]";
    }

    /**
     * Which HTTP transport carries the client's requests.
     */
    public enum TransportChoice {
        /** Apache HttpClient 5 when it is on the class path, else the JDK's {@code java.net.http}. */
        AUTO,
        /** Apache HttpClient 5 (privatenumber-transport-httpclient); the startup fails without it. */
        HTTPCLIENT,
        /** The JDK's {@code java.net.http} (privatenumber-transport-jdk). */
        JDK
    }

    /**
     * An HTTP proxy.
     *
     * @param host Proxy host. No proxy when not set.
     * @param port Proxy port. Required with a host.
     * @param username User name for Basic proxy authentication, if the proxy needs one.
     * @param password Password for Basic proxy authentication. Never logged.
     */
    public record Proxy(String host, Integer port, String username, String password) {

        /**
         * @return whether a proxy is configured
         */
        public boolean isConfigured() {
            return host != null && !host.isBlank();
        }

        /**
         * @return the password masked, never the password
         */
        @Override
        public String toString() {
            return "Proxy[host=" + host + ", port=" + port + ", username=" + username + ", password="
                    + (password == null ? null : "******") + "]";
        }
    }

    /**
     * A trust store.
     *
     * @param location Trust store to use instead of the JDK's trust anchors, e.g. classpath:platform-ca.p12 or
     *     file:/etc/pki/platform-ca.p12.
     * @param password Password of the trust store, if it has one. Never logged.
     * @param type Key store type of the trust store, e.g. PKCS12 or JKS.
     */
    public record Truststore(Resource location, String password, @DefaultValue("PKCS12") String type) {

        /**
         * @return the password masked, never the password
         */
        @Override
        public String toString() {
            return "Truststore[location=" + location + ", password=" + (password == null ? null : "******")
                    + ", type=" + type + "]";
        }
    }

    /**
     * How calls are retried: exponential backoff with jitter, within the overall timeout.
     *
     * @param maxAttempts Attempts per call, the first included: 1 (no retry) to 10.
     * @param initialBackoff Wait before the second attempt, before randomisation.
     * @param multiplier Factor by which each wait grows, 1.0 to 10.0.
     * @param jitter Randomisation of each wait, at least 0 and below 1: 0.5 turns a wait w into anything from 0.5w
     *     to 1.5w.
     * @param maxBackoff Cap on a wait, before randomisation. When not set, 5s or the initial backoff, whichever is
     *     larger.
     */
    public record Retry(
            @DefaultValue("3") int maxAttempts,
            @DefaultValue("200ms") Duration initialBackoff,
            @DefaultValue("2.0") double multiplier,
            @DefaultValue("0.5") double jitter,
            Duration maxBackoff) {
    }

    /**
     * The webhook for the platform's pushes. Enter its URLs as the app's call-status URL and CDR URL in the
     * console. Either path accepts either kind of push (the body says which it is).
     *
     * @param enabled Whether to mount the webhook (only in a Spring MVC application).
     * @param eventsPath Path of the call-status URL (call events). Either path accepts either kind of push.
     * @param cdrPath Path of the CDR URL (fee pushes). May equal events-path.
     * @param verifySignature Whether pushes must carry a valid signature made with the app's key and secret. Switch
     *     it off only when something in front has verified them already.
     * @param allowedSkew How far a push's Created time may lie from this server's clock, either way; also how long
     *     nonces are remembered against replay.
     * @param maxBodySize Largest accepted push body; larger ones are answered 413.
     * @param wsseEnabled Whether pushes signed with the legacy X-WSSE scheme are accepted.
     */
    public record Notifications(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("/privatenumber/events") String eventsPath,
            @DefaultValue("/privatenumber/cdr") String cdrPath,
            @DefaultValue("true") boolean verifySignature,
            @DefaultValue("5m") Duration allowedSkew,
            @DefaultValue("1MB") DataSize maxBodySize,
            @DefaultValue("false") boolean wsseEnabled) {
    }
}
