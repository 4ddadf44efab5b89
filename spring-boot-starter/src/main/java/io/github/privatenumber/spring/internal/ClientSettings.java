package io.github.privatenumber.spring.internal;

import io.github.privatenumber.client.PrivateNumberClient;
import io.github.privatenumber.client.RetryOptions;
import io.github.privatenumber.client.spi.HttpTransportFactory;
import io.github.privatenumber.client.spi.ProxySettings;
import io.github.privatenumber.core.InvalidValueException;
import io.github.privatenumber.spring.PrivateNumberConfigurationException;
import io.github.privatenumber.spring.PrivateNumberProperties;
import io.github.privatenumber.spring.PrivateNumberProperties.TransportChoice;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Supplier;

/**
 * Turns {@code privatenumber.*} properties into client builder settings, and any value the client refuses into a
 * {@link PrivateNumberConfigurationException} naming the property. Stateless.
 */
public final class ClientSettings {

    private static final String PREFIX = PrivateNumberProperties.PREFIX + ".";

    private ClientSettings() {
    }

    /**
     * Fails unless the app key and secret are both set.
     *
     * @param properties the properties
     * @param why what needs them, for the message, e.g. {@code "the client signs every request with them"}
     * @throws PrivateNumberConfigurationException naming the missing property
     */
    public static void requireCredentials(PrivateNumberProperties properties, String why) {
        boolean key = hasText(properties.appKey());
        boolean secret = hasText(properties.appSecret());
        if (key && secret) {
            return;
        }
        String property = !key && !secret ? PREFIX + "app-key and " + PREFIX + "app-secret"
                : !key ? PREFIX + "app-key" : PREFIX + "app-secret";
        throw new PrivateNumberConfigurationException(property, (!key && !secret ? "are" : "is") + " not set, but "
                + why + ".",
                "Set " + PREFIX + "app-key and " + PREFIX + "app-secret to the app's key and secret from the Huawei"
                + " Cloud console (for example as the environment variables PRIVATENUMBER_APP_KEY and"
                + " PRIVATENUMBER_APP_SECRET), or set " + PREFIX + "enabled=false to switch the Private Number"
                + " auto-configuration off.");
    }

    /**
     * Applies the properties to a builder.
     *
     * @param builder the builder
     * @param p the properties
     * @param factory the transport factory to use
     * @param classLoader for the trust store resource
     * @throws PrivateNumberConfigurationException naming the property the client refused
     */
    public static void apply(PrivateNumberClient.Builder builder, PrivateNumberProperties p, HttpTransportFactory factory,
            ClassLoader classLoader) {
        requireCredentials(p, "the client signs every request with them");
        run(() -> builder.credentials(p.appKey(), p.appSecret()));
        if (p.endpoint() == null) {
            throw new PrivateNumberConfigurationException(PREFIX + "endpoint", "is empty",
                    "Remove the property to use the platform's default endpoint, or set the app's endpoint from the"
                            + " Huawei Cloud console.");
        }
        run(() -> builder.endpoint(p.endpoint()));
        run(() -> builder.connectTimeout(required("connect-timeout", p.connectTimeout())));
        run(() -> builder.responseTimeout(required("response-timeout", p.responseTimeout())));
        run(() -> builder.overallTimeout(required("overall-timeout", p.overallTimeout())));
        run(() -> builder.maxConnections(p.maxConnections()));
        PrivateNumberProperties.Proxy proxy = p.proxy();
        if (proxy != null && proxy.isConfigured()) {
            if (proxy.port() == null) {
                throw new PrivateNumberConfigurationException(PREFIX + "proxy.port", "is not set, but "
                        + PREFIX + "proxy.host is", "Set " + PREFIX + "proxy.port to the proxy's port.");
            }
            run(() -> builder.proxy(new ProxySettings(proxy.host(), proxy.port(), emptyToNull(proxy.username()),
                    emptyToNull(proxy.password()))));
        }
        PrivateNumberProperties.Truststore ts = p.truststore();
        if (ts != null && ts.location() != null) {
            KeyStore keyStore = loadTrustStore(ts);
            run(() -> builder.trustStore(keyStore));
        }
        PrivateNumberProperties.Retry r = p.retry();
        if (r != null) {
            run(() -> {
                RetryOptions.Builder rb = RetryOptions.builder()
                        .maxAttempts(r.maxAttempts())
                        .initialBackoff(required("retry.initial-backoff", r.initialBackoff()))
                        .multiplier(r.multiplier())
                        .jitter(r.jitter());
                if (r.maxBackoff() != null) {
                    rb.maxBackoff(r.maxBackoff());
                }
                return builder.retry(rb.build());
            });
        }
        builder.transportFactory(factory);
    }

    /**
     * Builds the client, reporting a refused combination as the property at fault.
     *
     * @param builder the configured builder
     * @return the client
     */
    public static PrivateNumberClient build(PrivateNumberClient.Builder builder) {
        return run(builder::build);
    }

    /**
     * Finds the transport factory the properties ask for through {@link ServiceLoader}.
     *
     * @param choice the {@code privatenumber.transport} property
     * @param classLoader where to look
     * @return the factory
     * @throws PrivateNumberConfigurationException when it is not on the class path
     */
    public static HttpTransportFactory selectTransport(TransportChoice choice, ClassLoader classLoader) {
        List<HttpTransportFactory> found = discover(classLoader);
        List<String> names = found.stream().map(HttpTransportFactory::name).sorted().toList();
        TransportChoice wanted = choice == null ? TransportChoice.AUTO : choice;
        if (wanted == TransportChoice.AUTO) {
            if (found.isEmpty()) {
                throw new PrivateNumberConfigurationException(PREFIX + "transport",
                        "is auto, but no HTTP transport is on the class path",
                        "Add io.github.privatenumber:privatenumber-transport-jdk (no further dependencies) or"
                                + " io.github.privatenumber:privatenumber-transport-httpclient (Apache HttpClient"
                                + " 5), or declare an HttpTransportFactory bean.");
            }
            List<HttpTransportFactory> byPreference = found.stream()
                    .sorted(Comparator.comparingInt(HttpTransportFactory::priority).reversed()
                            .thenComparing(HttpTransportFactory::name))
                    .toList();
            return new SelectedTransportFactory(byPreference, false);
        }
        String name = wanted.name().toLowerCase(Locale.ROOT);
        String artifact = "privatenumber-transport-" + name;
        HttpTransportFactory factory = found.stream()
                .filter(f -> name.equals(f.name()))
                .findFirst()
                .orElseThrow(() -> new PrivateNumberConfigurationException(PREFIX + "transport",
                        "is " + name + ", but io.github.privatenumber:" + artifact + " is not on the class path"
                                + " (transports found: " + (names.isEmpty() ? "none" : String.join(", ", names)) + ")",
                        "Add the dependency io.github.privatenumber:" + artifact + ", or set " + PREFIX
                                + "transport=auto to use whichever transport is present."));
        return new SelectedTransportFactory(List.of(factory), true);
    }

    private static List<HttpTransportFactory> discover(ClassLoader classLoader) {
        List<HttpTransportFactory> out = new ArrayList<>();
        Iterator<HttpTransportFactory> it = ServiceLoader.load(HttpTransportFactory.class, classLoader).iterator();
        for (int errors = 0; errors < 100;) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                out.add(it.next());
            } catch (ServiceConfigurationError | LinkageError e) {
                // a provider whose classes are missing must not hide one that works
                errors++;
            }
        }
        return out;
    }

    private static KeyStore loadTrustStore(PrivateNumberProperties.Truststore ts) {
        String property = PREFIX + "truststore.location";
        if (!ts.location().exists()) {
            throw new PrivateNumberConfigurationException(property, ts.location().getDescription() + " does not exist",
                    "Point " + property + " at a readable trust store (e.g. file:/etc/pki/platform-ca.p12 or"
                            + " classpath:platform-ca.p12), or remove it to trust the JDK's certificate authorities.");
        }
        String type = hasText(ts.type()) ? ts.type() : "PKCS12";
        try (InputStream in = ts.location().getInputStream()) {
            KeyStore ks = KeyStore.getInstance(type);
            ks.load(in, ts.password() == null ? null : ts.password().toCharArray());
            return ks;
        } catch (IOException | GeneralSecurityException e) {
            throw new PrivateNumberConfigurationException(property, "cannot be read as a " + type + " trust store ("
                    + e.getClass().getSimpleName() + ")", "Check that " + property + " is a trust store of type " + PREFIX
                    + "truststore.type and that " + PREFIX + "truststore.password opens it.", e);
        }
    }

    private static <T> T required(String property, T value) {
        if (value == null) {
            throw new PrivateNumberConfigurationException(PREFIX + property, "is empty",
                    "Remove the property to use its default, or give it a value.");
        }
        return value;
    }

    private static <T> T run(Supplier<T> step) {
        try {
            return step.get();
        } catch (InvalidValueException e) {
            String property = toProperty(e.field());
            throw new PrivateNumberConfigurationException(property, e.getMessage().substring(e.field().length() + 2),
                    "Correct " + property + " (see the table of properties in the privatenumber-spring-boot-starter"
                            + " documentation).", e);
        }
    }

    /**
     * @param field a client option name as {@link InvalidValueException#field()} spells it, e.g.
     *     {@code retry.maxAttempts}
     * @return the property, e.g. {@code privatenumber.retry.max-attempts}
     */
    static String toProperty(String field) {
        switch (field) {
            case "credentials":
            case "appKey":
                return PREFIX + "app-key";
            case "appSecret":
                return PREFIX + "app-secret";
            case "trustStore":
                return PREFIX + "truststore.location";
            default:
                break;
        }
        StringBuilder sb = new StringBuilder(PREFIX);
        for (char c : field.toCharArray()) {
            if (Character.isUpperCase(c)) {
                sb.append('-').append(Character.toLowerCase(c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static boolean hasText(String s) {
        return s != null && !s.isBlank();
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
